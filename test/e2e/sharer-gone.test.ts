import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { launchGuestBrowser } from './harness/browsers.js';
import { updateSettings } from './harness/extension.js';
import {
  joinAsGuest,
  type Stack,
  shareFromPage,
  startStack,
  waitForViewerState,
} from './harness/stack.js';

/** How long guests may go on seeing a share whose sharer is gone (issue #3). */
const GONE_WITHIN_MS = 5_000;

describe('Chromium: when the sharer goes away, every guest learns the share has ended within 5 s', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;
  let viewers: Page[];

  beforeEach(async () => {
    [stack, guests] = await Promise.all([
      startStack({ pick: 'Deskbridge demo call' }),
      launchGuestBrowser(),
    ]);
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
    call = await stack.sharer.context.newPage();
    await call.goto(stack.servers.demoUrl);
    const link = await shareFromPage(call);
    viewers = [await joinAsGuest(guests, link, 'One'), await joinAsGuest(guests, link, 'Two')];
    for (const viewer of viewers) await waitForViewerState(viewer, 'live');
  });

  afterEach(async () => {
    await guests?.close();
    await stack?.close();
  });

  const allEnded = async () => {
    const started = Date.now();
    await Promise.all(viewers.map((viewer) => waitForViewerState(viewer, 'ended', GONE_WITHIN_MS)));
    return Date.now() - started;
  };

  test('the sharer closes the call tab', async () => {
    await call.close();
    const took = await allEnded();
    console.log(`tab closed → ended in ${took} ms`);
    expect(took).toBeLessThanOrEqual(GONE_WITHIN_MS);
  });

  test('the sharer’s browser crashes', async () => {
    stack.sharer.crash();
    // The guests' probe (reconnect.ts) finds the server up and the host silent: ended, not
    // reconnecting.
    const took = await allEnded();
    console.log(`browser killed → ended in ${took} ms`);
    expect(took).toBeLessThanOrEqual(GONE_WITHIN_MS);
  });
});
