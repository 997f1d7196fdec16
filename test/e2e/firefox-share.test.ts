import type { Browser as Chromium, Page as ChromiumPage } from 'playwright-core';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServers } from '#servers';
import { launchGuestBrowser } from './harness/browsers.js';
import { waitFor } from './harness/extension.js';
import { byRole, configureFirefox, launchFirefox, pageTitled } from './harness/firefox.js';
import { colourShare } from './harness/pixels.js';
import { joinAsGuest, type Servers, viewerState, waitForViewerState } from './harness/stack.js';

const SHARING_PAGE = 'Deskbridge — sharing';

// Firefox asks for the screen only after a click in the extension's sharing tab (issue 7); the
// picker answers itself under Xvfb (media.navigator.permission.disabled), giving the X screen.
describe('Firefox sharer: Share desktop, Choose what to share, a Chromium guest sees the X screen', () => {
  let servers: Servers;
  let firefox: Browser;
  let guests: Chromium;
  let call: Page;
  let sharing: Page;
  let viewer: ChromiumPage;

  beforeAll(async () => {
    if (!process.env.DISPLAY) {
      throw new Error('Firefox: no DISPLAY; run the e2e suite through `npm test` (Xvfb).');
    }
    servers = await startServers({ peerPort: 0, httpPort: 0, quiet: true });
    [firefox, guests] = await Promise.all([
      launchFirefox({ headless: false, extension: true }),
      launchGuestBrowser(),
    ]);
    await configureFirefox(firefox, {
      signalling: {
        host: '127.0.0.1',
        port: servers.peerPort,
        path: '/deskbridge',
        secure: false,
        key: 'peerjs',
      },
      iceServers: [],
      viewerUrl: servers.viewerUrl,
      admitEveryone: false,
      maxGuests: 5,
    });
    const [first] = await firefox.pages();
    if (!first) throw new Error('Firefox opened no tab');
    call = first;
    await call.goto(new URL('screen.html', servers.demoUrl).href);
  });

  afterAll(async () => {
    await guests?.close();
    await firefox?.close();
    await servers?.close();
  });

  test('Share desktop opens the sharing tab; its button opens the picker; the link appears', async () => {
    await (await byRole(call, 'button', 'Share desktop')).click();
    sharing = await pageTitled(firefox, SHARING_PAGE);
    await (await byRole(sharing, 'button', 'Choose what to share')).click();
    // The sharer is sent back to the call; the sharing tab says it must stay open.
    const text = await sharing.evaluate(() => document.body.textContent);
    expect(text).toContain('Closing this tab ends the share.');
    const field = await byRole(call, 'textbox', 'Viewer link');
    const link = await waitFor(
      () => field.evaluate((input) => (input as HTMLInputElement).value),
      (value) => value.startsWith(servers.viewerUrl),
      { what: 'Firefox: the viewer link in the call page' },
    );
    await waitFor(
      () => call.evaluate(() => document.visibilityState),
      (state) => state === 'visible',
      { what: 'Firefox: the call tab in front again' },
    );

    viewer = await joinAsGuest(guests, link, 'Linus');
    await (await byRole(call, 'button', 'Admit Linus')).click();
    await waitForViewerState(viewer, 'live', 60_000);
  });

  test('the Chromium guest sees the X screen, with the magenta call page on it', async () => {
    const frame = await waitFor(
      () => colourShare(viewer, [255, 0, 255]),
      (seen) => seen.share > 0.3,
      { what: 'Firefox sharer: magenta covering the captured screen', timeout: 60_000 },
    );
    const xScreen = await call.evaluate(() => ({ width: screen.width, height: screen.height }));
    expect(frame.width / frame.height).toBeCloseTo(xScreen.width / xScreen.height, 1);
    expect(frame.width).toBeGreaterThanOrEqual(xScreen.width * 0.9);
  });

  test('closing the sharing tab asks first, then ends the share for the guest', async () => {
    const asked = new Promise<string>((resolve) => {
      sharing.once('dialog', (dialog) => {
        resolve(dialog.type());
        void dialog.accept();
      });
    });
    await sharing.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');
    await waitFor(
      () => viewerState(viewer),
      (state) => state === 'ended',
      { what: 'Firefox sharer: the guest told the share ended' },
    );
    await byRole(call, 'button', 'Share desktop');
  });
});
