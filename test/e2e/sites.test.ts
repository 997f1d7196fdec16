import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import {
  joinAsGuest,
  type Scene,
  type Stack,
  shareFromPage,
  startScene,
  waitForViewerState,
} from './harness/stack.js';

/** Every fixture carries this title, so the picker shares whichever one the tab shows. */
const TITLE = 'Deskbridge site fixture';

/** Where the injected control is, read from the page. */
interface Spot {
  connected: boolean;
  placement: string | null;
  site: string | null;
  theme: string | null;
  inToolbar: boolean;
  toolbarId: string | null;
}

function spot(page: Page): Promise<Spot> {
  return page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('deskbridge-share');
    const toolbar = host?.closest<HTMLElement>('[data-fixture="toolbar"]') ?? null;
    return {
      connected: host?.isConnected ?? false,
      placement: host?.dataset.placement ?? null,
      site: host?.dataset.site ?? null,
      theme: host?.dataset.theme ?? null,
      inToolbar: toolbar !== null,
      toolbarId: toolbar?.dataset.testId ?? null,
    };
  });
}

/** Tags the current toolbar element, so a test can tell a rebuilt one from the old one. */
async function tagToolbar(page: Page, id: string): Promise<void> {
  await page.evaluate((value) => {
    const toolbar = document.querySelector<HTMLElement>('[data-fixture="toolbar"]');
    if (toolbar) toolbar.dataset.testId = value;
  }, id);
}

const waitForSpot = (page: Page, accept: (s: Spot) => boolean, what: string) =>
  waitFor(() => spot(page), accept, { what, timeout: 10_000, interval: 50 });

const docked = (s: Spot) => s.connected && s.placement === 'toolbar' && s.inToolbar;

const SITES = [
  { site: 'meet', theme: 'dark', chat: 'textarea' },
  { site: 'jitsi', theme: 'dark', chat: 'textarea' },
  { site: 'teams', theme: 'light', chat: 'contenteditable' },
  { site: 'zoom', theme: 'dark', chat: 'contenteditable' },
  { site: 'whereby', theme: 'light', chat: 'textarea' },
] as const;

describe('Chromium: the share control at home in each call site', () => {
  let scene: Scene;
  let stack: Stack;
  let guests: Browser;
  let call: Page;

  beforeAll(async () => {
    scene = await startScene({ pick: TITLE });
    ({ stack, guests, call } = scene);
    // Admission has tests of its own; here any guest with the link gets in.
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
  });

  afterAll(async () => {
    await scene?.close();
  });

  /** A share started from the page's control reaches a guest, then stops. */
  async function shareReachesGuest(): Promise<string> {
    const link = await shareFromPage(call);
    const viewer = await joinAsGuest(guests, link, 'Ada');
    await waitForViewerState(viewer, 'live');
    await viewer.context().close();
    return link;
  }

  async function stopSharing(): Promise<void> {
    await call.getByRole('button', { name: 'Stop sharing' }).click();
    await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'idle',
      { what: 'the share to stop' },
    );
  }

  test.each(SITES)(
    '$site: in the toolbar through rebuilds and routes, gone after the call',
    async ({ site, theme, chat }) => {
      await call.goto(`${stack.servers.fixturesUrl}sites/${site}/`);
      const fixture = (hook: string) => call.locator(`[data-fixture="${hook}"]`);

      // The lobby is not a call: no control yet.
      await fixture('join').waitFor();
      await call.evaluate(() => new Promise(requestAnimationFrame));
      expect((await spot(call)).connected).toBe(false);

      await fixture('join').click();
      await tagToolbar(call, 'first');
      const first = await waitForSpot(call, docked, `the control in the ${site} toolbar`);
      expect(first).toMatchObject({ site, theme, toolbarId: 'first' });

      // A re-render replaces the toolbar with new nodes: the control moves into the new one.
      await call.getByRole('button', { name: 'Rebuild toolbar' }).click();
      await waitForSpot(
        call,
        (s) => docked(s) && s.toolbarId === null,
        'the control in the rebuilt toolbar',
      );

      // An in-app route change renders the whole call view again, without a reload.
      await tagToolbar(call, 'before-route');
      const url = call.url();
      await call.getByRole('button', { name: 'Go to another route' }).click();
      expect(call.url()).not.toBe(url);
      await waitForSpot(
        call,
        (s) => docked(s) && s.toolbarId === null,
        'the control after the route change',
      );

      const link = await shareReachesGuest();

      // Post link to chat fills the site's chat box; the sharer still presses Send.
      await fixture('chat-toggle').click();
      await call.getByRole('button', { name: 'Post link to chat', exact: true }).click();
      const box = fixture('chat-input');
      const text = chat === 'textarea' ? await box.inputValue() : await box.textContent();
      expect(text?.trim()).toBe(link);
      await expect.poll(() => fixture('chat-send').isEnabled()).toBe(true);
      // The chat box has the focus: Enter sends, as the sharer would.
      await call.keyboard.press('Enter');
      await expect.poll(() => fixture('chat-log').textContent()).toContain(link);

      await stopSharing();

      // Leaving the call takes the control away; the next call brings it back.
      await fixture('leave').click();
      await waitForSpot(call, (s) => !s.connected, 'the control to go with the call');
      await fixture('rejoin').click();
      await waitForSpot(call, docked, 'the control back for the next call');
    },
  );

  test('elsewhere the control floats, and the link is copied, not posted', async () => {
    await call.goto(`${stack.servers.fixturesUrl}sites/generic/`);
    const floating = await waitForSpot(
      call,
      (s) => s.connected && s.placement === 'floating',
      'the floating control',
    );
    expect(floating.site).toBe('generic');
    await shareReachesGuest();
    await call.getByRole('button', { name: 'Copy link' }).waitFor();
    expect(await call.getByRole('button', { name: 'Post link to chat' }).count()).toBe(0);
    await stopSharing();
  });
});
