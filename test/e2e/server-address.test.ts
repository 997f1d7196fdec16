import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchGuestBrowser } from './harness/browsers.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import { waitForDemoPattern } from './harness/pixels.js';
import {
  joinAndAdmit,
  type Stack,
  shareFromPage,
  startStack,
  stopSharing,
} from './harness/stack.js';

/**
 * Issue #12: the sharer types one address, a Deskbridge server's, and nothing else. The server's
 * well-known document says where signalling and the viewer are; the typed fields are not used.
 */
describe('Chromium: a share through a Deskbridge server address', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;

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
    await stopSharing(call, stack.sharer.worker);
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('the link and the connection come from the server’s document, not the typed fields', async () => {
    // Fields that would lead nowhere: only the server address can make this share work.
    await updateSettings(stack.sharer.worker, {
      serverUrl: stack.servers.origin,
      signalling: { host: '127.0.0.1', port: 1, path: '/nowhere', secure: false, key: 'peerjs' },
      viewerUrl: 'http://127.0.0.1:1/nowhere/',
    });
    const link = await shareFromPage(call);
    expect(link.startsWith(`${stack.servers.origin}/viewer/`)).toBe(true);
    const fragment = new URLSearchParams(new URL(link).hash.slice(1));
    expect(fragment.get('p')).toBe(String(new URL(stack.servers.origin).port));
    // This server has no TURN: no ticket in the link.
    expect(fragment.get('t')).toBeNull();
    const viewer = await joinAndAdmit(guests, call, link, 'Ada');
    await waitForDemoPattern(call, viewer);
  });

  test('a server that cannot be reached is said at once, and nothing starts', async () => {
    await updateSettings(stack.sharer.worker, { serverUrl: 'http://127.0.0.1:1' });
    await call.getByRole('button', { name: 'Share desktop' }).click();
    await call
      .getByText('The Deskbridge server cannot be reached', { exact: false })
      .waitFor({ timeout: 30_000 });
    const state = await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'idle',
      { what: 'no share' },
    );
    expect(state.kind).toBe('idle');
  });
});
