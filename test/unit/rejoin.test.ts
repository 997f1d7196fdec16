import { describe, expect, it } from 'vitest';
import { newNonce } from '../../src/shared/ids.js';
import {
  computeRejoinProof,
  grantRejoin,
  NO_REJOINS,
  pruneRejoins,
  type RejoinContext,
  rejoinHolderLeft,
  rejoinTokenFor,
  revokeRejoin,
  verifyRejoinProof,
} from '../../src/shared/rejoin.js';

const context: RejoinContext = {
  nonce: newNonce(),
  sharerPeerId: 'sharer-1',
  viewerPeerId: 'guest-2',
  client: 'client-3',
};

describe('rejoin proof', () => {
  it('verifies with the token it was made with', async () => {
    const token = newNonce();
    const mac = await computeRejoinProof(token, context);
    expect(await verifyRejoinProof(token, context, mac)).toBe(true);
  });

  it('fails with another token', async () => {
    const mac = await computeRejoinProof(newNonce(), context);
    expect(await verifyRejoinProof(newNonce(), context, mac)).toBe(false);
  });

  it.each(['nonce', 'sharerPeerId', 'viewerPeerId', 'client'] as const)(
    'is bound to the %s (a recorded proof is useless elsewhere)',
    async (field) => {
      const token = newNonce();
      const mac = await computeRejoinProof(token, context);
      expect(await verifyRejoinProof(token, { ...context, [field]: 'other' }, mac)).toBe(false);
    },
  );

  it('rejects malformed MACs and tokens without throwing', async () => {
    const token = newNonce();
    for (const mac of ['', 'x', '!!!', 'A'.repeat(43), 'A'.repeat(200)]) {
      expect(await verifyRejoinProof(token, context, mac)).toBe(false);
    }
    const mac = await computeRejoinProof(token, context);
    expect(await verifyRejoinProof('short', context, mac)).toBe(false);
    await expect(computeRejoinProof('short', context)).rejects.toThrow();
  });
});

describe('rejoin grants', () => {
  const GRACE = 60_000;
  const granted = grantRejoin(NO_REJOINS, 'c1', 'peer-a', 'token-1');

  it('hold while the guest is in, and for the grace period after it left', () => {
    expect(rejoinTokenFor(granted, 'c1', 10_000_000, GRACE)).toBe('token-1');
    const left = rejoinHolderLeft(granted, 'c1', 'peer-a', 1_000);
    expect(rejoinTokenFor(left, 'c1', 1_000 + GRACE, GRACE)).toBe('token-1');
    expect(rejoinTokenFor(left, 'c1', 1_001 + GRACE, GRACE)).toBeNull();
  });

  it('belong to one client id only', () => {
    expect(rejoinTokenFor(granted, 'c2', 0, GRACE)).toBeNull();
  });

  it('are off with a grace period of 0', () => {
    expect(rejoinTokenFor(granted, 'c1', 0, 0)).toBeNull();
  });

  it('start the grace period only when the holder itself leaves', () => {
    const other = rejoinHolderLeft(granted, 'c1', 'peer-b', 1_000);
    expect(other).toBe(granted);
    const left = rejoinHolderLeft(granted, 'c1', 'peer-a', 1_000);
    expect(rejoinHolderLeft(left, 'c1', 'peer-a', 5_000).get('c1')?.leftAt).toBe(1_000);
  });

  it('a new grant replaces the old token and holder', () => {
    const left = rejoinHolderLeft(granted, 'c1', 'peer-a', 1_000);
    const again = grantRejoin(left, 'c1', 'peer-c', 'token-2');
    expect(again.get('c1')).toEqual({ token: 'token-2', holder: 'peer-c', leftAt: null });
    expect(granted.get('c1')?.token).toBe('token-1');
  });

  it('revoke (Remove) ends it at once', () => {
    expect(rejoinTokenFor(revokeRejoin(granted, 'c1'), 'c1', 0, GRACE)).toBeNull();
    expect(revokeRejoin(granted, 'nobody')).toBe(granted);
  });

  it('prune drops only expired grants', () => {
    const two = grantRejoin(rejoinHolderLeft(granted, 'c1', 'peer-a', 0), 'c2', 'peer-b', 't');
    expect(pruneRejoins(two, GRACE, GRACE)).toBe(two);
    expect([...pruneRejoins(two, GRACE + 1, GRACE).keys()]).toEqual(['c2']);
  });
});
