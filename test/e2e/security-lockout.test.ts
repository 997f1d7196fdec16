import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type Attacker, launchAttacker } from './harness/attacker.js';
import { launchGuestBrowser } from './harness/browsers.js';
import { sessionState, waitFor } from './harness/extension.js';
import { OffscreenProbe } from './harness/offscreen.js';
import {
  admitFromPage,
  joinAsGuest,
  type Stack,
  shareFromPage,
  startStack,
  stopSharing,
  waitForViewerState,
} from './harness/stack.js';

/**
 * Issue #14, finding 5: a stranger who learned the sharer's peer id (but not the key) must not
 * lock honest guests out, nor make the sharer's browser build connections without end.
 */
describe('Chromium: strangers at the door cannot lock guests out', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;
  let attacker: Attacker | null = null;

  beforeAll(async () => {
    [stack, guests] = await Promise.all([
      startStack({ pick: 'Deskbridge demo call' }),
      launchGuestBrowser(),
    ]);
    call = await stack.sharer.context.newPage();
    await call.goto(stack.servers.demoUrl);
  });

  afterEach(async () => {
    for (const context of guests.contexts()) await context.close();
    await attacker?.close();
    attacker = null;
    await stopSharing(call, stack.sharer.worker);
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  async function liveShare() {
    const link = await shareFromPage(call);
    const state = await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live',
      { what: 'the share to be live', timeout: 60_000 },
    );
    return { link, sharerId: state.kind === 'live' ? state.peerId : '' };
  }

  test('20 connections that never prove anything hold every place for a handshake, and an honest guest still gets in', async () => {
    const { link, sharerId } = await liveShare();
    attacker = await launchAttacker(stack.servers);
    // More than the 16 places for handshakes in flight, each from its own peer id, each kept
    // alive with pings and never saying hello: until the handshake deadline (15 s) each holds
    // its place, and the attacker can simply knock again.
    const opened = await attacker.holdPlaces({ sharerId, count: 20 });
    expect(opened).toBeGreaterThanOrEqual(16);

    // Before, the guest was told "busy" for as long as the strangers kept knocking; now the
    // oldest one gives its place to the newcomer.
    const started = Date.now();
    const viewer = await joinAsGuest(guests, link, 'Honest');
    await admitFromPage(call, 'Honest');
    await waitForViewerState(viewer, 'live', 60_000);
    console.log(`honest guest live ${Date.now() - started} ms after joining, past 20 strangers`);
  });

  test('one stranger’s 40 connections and 40 calls cost the sharer at most 3 connections', async () => {
    const { sharerId } = await liveShare();
    const probe = await OffscreenProbe.attach(stack.sharer.context, call);
    try {
      const before = await probe.peerConnections();
      attacker = await launchAttacker(stack.servers);
      await attacker.knockRepeatedly({ sharerId, count: 40 });
      // Dropped at the door before PeerJS builds anything: calls always, and one source's
      // offers past 3 (then one per 10 s). Before, each offer was an RTCPeerConnection on the
      // sharer's side, and each call sat in PeerJS's books with its candidates, for good.
      const after = await probe.peerConnections();
      console.log(`peer connections in the sharer's host: ${before} before, ${after} after`);
      // The stranger's three, and the second stranger's one that showed the rest had arrived.
      expect(after - before).toBeLessThanOrEqual(4);
      expect((await sessionState(stack.sharer.worker)).kind).toBe('live');
    } finally {
      await probe.close();
    }
  });
});
