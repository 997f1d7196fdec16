import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { GuestView } from '../../src/shared/session.js';
import { type Attacker, launchAttacker } from './harness/attacker.js';
import { launchGuestBrowser } from './harness/browsers.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import {
  MITM_FOR_SHARER,
  MITM_FOR_VIEWER,
  type MitmRelay,
  type RelayedMessage,
  startMitmRelay,
} from './harness/mitm-relay.js';
import {
  admitFromPage,
  joinAsGuest,
  type Stack,
  shareFromPage,
  startStack,
  stopSharing,
  viewerState,
  waitForViewerState,
} from './harness/stack.js';

const DEMO_TITLE = 'Deskbridge demo call';
const NOT_HOST_TEXT = 'This is not the host of this link';
const SECURITY_TEXT =
  'The connection to the host could not be verified: someone may be intercepting it. Ask the host for a new link.';

/** The sharer's live session, or a failure saying what it was instead. */
async function liveSession(stack: Stack) {
  const state = await sessionState(stack.sharer.worker);
  if (state.kind !== 'live') throw new Error(`the share is ${state.kind}, not live`);
  return state;
}

/** Waits for the share that was just started to be live. */
async function waitLive(stack: Stack) {
  await waitFor(
    () => sessionState(stack.sharer.worker),
    (s) => s.kind === 'live',
    { what: 'the share to be live', timeout: 60_000 },
  );
  return liveSession(stack);
}

const guestNamed = (guests: GuestView[], name: string) => guests.find((g) => g.name === name);

describe('Chromium: a man in the middle on the signalling path', () => {
  let stack: Stack;
  let guests: Browser;
  let relay: MitmRelay;
  let call: Page;
  let attacker: Attacker | null = null;

  beforeAll(async () => {
    [stack, guests] = await Promise.all([startStack({ pick: DEMO_TITLE }), launchGuestBrowser()]);
    relay = await startMitmRelay({ upstreamPort: stack.servers.peerPort, rewrite: false });
    // The sharer's signalling goes through the relay, and so does the link its guests get.
    await updateSettings(stack.sharer.worker, {
      signalling: {
        host: '127.0.0.1',
        port: relay.port,
        path: stack.servers.peerPath,
        secure: false,
        key: 'peerjs',
      },
    });
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
    await relay?.close();
  });

  test('control: with rewriting off the relay is transparent, and an honest guest gets in', async () => {
    relay.rewrite = false;
    const link = await shareFromPage(call);
    const ticket = new URLSearchParams(new URL(link).hash.slice(1));
    expect(ticket.get('p')).toBe(String(relay.port));
    const { peerId: sharerId } = await waitLive(stack);

    const viewer = await joinAsGuest(guests, link, 'Honest');
    await waitForViewerState(viewer, 'pending', 60_000);
    await admitFromPage(call, 'Honest');
    await waitForViewerState(viewer, 'live', 60_000);

    const state = await waitFor(
      () => liveSession(stack),
      (s) => guestNamed(s.guests, 'Honest')?.status === 'watching',
      { what: 'Honest watching in the sharer’s session' },
    );
    const honest = guestNamed(state.guests, 'Honest');
    // Both ends really used the relay, and it changed nothing.
    expect(relay.clients.has(sharerId)).toBe(true);
    expect(relay.clients.has(honest?.peerId ?? '')).toBe(true);
    const between = relay.log.filter(
      (m) =>
        (m.client === honest?.peerId && m.dst === sharerId) ||
        (m.client === sharerId && m.dst === honest?.peerId),
    );
    expect(between.some((m) => m.type === 'OFFER')).toBe(true);
    expect(between.some((m) => m.type === 'ANSWER')).toBe(true);
    expect(relay.rewrites()).toEqual([]);
  });

  test('with signalling re-addressed to an attacker, the guest is warned and the attacker gets nothing', async () => {
    relay.rewrite = true;
    const logStart = relay.log.length;
    const link = await shareFromPage(call);
    const { peerId: sharerId } = await waitLive(stack);
    attacker = await launchAttacker(stack.servers);
    await attacker.startMitm(sharerId);

    const known = new Set(relay.clients);
    const victim = await joinAsGuest(guests, link, 'Victim');
    await victim.getByRole('alert').filter({ hasText: SECURITY_TEXT }).waitFor({ timeout: 60_000 });
    expect(await viewerState(victim)).toBe('error');
    expect(await victim.evaluate(() => document.querySelector('video')?.videoWidth ?? 0)).toBe(0);

    // The sharer believed it was talking to the victim (the attack worked on signalling)…
    const victimId = [...relay.clients].find((id) => id.startsWith('guest-') && !known.has(id));
    expect(victimId).toBeDefined();
    // Found by peer id: the proof fails before Join, so no name reaches the sharer.
    const victimSeen = (guests: GuestView[]) => guests.find((g) => g.peerId === victimId);
    const state = await waitFor(
      () => liveSession(stack),
      (s) => victimSeen(s.guests)?.status === 'denied' && s.rejectedAttempts >= 1,
      { what: 'Victim denied in the sharer’s session', timeout: 60_000 },
    );
    const seen = victimSeen(state.guests);
    expect(seen?.name).toBe('');
    // …and refused it: no frame, no call.
    expect(seen?.framesSent).toBe(0);
    expect(seen?.bytesSent).toBe(0);
    expect(state.rejectedAttempts).toBeGreaterThanOrEqual(1);
    expect(state.guests.filter((g) => g.status === 'watching')).toEqual([]);

    // The attack really ran: signalling was re-addressed both ways…
    const rewritten = relay.rewrites();
    const redirected = (client: string, to: string) =>
      rewritten.some((m: RelayedMessage) => m.client === client && m.rewritten?.dst === to);
    const spoofed = (client: string, as: string) =>
      rewritten.some((m: RelayedMessage) => m.client === client && m.rewritten?.src === as);
    expect(redirected(victimId ?? '', MITM_FOR_VIEWER)).toBe(true);
    expect(spoofed(victimId ?? '', sharerId)).toBe(true);
    expect(redirected(sharerId, MITM_FOR_SHARER)).toBe(true);
    expect(spoofed(sharerId, victimId ?? '')).toBe(true);
    // …and the handshake went through the attacker's hands, both ways.
    const report = await attacker.mitmReport();
    expect(report.victims).toEqual([victimId]);
    const relayed = (dir: string, type: string) =>
      report.relayed.some((m) => m.dir === dir && m.type === type);
    expect(relayed('viewer->sharer', 'hello')).toBe(true);
    expect(relayed('sharer->viewer', 'challenge')).toBe(true);
    expect(relayed('viewer->sharer', 'proof')).toBe(true);
    expect(relayed('sharer->viewer', 'denied')).toBe(true);

    // Nothing to see for the attacker: the sharer never offered media to anyone.
    expect(
      relay.log.slice(logStart).filter((m) => m.type === 'OFFER' && m.offers === 'media'),
    ).toEqual([]);
    expect(report.calls).toBe(0);
    expect(report.framesDecoded).toBe(0);
    expect(report.framesPresented).toBe(0);
    expect(report.bytesReceived).toBe(0);
    // The share itself carries on.
    expect((await sessionState(stack.sharer.worker)).kind).toBe('live');
  });

  test('a man in the middle that makes the proof’s fingerprints agree still gets nothing', async () => {
    relay.rewrite = true;
    const logStart = relay.log.length;
    const link = await shareFromPage(call);
    const { peerId: sharerId } = await waitLive(stack);
    attacker = await launchAttacker(stack.servers);
    await attacker.startMitm(sharerId, 'fix-proof');

    const known = new Set(relay.clients);
    const victim = await joinAsGuest(guests, link, 'Victim2');
    await waitForViewerState(victim, 'error', 60_000);
    const alert = await victim.getByRole('alert').textContent();
    const victimId = [...relay.clients].find((id) => id.startsWith('guest-') && !known.has(id));
    expect(victimId).toBeDefined();
    const state = await waitFor(
      () => liveSession(stack),
      (s) => s.guests.find((g) => g.peerId === victimId)?.status === 'denied',
      { what: 'Victim2 denied in the sharer’s session', timeout: 60_000 },
    );
    const seen = state.guests.find((g) => g.peerId === victimId);
    expect(seen?.framesSent).toBe(0);
    const report = await attacker.mitmReport();
    // The attack ran: the proof was rewritten on its way to the sharer.
    expect(report.proofsFixed).toBe(1);
    expect(report.relayed.some((m) => m.dir === 'sharer->viewer' && m.type === 'denied')).toBe(
      true,
    );
    // With the clear-text fingerprints made to agree, only the MAC catches it: today the victim
    // is told the link is not valid (a viewer that checked the sharer could say "intercepted").
    expect(alert).toMatch(/This link is not valid|could not be verified/);
    expect(
      relay.log.slice(logStart).filter((m) => m.type === 'OFFER' && m.offers === 'media'),
    ).toEqual([]);
    expect(report.calls).toBe(0);
    expect(report.framesDecoded).toBe(0);
    expect(report.bytesReceived).toBe(0);
  });

  // Issue #14, finding 4: an impostor on the signalling path (or anyone who sends a link to the
  // real viewer) answers the guest itself, with a picture of its own ready on the guest's own
  // connection. It cannot prove the key, so the guest refuses it before Join: no name, no
  // picture shown, no control prompt, no key typed reaches it.
  test('an impostor on the signalling path cannot prove the key: "not the host", nothing shown or sent', async () => {
    relay.rewrite = true;
    const logStart = relay.log.length;
    const link = await shareFromPage(call);
    const { peerId: sharerId } = await waitLive(stack);
    attacker = await launchAttacker(stack.servers);
    await attacker.startMitm(sharerId, 'impersonate');

    const known = new Set(relay.clients);
    const victim = await joinAsGuest(guests, link, 'Victim3');
    await victim.getByRole('alert').filter({ hasText: NOT_HOST_TEXT }).waitFor({ timeout: 60_000 });
    expect(await viewerState(victim)).toBe('error');
    expect(await victim.evaluate(() => document.querySelector('video') === null)).toBe(true);
    const report = await attacker.mitmReport();
    const victimId = [...relay.clients].find((id) => id.startsWith('guest-') && !known.has(id));
    expect(report.victims).toEqual([victimId]);
    // The attack ran: the impostor answered with its picture and made up a proof…
    expect(report.impostorOffers).toBe(1);
    // …and what it got from the guest stops at the guest's own proof (bound to the impostor's
    // certificate, useless elsewhere): no name, no control request, no input.
    const fromVictim = report.relayed
      .filter((m) => m.dir === 'viewer->impostor')
      .map((m) => m.type);
    expect(fromVictim).toContain('proof');
    for (const type of ['join', 'control/request', 'input']) expect(fromVictim).not.toContain(type);
    // The sharer never heard of the victim, nor sent any media.
    const session = await liveSession(stack);
    expect(session.guests.filter((g) => g.peerId === victimId)).toEqual([]);
    expect(relay.log.slice(logStart).some((m) => m.client === sharerId && m.type === 'OFFER')).toBe(
      false,
    );
  });
});
