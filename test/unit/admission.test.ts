import { describe, expect, it } from 'vitest';
import { AdmissionPolicy, type RejoinAttempt } from '../../src/shared/admission.js';
import { newNonce } from '../../src/shared/ids.js';
import { computeRejoinProof, type RejoinContext } from '../../src/shared/rejoin.js';

const GRACE_MS = 60_000;
const CONTEXT: RejoinContext = {
  nonce: 'n-1',
  sharerPeerId: 'db-sharer',
  viewerPeerId: 'guest-new',
  client: 'client-ann',
};

const policy = (admitEveryone = false, rejoinGraceMs = GRACE_MS) =>
  new AdmissionPolicy({ admitEveryone, rejoinGraceMs });

/** Admits `client` as watching and returns the rejoin attempt its tab would make with the token. */
async function admitted(p: AdmissionPolicy, client = 'client-ann'): Promise<RejoinAttempt> {
  const token = p.statusChanged(client, 'guest-old', 'watching', 0, newNonce);
  if (!token) throw new Error('no token for a watching guest');
  const context = { ...CONTEXT, client };
  return { mac: await computeRejoinProof(token, context), context };
}

describe('AdmissionPolicy.decide', () => {
  it('asks the sharer by default', async () => {
    expect(await policy().decide('client-ann', null, false, 0)).toEqual({
      admission: 'ask',
      rejoined: false,
    });
  });

  it('lets everyone in with admit-everyone, until the share is full', async () => {
    const p = policy(true);
    expect((await p.decide('client-ann', null, false, 0)).admission).toBe('admit');
    expect((await p.decide('client-ann', null, true, 0)).admission).toBe('full');
  });

  it('asks a removed client again even with admit-everyone on', async () => {
    const p = policy(true);
    p.remove('client-ann');
    expect((await p.decide('client-ann', null, false, 0)).admission).toBe('ask');
    expect((await p.decide('client-bob', null, false, 0)).admission).toBe('admit');
  });

  it('lets an admitted guest back in with its token, and says so', async () => {
    const p = policy();
    const attempt = await admitted(p);
    expect(await p.decide('client-ann', attempt, false, 1_000)).toEqual({
      admission: 'admit',
      rejoined: true,
    });
  });

  it('honours the token after the guest left only within the grace period', async () => {
    const p = policy();
    const attempt = await admitted(p);
    p.statusChanged('client-ann', 'guest-old', 'left', 10_000, newNonce);
    expect((await p.decide('client-ann', attempt, false, 10_000 + GRACE_MS - 1)).admission).toBe(
      'admit',
    );
    expect((await p.decide('client-ann', attempt, false, 10_000 + GRACE_MS + 1)).admission).toBe(
      'ask',
    );
  });

  it('never lets a removed guest back with its token', async () => {
    const p = policy();
    const attempt = await admitted(p);
    p.remove('client-ann');
    expect(await p.decide('client-ann', attempt, false, 1_000)).toEqual({
      admission: 'ask',
      rejoined: false,
    });
  });

  it('does not honour a token proved for another client', async () => {
    const p = policy();
    const attempt = await admitted(p, 'client-ann');
    expect((await p.decide('client-eve', attempt, false, 1_000)).rejoined).toBe(false);
  });

  it('gives no tokens with the grace period off', () => {
    expect(policy(false, 0).statusChanged('c', 'g', 'watching', 0, newNonce)).toBeNull();
  });
});
