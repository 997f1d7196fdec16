import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchGuestBrowser } from './harness/browsers.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import { openPopupOver } from './harness/popup.js';
import { type SiteServer, startSiteServer } from './harness/site-server.js';
import {
  joinAsGuest,
  type Stack,
  startStack,
  stopSharing,
  waitForViewerState,
} from './harness/stack.js';

/** Every fixture carries this title, so the picker shares whichever one the tab shows. */
const TITLE = 'Deskbridge site fixture';

/** Where the injected control is, read from the document the call runs in. */
interface Spot {
  connected: boolean;
  placement: string | null;
  site: string | null;
  theme: string | null;
  inToolbar: boolean;
  toolbarId: string | null;
  /** The toolbar item right after the control: the hang-up's, when the adapter found it. */
  beforeLeave: boolean;
}

function spot(ui: Frame): Promise<Spot> {
  return ui.evaluate(() => {
    const host = document.querySelector<HTMLElement>('deskbridge-share');
    const toolbar = host?.closest<HTMLElement>('[data-fixture="toolbar"]') ?? null;
    const leave = document.querySelector('[data-fixture="leave"]');
    return {
      connected: host?.isConnected ?? false,
      placement: host?.dataset.placement ?? null,
      site: host?.dataset.site ?? null,
      theme: host?.dataset.theme ?? null,
      inToolbar: toolbar !== null,
      toolbarId: toolbar?.dataset.testId ?? null,
      beforeLeave: Boolean(leave && host?.nextElementSibling?.contains(leave)),
    };
  });
}

/** Tags the current toolbar element, so a test can tell a rebuilt one from the old one. */
async function tagToolbar(ui: Frame, id: string): Promise<void> {
  await ui.evaluate((value) => {
    const toolbar = document.querySelector<HTMLElement>('[data-fixture="toolbar"]');
    if (toolbar) toolbar.dataset.testId = value;
  }, id);
}

const waitForSpot = (ui: Frame, accept: (s: Spot) => boolean, what: string) =>
  waitFor(() => spot(ui), accept, { what, timeout: 10_000, interval: 50 });

const docked = (s: Spot) => s.connected && s.placement === 'toolbar' && s.inToolbar;

interface Fixture {
  url: string;
  fixture: string;
  site: string;
  theme: 'dark' | 'light';
  chat: 'textarea' | 'contenteditable';
  /** The call runs in this frame of the page (Zoom's web client). */
  frame?: string;
}

/** Two markup generations (or languages) per site, each served under the site's own name. */
const FIXTURES: Fixture[] = [
  {
    url: 'https://meet.google.com/abc-defg-hij',
    fixture: 'meet/call-controls.html',
    site: 'meet',
    theme: 'dark',
    chat: 'textarea',
  },
  {
    url: 'https://meet.google.com/abc-defg-hij',
    fixture: 'meet/redesign-de.html',
    site: 'meet',
    theme: 'dark',
    chat: 'textarea',
  },
  {
    url: 'https://teams.microsoft.com/v2/',
    fixture: 'teams/classic.html',
    site: 'teams',
    theme: 'light',
    chat: 'contenteditable',
  },
  {
    url: 'https://teams.cloud.microsoft/',
    fixture: 'teams/new-teams-dark.html',
    site: 'teams',
    theme: 'dark',
    chat: 'contenteditable',
  },
  {
    url: 'https://app.zoom.us/wc/123456/join',
    fixture: 'zoom/webclient.html',
    site: 'zoom',
    theme: 'dark',
    chat: 'contenteditable',
    frame: 'webclient-meeting',
  },
  {
    url: 'https://us02web.zoom.us/wc/123456/join',
    fixture: 'zoom/classic.html',
    site: 'zoom',
    theme: 'dark',
    chat: 'contenteditable',
  },
  {
    url: 'https://meet.jit.si/SomeRoom',
    fixture: 'jitsi/participant.html',
    site: 'jitsi',
    theme: 'dark',
    chat: 'textarea',
  },
  {
    url: 'https://meet.jit.si/SomeRoom',
    fixture: 'jitsi/moderator-fr.html',
    site: 'jitsi',
    theme: 'dark',
    chat: 'textarea',
  },
  {
    url: 'https://whereby.com/room',
    fixture: 'whereby/room.html',
    site: 'whereby',
    theme: 'light',
    chat: 'textarea',
  },
  {
    url: 'https://whereby.com/room',
    fixture: 'whereby/videotoolbar-es.html',
    site: 'whereby',
    theme: 'light',
    chat: 'textarea',
  },
];

describe('Chromium: the share control at home in each call site, under its real name', () => {
  let sites: SiteServer;
  let stack: Stack;
  let guests: Browser;
  let call: Page;

  beforeAll(async () => {
    sites = await startSiteServer();
    [stack, guests] = await Promise.all([
      startStack({ pick: TITLE, args: sites.browserArgs, debugPort: true }),
      launchGuestBrowser(),
    ]);
    call = await stack.sharer.context.newPage();
    // Admission has tests of its own; here any guest with the link gets in.
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
    await sites?.close();
  });

  /** Opens a fixture under its site's name; returns the document the call runs in. */
  async function open(fixture: Fixture): Promise<Frame> {
    const host = new URL(fixture.url).hostname;
    sites.show(host, fixture.fixture);
    await call.goto(fixture.url);
    if (!fixture.frame) return call.mainFrame();
    const name = fixture.frame;
    return waitFor(
      async () => call.frames().find((frame) => frame.url().includes(name)) ?? null,
      (frame) => frame !== null,
      { what: `the ${name} frame` },
    ) as Promise<Frame>;
  }

  /** A share started from the page's control reaches a guest; returns the link. */
  async function shareReachesGuest(ui: Frame): Promise<string> {
    await ui.getByRole('button', { name: 'Share desktop' }).click();
    const field = ui.getByRole('textbox', { name: 'Viewer link' });
    const link = await waitFor(
      () => field.inputValue(),
      (value) => value !== '',
      { what: 'the viewer link' },
    );
    const viewer = await joinAsGuest(guests, link, 'Ada');
    await waitForViewerState(viewer, 'live');
    await viewer.context().close();
    return link;
  }

  test.each(FIXTURES)(
    '$fixture: none in the lobby; in the toolbar through rebuilds and routes; link to chat; gone after the call',
    async (fixture) => {
      const ui = await open(fixture);
      const hook = (name: string) => ui.locator(`[data-fixture="${name}"]`);

      // The lobby is not a call: no control yet.
      await hook('join').waitFor();
      await ui.evaluate(() => new Promise(requestAnimationFrame));
      expect((await spot(ui)).connected).toBe(false);

      await hook('join').click();
      await tagToolbar(ui, 'first');
      const first = await waitForSpot(ui, docked, `the control in the ${fixture.site} toolbar`);
      expect(first).toMatchObject({
        site: fixture.site,
        theme: fixture.theme,
        toolbarId: 'first',
        beforeLeave: true,
      });

      // A re-render replaces the toolbar with new nodes: the control moves into the new one.
      await ui.getByRole('button', { name: 'Rebuild toolbar' }).click();
      await waitForSpot(ui, (s) => docked(s) && s.toolbarId === null, 'the rebuilt toolbar');

      // An in-app route change renders the whole call view again, without a reload.
      await tagToolbar(ui, 'before-route');
      const url = ui.url();
      await ui.getByRole('button', { name: 'Go to another route' }).click();
      expect(ui.url()).not.toBe(url);
      await waitForSpot(ui, (s) => docked(s) && s.toolbarId === null, 'after the route');

      const link = await shareReachesGuest(ui);

      // Post link to chat fills the site's chat box; the sharer still presses Send.
      await hook('chat-toggle').click();
      await ui.getByRole('button', { name: 'Post link to chat', exact: true }).click();
      const box = hook('chat-input');
      const text = fixture.chat === 'textarea' ? await box.inputValue() : await box.textContent();
      expect(text?.trim()).toBe(link);
      await expect.poll(() => hook('chat-send').isEnabled()).toBe(true);
      // The chat box has the focus: Enter sends, as the sharer would.
      await call.keyboard.press('Enter');
      await expect.poll(() => hook('chat-log').textContent()).toContain(link);

      await ui.getByRole('button', { name: 'Stop sharing' }).click();
      await waitFor(
        () => sessionState(stack.sharer.worker),
        (s) => s.kind === 'idle',
        { what: 'the share to stop' },
      );

      // Leaving the call takes the control away; the next call brings it back.
      await hook('leave').click();
      await waitForSpot(ui, (s) => !s.connected, 'the control to go with the call');
      await hook('rejoin').click();
      await waitForSpot(ui, docked, 'the control back for the next call');
    },
  );

  test('a known site whose toolbar is unknown: the control floats, and the popup says so', async () => {
    const ui = await open({
      url: 'https://meet.google.com/xyz-abcd-efg',
      fixture: 'meet/unknown-toolbar.html',
      site: 'meet',
      theme: 'dark',
      chat: 'textarea',
    });
    await ui.locator('[data-fixture="join"]').click();
    const floating = await waitForSpot(
      ui,
      (s) => s.connected && s.placement === 'floating',
      'the floating control',
    );
    expect(floating).toMatchObject({ site: 'meet', inToolbar: false });

    const popup = await openPopupOver(stack.sharer, call);
    try {
      await expect
        .poll(() => popup.text())
        .toContain('Toolbar not found on this page, using the floating button');
    } finally {
      await popup.close();
    }
    // The floating control shares as the docked one does.
    await shareReachesGuest(ui);
    await stopSharing(call, stack.sharer.worker);
  });

  test('a known site where nothing is found: the popup says what it looked for, and still shares', async () => {
    const ui = await open(FIXTURES[0] as Fixture);
    await ui.locator('[data-fixture="join"]').click();
    await waitForSpot(ui, docked, 'the control in the call');
    let popup = await openPopupOver(stack.sharer, call);
    try {
      await expect
        .poll(() => popup.text())
        .toContain('Google Meet: the Share button is in the call’s toolbar.');
    } finally {
      await popup.close();
    }

    // After leaving, Meet shows neither a lobby nor a call.
    await ui.locator('[data-fixture="leave"]').click();
    await waitForSpot(ui, (s) => !s.connected, 'the control to go with the call');
    popup = await openPopupOver(stack.sharer, call);
    try {
      await expect
        .poll(() => popup.text())
        .toContain(
          'This looks like Google Meet, but Deskbridge did not find the call, the Leave button, or the toolbar here.',
        );
      await popup.page.locator('::-p-aria([name="Share desktop"][role="button"])').click();
      await waitFor(
        () => sessionState(stack.sharer.worker),
        (s) => s.kind === 'live',
        { what: 'the share started from the popup' },
      );
      await popup.page.locator('::-p-aria([name="Stop sharing"][role="button"])').click();
      await waitFor(
        () => sessionState(stack.sharer.worker),
        (s) => s.kind === 'idle',
        { what: 'the share to stop' },
      );
    } finally {
      await popup.close();
    }
  });
});
