import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { GuestView } from '../../src/shared/session.js';
import { type Attacker, type FloodReport, launchAttacker } from './harness/attacker.js';
import { launchGuestBrowser } from './harness/browsers.js';
import { offscreenDocuments, sessionState, waitFor } from './harness/extension.js';
import {
  joinAndAdmit,
  type Stack,
  shareFromPage,
  startStack,
  viewerState,
} from './harness/stack.js';

const DEMO_TITLE = 'Deskbridge demo call';
const JSON_MESSAGES = 10_000;
const RAW_MESSAGES = 10_000;
const SEED = 0x2026_1101;

async function liveSession(stack: Stack) {
  const state = await sessionState(stack.sharer.worker);
  if (state.kind !== 'live') throw new Error(`the share is ${state.kind}, not live`);
  return state;
}

/** Counts the frames the viewer presents and records every state it passes through. */
async function watchViewer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number; __states: string[] };
    w.__frames = 0;
    w.__states = [document.documentElement.dataset.viewerState ?? ''];
    const video = document.querySelector('video');
    if (!video) throw new Error('no video element');
    const tick = () => {
      w.__frames += 1;
      video.requestVideoFrameCallback(tick);
    };
    video.requestVideoFrameCallback(tick);
    new MutationObserver(() =>
      w.__states.push(document.documentElement.dataset.viewerState ?? ''),
    ).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-viewer-state'],
    });
  });
}

function viewerProgress(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number; __states: string[] };
    return {
      frames: w.__frames,
      states: w.__states.slice(),
      time: document.querySelector('video')?.currentTime ?? 0,
    };
  });
}

describe('Chromium: a flood of malformed messages', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;
  let attacker: Attacker;

  beforeAll(async () => {
    [stack, guests] = await Promise.all([startStack({ pick: DEMO_TITLE }), launchGuestBrowser()]);
    attacker = await launchAttacker(stack.servers);
    call = await stack.sharer.context.newPage();
    await call.goto(stack.servers.demoUrl);
  });

  /** The share the tests use; started by the first and kept live. */
  async function ensureLive() {
    if ((await sessionState(stack.sharer.worker)).kind !== 'live') await shareFromPage(call);
    await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live',
      { what: 'a live share' },
    );
    return liveSession(stack);
  }

  afterAll(async () => {
    await attacker?.close();
    await guests?.close();
    await stack?.close();
  });

  test('10 000 malformed messages leave the share, its watcher and later guests unharmed', async () => {
    const link = await shareFromPage(call);
    const watcher = await joinAndAdmit(guests, call, link, 'Watcher');
    await watchViewer(watcher);
    const { peerId: sharerId } = await ensureLive();
    const before = await waitFor(
      () => viewerProgress(watcher),
      (p) => p.frames > 0,
      { what: 'Watcher’s first counted frame' },
    );

    const started = Date.now();
    const sent: FloodReport = await attacker.flood({
      sharerId,
      jsonCount: JSON_MESSAGES,
      rawCount: RAW_MESSAGES,
      seed: SEED,
    });
    const floodMs = Date.now() - started;
    const atFloodEnd = await viewerProgress(watcher);
    // Everything was attempted, and the channels did take junk before the sharer cut them.
    expect(sent.json.opened && sent.raw.opened).toBe(true);
    expect(sent.json.sent + sent.json.unsent).toBe(JSON_MESSAGES);
    expect(sent.raw.sent + sent.raw.unsent).toBe(RAW_MESSAGES);
    expect(sent.json.sent).toBeGreaterThanOrEqual(20);

    // The json offender is refused after at least 20 dropped messages; the raw one, not speaking
    // the wire protocol's JSON at all, is hung up on without ever becoming a guest.
    const offender = (guests: GuestView[], peerId: string) =>
      guests.find((g) => g.peerId === peerId);
    const judged = await waitFor(
      () => liveSession(stack),
      (s) =>
        offender(s.guests, sent.json.peerId)?.status === 'denied' &&
        (offender(s.guests, sent.json.peerId)?.dropped ?? 0) >= 20,
      { what: 'the json offender denied with ≥ 20 dropped messages', timeout: 60_000 },
    );
    const jsonOffender = offender(judged.guests, sent.json.peerId);
    const rawOffender = offender(judged.guests, sent.raw.peerId);
    expect(jsonOffender?.framesSent).toBe(0);
    expect(rawOffender).toBeUndefined();

    // Watcher never noticed: still live, never anything else, and the picture keeps moving.
    const after = await waitFor(
      () => viewerProgress(watcher),
      (p) => p.frames >= atFloodEnd.frames + 30 && p.time >= atFloodEnd.time + 1,
      { what: 'Watcher’s video to keep advancing after the flood', timeout: 60_000 },
    );
    expect(after.states.every((state) => state === 'live')).toBe(true);
    expect(await viewerState(watcher)).toBe('live');

    // The sharer's worker and offscreen document are alive and still sharing.
    const state = await liveSession(stack);
    expect(state.guests.find((g) => g.name === 'Watcher')?.status).toBe('watching');
    expect(await offscreenDocuments(stack.sharer.worker)).toBe(1);

    // A new honest guest still gets in.
    const latecomer = await joinAndAdmit(guests, call, link, 'Latecomer');
    expect(await viewerState(latecomer)).toBe('live');

    // Both offenders saw the sharer hang up.
    await waitFor(
      () => attacker.floodState(),
      (r) => r?.json.closed === true && r.raw.closed === true,
      { what: 'the attacker to see both flood connections close', timeout: 30_000 },
    );
    console.info(
      `flood: ${floodMs} ms in the page (${sent.sendMs} ms sending); json sent ${sent.json.sent}, ` +
        `unsent ${sent.json.unsent}, closed after ${sent.json.closedAfterMs} ms, dropped by the ` +
        `sharer ${jsonOffender?.dropped}; raw sent ${sent.raw.sent}, unsent ${sent.raw.unsent}, ` +
        `dropped ${rawOffender?.dropped}; json got ${sent.json.received.join(',')}; raw got ` +
        `${sent.raw.received.slice(0, 3).join(',')}; Watcher: ${atFloodEnd.frames - before.frames} ` +
        `frames during the flood, +${after.frames - atFloodEnd.frames} frames and ` +
        `+${(after.time - atFloodEnd.time).toFixed(1)} s after it`,
    );
  });

  test('the sharer hangs up on every peer it refused, even one that ignores the request to close', async () => {
    const { peerId: sharerId } = await ensureLive();
    const offenders = await Promise.all([
      attacker.offend({ sharerId, serialization: 'raw', count: 50, seed: SEED + 1 }),
      attacker.offend({ sharerId, serialization: 'json', count: 50, seed: SEED + 2, deaf: true }),
    ]);
    const reports = await Promise.all(offenders.map((i) => attacker.offenderState(i)));
    const dropped = async () => {
      const { guests } = await liveSession(stack);
      return reports.map((r) => guests.find((g) => g.peerId === r.peerId)?.dropped ?? -1);
    };
    await waitFor(
      () => liveSession(stack),
      (s) =>
        reports.every((r, i) => {
          const g = s.guests.find((guest) => guest.peerId === r.peerId);
          // The raw offender (first) never becomes a guest; the deaf json one is denied.
          return i === 0 ? g === undefined : g?.status === 'denied' && g.dropped >= 20;
        }),
      { what: 'the json offender denied', timeout: 60_000 },
    );
    // The sharer's own heartbeat gives up on a silent guest within seconds; 30 s is generous.
    const hungUp = await waitFor(
      () => Promise.all(offenders.map((i) => attacker.offenderState(i))),
      (states) => states.every((r) => r.closed),
      { what: 'both offenders to see their connection close', timeout: 30_000 },
    ).catch(() => null);
    if (hungUp) return;
    // Evidence for the failure: the channels are up, and the sharer still reads what they send.
    const droppedBefore = await dropped();
    const more = await Promise.all(offenders.map((i) => attacker.offendMore(i, 50)));
    const droppedAfter = await waitFor(
      dropped,
      (now) => now.some((n, k) => n > (droppedBefore[k] ?? 0)),
      { what: 'the sharer to count more junk', timeout: 10_000 },
    ).catch(() => null);
    const summary = more.map(
      (r, k) =>
        `${r.serialization}${r.deaf ? ' (deaf)' : ''}: open ${r.open}, ${r.connectionState}, ` +
        `sharer counted ${droppedBefore[k]} → ${droppedAfter?.[k] ?? '?'} dropped after denying it; ` +
        `it sent ${r.received.slice(0, 4).join(', ')}`,
    );
    expect.fail(`the sharer left refused peers connected:\n${summary.join('\n')}`);
  });

  test('junk on the signalling channel (bogus offers, answers, candidates) leaves the share working', async () => {
    const { peerId: sharerId } = await ensureLive();
    const junk = await attacker.signallingJunk({ sharerId, count: 500, seed: SEED + 3 });
    expect(junk.sent).toBe(500);
    expect(junk.received[0]).toBe('OPEN');
    // The share, its worker and its offscreen document carry on; a new guest still gets in.
    const link = (await liveSession(stack)).link;
    const afterwards = await joinAndAdmit(guests, call, link, 'Afterwards');
    expect(await viewerState(afterwards)).toBe('live');
    const state = await liveSession(stack);
    expect(state.guests.find((g) => g.name === 'Afterwards')?.status).toBe('watching');
    expect(await offscreenDocuments(stack.sharer.worker)).toBe(1);
    console.info(
      `signalling junk: ${junk.sent} messages from ${junk.id}; it got back ` +
        `${junk.received.slice(0, 10).join(',')}; sharer now lists ${state.guests.length} guests ` +
        `(${state.guests.map((g) => `${g.peerId.slice(0, 10)}:${g.status}`).join(' ')})`,
    );
  });
});
