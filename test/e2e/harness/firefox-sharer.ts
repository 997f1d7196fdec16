import type { Browser, Page } from 'puppeteer-core';
import { startServers } from '#servers';
import type { Settings } from '../../../src/shared/settings.js';
import { waitFor } from './extension.js';
import { byRole, configureFirefox, launchFirefox, pageTitled } from './firefox.js';
import { localSettings, type Servers } from './stack.js';

export const SHARING_PAGE = 'Deskbridge — sharing';

export interface FirefoxSharer {
  servers: Servers;
  firefox: Browser;
  /** The call page the share starts from. */
  call: Page;
  close(): Promise<void>;
}

/** Local servers, and headed Firefox with dist/firefox-dev installed, open on a demo page. */
export async function startFirefoxSharer({
  page,
  settings = {},
  home,
}: {
  page: string;
  settings?: Partial<Settings>;
  home?: string;
}): Promise<FirefoxSharer> {
  if (!process.env.DISPLAY) {
    throw new Error('Firefox: no DISPLAY; run the e2e suite through `npm test` (Xvfb).');
  }
  const servers = await startServers({ peerPort: 0, httpPort: 0, quiet: true });
  const firefox = await launchFirefox({ headless: false, extension: true, home });
  await configureFirefox(firefox, { ...localSettings(servers), ...settings });
  const [call] = await firefox.pages();
  if (!call) throw new Error('Firefox opened no tab');
  await call.goto(new URL(page, servers.demoUrl).href);
  return {
    servers,
    firefox,
    call,
    async close() {
      await firefox.close().catch(() => {});
      await servers.close();
    },
  };
}

/**
 * Share desktop in the call page → the sharing tab → Choose what to share (the picker answers
 * itself with the screen) → the link, once the call page shows it.
 */
export async function shareFromFirefox({
  firefox,
  call,
  servers,
}: FirefoxSharer): Promise<{ link: string; sharing: Page }> {
  await (await byRole(call, 'button', 'Share desktop')).click();
  const sharing = await pageTitled(firefox, SHARING_PAGE);
  await (await byRole(sharing, 'button', 'Choose what to share')).click();
  const field = await byRole(call, 'textbox', 'Viewer link');
  const link = await waitFor(
    () => field.evaluate((input) => (input as HTMLInputElement).value),
    (value) => value.startsWith(servers.viewerUrl),
    { what: 'Firefox: the viewer link in the call page' },
  );
  return { link, sharing };
}
