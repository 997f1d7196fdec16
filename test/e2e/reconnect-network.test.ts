import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchGuestBrowser, PLAIN_HOST_CANDIDATES } from './harness/browsers.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import { waitForNewFrames } from './harness/frames.js';
import {
  joinAndAdmit,
  joinAsGuest,
  localSettings,
  type Stack,
  shareFromPage,
  startStack,
  stopSharing,
  viewerState,
  waitForViewerState,
} from './harness/stack.js';
import { startUdpPath, type UdpPath } from './harness/udp-path.js';

/** The outage of the scenario: the guest's network is gone this long. */
const OUTAGE_MS = 10_000;
/** Heartbeat silence (4 s) plus a second: the guest says so within this. */
const NOTICED_WITHIN_MS = 6_000;
/** The sharer checks its heartbeat once a second and reports through the worker: a second more. */
const SHARER_NOTICED_WITHIN_MS = 7_000;
/** From opening the link: the viewer's 10 s path deadline after the answer, and the page load. */
const NO_PATH_TOLD_WITHIN_MS = 15_000;
/** The guest's reconnect window (30 s, reconnect.ts) plus room for the last attempt. */
const GIVES_UP_WITHIN_MS = 45_000;

/** The sharer's statuses for `name`, newest first: a rejoin is a new row, the old one left. */
const guestStatus = async (stack: Stack, name: string) => {
  const state = await sessionState(stack.sharer.worker);
  const rows = state.kind === 'live' ? state.guests.filter((g) => g.name === name) : [];
  return rows.sort((a, b) => b.since - a.since)[0]?.status;
};

describe('Chromium: the guest’s network drops: both sides say reconnecting, and it resumes (issue #6)', () => {
  let stack: Stack;
  let guests: Browser;
  let path: UdpPath;
  let call: Page;

  beforeAll(async () => {
    [stack, guests] = await Promise.all([
      startStack({ pick: 'Deskbridge demo call' }),
      launchGuestBrowser([PLAIN_HOST_CANDIDATES]),
    ]);
    path = await startUdpPath({ upstreamPort: stack.servers.peerPort });
    // All signalling through the path's relay, which moves every candidate onto its UDP proxy.
    const { signalling } = localSettings(stack.servers);
    await updateSettings(stack.sharer.worker, { signalling: { ...signalling, port: path.port } });
    call = await stack.sharer.context.newPage();
    await call.goto(stack.servers.demoUrl);
  });

  afterEach(async () => {
    path.paused = false;
    for (const context of guests.contexts()) await context.close();
    await stopSharing(call, stack.sharer.worker);
  });

  afterAll(async () => {
    await guests?.close();
    await path?.close();
    await stack?.close();
  });

  test('10 s without a network: reconnecting on both sides, then live again without a new admission', async () => {
    const link = await shareFromPage(call);
    const ada = await joinAndAdmit(guests, call, link, 'Ada');
    await waitForNewFrames(ada, 3);
    // The picture really crosses the path the test is about to cut.
    expect(path.carried).toBeGreaterThan(0);

    path.paused = true;
    const cut = Date.now();
    await waitForViewerState(ada, 'reconnecting', NOTICED_WITHIN_MS);
    const guestSaw = Date.now() - cut;
    expect(await ada.getByRole('status').textContent()).toBe('Reconnecting…');
    await waitFor(
      () => guestStatus(stack, 'Ada'),
      (status) => status === 'reconnecting',
      { timeout: SHARER_NOTICED_WITHIN_MS, what: 'Ada reconnecting at the sharer' },
    );
    await call.getByText('reconnecting', { exact: true }).waitFor({ timeout: 2_000 });
    const sharerSaw = Date.now() - cut;
    console.log(`cut → reconnecting: guest ${guestSaw} ms, sharer ${sharerSaw} ms`);
    expect(guestSaw).toBeLessThanOrEqual(NOTICED_WITHIN_MS);
    expect(sharerSaw).toBeLessThanOrEqual(SHARER_NOTICED_WITHIN_MS);

    // The scenario itself: the network stays away for 10 s.
    await new Promise((resolve) => setTimeout(resolve, cut + OUTAGE_MS - Date.now()));
    expect(await viewerState(ada)).toBe('reconnecting');
    const droppedWhileCut = path.dropped;
    expect(droppedWhileCut).toBeGreaterThan(0);

    path.paused = false;
    const back = Date.now();
    await waitForViewerState(ada, 'live', 20_000);
    console.log(`network back → live again in ${Date.now() - back} ms`);
    // New frames, the same link, and nobody clicked Admit.
    await waitForNewFrames(ada, 3);
    const rows = await sessionState(stack.sharer.worker);
    const statuses = rows.kind === 'live' ? rows.guests.filter((g) => g.name === 'Ada') : [];
    // One seat watching; the dropped link is no longer "reconnecting".
    expect(statuses.map((g) => g.status).sort()).toEqual(['left', 'watching']);
    expect(await call.getByRole('button', { name: 'Admit Ada', exact: true }).count()).toBe(0);
    // The same link, kept in the tab (the address bar no longer shows the key).
    expect(new URL(ada.url()).hash).toBe('');
    expect(await ada.evaluate(() => sessionStorage.getItem('deskbridge.viewer.link'))).toBe(
      new URL(link).hash,
    );
  });

  test('a network that never comes back ends in "ended" within the reconnect window', async () => {
    const link = await shareFromPage(call);
    const bo = await joinAndAdmit(guests, call, link, 'Bo');
    path.paused = true;
    const cut = Date.now();
    await waitForViewerState(bo, 'reconnecting', NOTICED_WITHIN_MS);
    await waitForViewerState(bo, 'ended', GIVES_UP_WITHIN_MS);
    console.log(`cut → ended after ${Date.now() - cut} ms`);
    await waitFor(
      () => guestStatus(stack, 'Bo'),
      (status) => status === 'left',
      { timeout: 10_000, what: 'Bo gone at the sharer' },
    );
  });

  // Issue #12: the host answers, but no packet gets through (no relay either): within 15 s the
  // guest is told the networks block a direct connection — never a spinner, never "the share
  // may have ended" — and the sharer's list says a guest tried and could not connect.
  test('no path at all: the guest hears that the network blocks it, the sharer sees who tried', async () => {
    const link = await shareFromPage(call);
    path.paused = true;
    const started = Date.now();
    const guest = await joinAsGuest(guests, link, 'Cy');
    const alert = guest.getByRole('alert');
    await alert.filter({ hasText: 'block a direct connection' }).waitFor({ timeout: 20_000 });
    const told = Date.now() - started;
    expect(told).toBeLessThan(NO_PATH_TOLD_WITHIN_MS);
    expect(await alert.textContent()).toContain(
      'Could not connect to the host: the networks between you block a direct connection',
    );
    const state = await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live' && s.guests.some((g) => g.status === 'unreachable'),
      { timeout: 30_000, what: 'the sharer to list a guest that could not connect' },
    );
    const row = state.kind === 'live' ? state.guests.find((g) => g.status === 'unreachable') : null;
    expect(row?.framesSent).toBe(0);
    console.log(`no path: the guest told after ${told} ms`);
  });
});
