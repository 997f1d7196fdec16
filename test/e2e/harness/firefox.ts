import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { SessionState } from '../../../src/shared/session.js';
import type { Settings } from '../../../src/shared/settings.js';
import { waitFor } from './extension.js';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const GECKO_ID = 'deskbridge@deskbridge.dev';
/** Fixed by the `extensions.webextensions.uuids` pref, so the extension's origin is known. */
export const EXTENSION_UUID = '5f0c9d43-2a7e-4b8a-9d61-0e3b7c1f8a24';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
export const FIREFOX_EXTENSION_DIR = `${process.cwd()}/dist/firefox-dev`;

/**
 * Beyond puppeteer's and the remote agent's own test prefs: nothing leaves 127.0.0.1 (no
 * captive-portal or connectivity probes, DNS over HTTPS, push, region or add-on lookups), and
 * WebRTC may use loopback host candidates, as Chromium does with
 * --allow-loopback-in-peer-connection.
 */
const QUIET_PREFS = {
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'dom.push.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.aboutHomeSnippets.updateUrl': '',
  'extensions.systemAddon.update.enabled': false,
  'extensions.blocklist.enabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
};

export interface FirefoxOptions {
  /** Screen capture needs a headed Firefox (under Xvfb); watching works headless. */
  headless?: boolean;
  /** Installs dist/firefox-dev (the sharer); a guest has no extension. */
  extension?: boolean;
  /** Its HOME: Firefox finds native helpers in HOME/.mozilla/native-messaging-hosts. */
  home?: string;
}

/** Firefox ESR over WebDriver BiDi. Every failure the tests raise says "Firefox". */
export async function launchFirefox({
  headless = true,
  extension = false,
  home,
}: FirefoxOptions = {}): Promise<Browser> {
  const browser = await puppeteer.launch({
    ...(home ? { env: { ...process.env, HOME: home } } : {}),
    browser: 'firefox',
    executablePath: FIREFOX,
    headless,
    defaultViewport: null,
    // Extension pages are reachable only with system access (options, the sharing tab).
    args: ['--window-size=1280,800', ...(extension ? ['--remote-allow-system-access'] : [])],
    extraPrefsFirefox: {
      ...QUIET_PREFS,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // The screen picker answers itself with the whole screen ("Primary Monitor").
      'media.navigator.permission.disabled': true,
    },
  });
  if (extension) await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return browser;
}

/** The extension's options page in a new tab (reachable with --remote-allow-system-access). */
async function openOptions(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  // The page loads, but BiDi never reports its load for extension pages: watch for its script.
  void page.goto(`${EXTENSION_ORIGIN}/options.html`, { timeout: 60_000 }).catch(() => {});
  await waitFor(
    () =>
      page.evaluate(() => typeof chrome === 'object' && Boolean(chrome.storage)).catch(() => false),
    (ready) => ready,
    { what: 'the Firefox options page' },
  );
  return page;
}

/** Writes the settings through the extension's own options page, as the UI would store them. */
export async function configureFirefox(browser: Browser, settings: Settings): Promise<void> {
  const page = await openOptions(browser);
  await page.evaluate(
    (value) => chrome.storage.local.set({ 'deskbridge:settings': value }),
    settings,
  );
  await page.close();
}

/** An open tab by its title (BiDi reports extension tabs' URLs late, their titles at once). */
export async function pageTitled(browser: Browser, title: string, timeout = 30_000): Promise<Page> {
  const found = await waitFor(
    async () => {
      for (const page of await browser.pages()) {
        const current = await page.evaluate(() => document.title).catch(() => '');
        if (current === title) return page;
      }
      return null;
    },
    (page) => page !== null,
    { what: `a Firefox tab titled "${title}"`, timeout },
  );
  return found as Page;
}

/**
 * The element with this role and accessible name, in the page or any open shadow root (the
 * in-page panel lives in one). Firefox's accessibility locator does not enter shadow roots by
 * itself, so each root is searched.
 */
export async function byRole(
  page: Page,
  role: string,
  name: string,
  { timeout = 30_000 } = {},
): Promise<ElementHandle> {
  const selector = `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;
  const found = await waitFor(
    async () => {
      const roots = await page.evaluateHandle(() => {
        const all: (Document | ShadowRoot)[] = [document];
        for (const element of document.querySelectorAll('*'))
          if (element.shadowRoot) all.push(element.shadowRoot);
        return all;
      });
      const count = await roots.evaluate((list) => list.length);
      for (let i = 0; i < count; i++) {
        const root = (await roots.evaluateHandle(
          (list, at) => list[at],
          i,
        )) as unknown as ElementHandle;
        const hit = await root.$(selector);
        if (hit) return hit;
      }
      return null;
    },
    (hit) => hit !== null,
    { what: `Firefox: ${role} "${name}"`, timeout },
  );
  return found as ElementHandle;
}

/** Reads the extension's session through its options page (extension pages may read it). */
export async function firefoxSession(browser: Browser): Promise<SessionState> {
  const page = await openOptions(browser);
  try {
    return await page.evaluate(async () => {
      const stored = await chrome.storage.session.get('deskbridge:session');
      return (stored['deskbridge:session'] ?? { kind: 'idle' }) as SessionState;
    });
  } finally {
    await page.close();
  }
}
