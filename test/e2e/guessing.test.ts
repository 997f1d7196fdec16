import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sessionState, waitFor } from './harness/extension.js';
import { type Stack, shareFromPage, startScene } from './harness/stack.js';

interface Guesser {
  peerPort: number;
  sharerId: string;
  tries: number;
  /** Reuse one peer id for every try (the per-peer limit), or a fresh peer per try. */
  samePeer: boolean;
  /** How long an attempt waits for any answer before calling it "no answer". */
  patience?: number;
}

/**
 * Runs in a plain page with PeerJS: each try connects to the sharer, says hello, and answers the
 * challenge with a well-formed but wrong proof. Returns how each try ended: the denial reason,
 * or 'closed' when the sharer hung up without a word.
 */
/** The few PeerJS calls the guesser makes (the page loads PeerJS's own UMD build). */
interface PagePeer {
  on(event: 'open', listener: () => void): void;
  connect(id: string, options: object): PageChannel;
}
interface PageChannel {
  on(event: 'open' | 'close', listener: () => void): void;
  on(event: 'data', listener: (message: { type: string; reason?: string }) => void): void;
  send(message: object): void;
  close(): void;
}

function guess({
  peerPort,
  sharerId,
  tries,
  samePeer,
  patience = 20_000,
}: Guesser): Promise<string[]> {
  const { Peer } = (
    globalThis as unknown as { peerjs: { Peer: new (id: string, options: object) => PagePeer } }
  ).peerjs;
  const options = {
    host: '127.0.0.1',
    port: peerPort,
    path: '/deskbridge',
    secure: false,
    config: { iceServers: [] },
  };
  const openPeer = () =>
    new Promise<PagePeer>((done) => {
      const peer = new Peer(`guess-${Math.random().toString(36).slice(2)}`, options);
      peer.on('open', () => done(peer));
    });
  const attempt = (peer: PagePeer) =>
    new Promise<string>((done) => {
      const channel = peer.connect(sharerId, { reliable: true, serialization: 'json' });
      const finish = (how: string) => {
        done(how);
        channel.close();
      };
      setTimeout(() => finish('no answer'), patience);
      channel.on('open', () =>
        channel.send({ v: 2, type: 'hello', client: 'guesser', nonce: 'guess-nonce' }),
      );
      channel.on('close', () => finish('closed'));
      channel.on('data', (message) => {
        if (message.type === 'challenge') {
          const fingerprint = `sha-256 ${Array(32).fill('AB').join(':')}`;
          channel.send({
            v: 2,
            type: 'proof',
            mac: 'A'.repeat(43),
            sharerFingerprint: fingerprint,
            viewerFingerprint: fingerprint,
          });
        } else if (message.type === 'denied') finish(message.reason ?? 'denied');
      });
    });
  return (async () => {
    if (samePeer) {
      const peer = await openPeer();
      const results: string[] = [];
      for (let i = 0; i < tries; i++) results.push(await attempt(peer));
      return results;
    }
    const peers = await Promise.all(Array.from({ length: tries }, openPeer));
    return Promise.all(peers.map(attempt));
  })();
}

describe('Chromium: guessing the key is counted, warned about and rate-limited', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;
  let attacker: Page;
  let sharerId: string;

  beforeAll(async () => {
    ({ stack, guests, call } = await startScene({ pick: 'Deskbridge demo call' }));
    const link = await shareFromPage(call);
    sharerId = new URLSearchParams(new URL(link).hash.slice(1)).get('s') ?? '';
    attacker = await guests.newPage();
    await attacker.goto(stack.servers.fixturesUrl);
    await attacker.addScriptTag({
      path: resolve(process.cwd(), 'node_modules/peerjs/dist/peerjs.min.js'),
    });
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('one peer id gets three wrong proofs, then is not even answered', async () => {
    const peerPort = stack.servers.peerPort;
    const outcomes = await attacker.evaluate(guess, {
      peerPort,
      sharerId,
      tries: 5,
      samePeer: true,
      // The refusal is silence: the offer is dropped before the sharer builds anything for it
      // (door.ts), so an answer that has not come within 8 s will not come.
      patience: 8_000,
    });
    expect(outcomes.slice(0, 3)).toEqual(['security', 'security', 'security']);
    expect(outcomes.slice(3)).toEqual(['no answer', 'no answer']);
  });

  test('a burst from many peers: beyond the allowance the sharer does not even check', async () => {
    const peerPort = stack.servers.peerPort;
    const outcomes = await attacker.evaluate(guess, {
      peerPort,
      sharerId,
      tries: 16,
      samePeer: false,
    });
    expect(outcomes.filter((how) => how === 'busy').length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((how) => how === 'busy' || how === 'security' || how === 'closed')).toBe(
      true,
    );
  });

  test('the sharer sees a warning with the count, and no frame went to a guesser', async () => {
    // The last refusals may still be on their way to the page: read the count it settles on.
    const warning = call.getByRole('alert').filter({ hasText: /\d+ attempts with a wrong key/ });
    await warning.waitFor();
    const state = await waitFor(
      async () => ({
        session: await sessionState(stack.sharer.worker),
        shown: await warning.textContent(),
      }),
      ({ session, shown }) =>
        session.kind === 'live' &&
        shown?.startsWith(`${session.rejectedAttempts} attempts`) === true,
      { what: 'the warning to show the session’s count' },
    );
    if (state.session.kind !== 'live') throw new Error('the share ended');
    expect(state.session.rejectedAttempts).toBeGreaterThanOrEqual(3);
    expect(state.session.guests.every((guest) => guest.framesSent === 0)).toBe(true);
  });
});
