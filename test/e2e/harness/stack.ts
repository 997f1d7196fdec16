import type { Browser, Page, Worker } from 'playwright-core';
import { startServers } from '#servers';
import type { Settings } from '../../../src/shared/settings.js';
import { launchGuestBrowser, launchSharer, type Sharer, type SharerOptions } from './browsers.js';
import { configure, sessionState, waitFor } from './extension.js';
import { type AnyPage, evaluate } from './page-like.js';

export type Servers = Awaited<ReturnType<typeof startServers>>;

export interface Stack {
  servers: Servers;
  sharer: Sharer;
  close(): Promise<void>;
}

/** The extension's settings for a test: the local servers only, no ICE servers, ask to admit. */
export function localSettings(servers: Servers): Settings {
  return {
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
    rejoinGraceSeconds: 60,
  };
}

/** A real PeerJS server and static host on ephemeral loopback ports, and the sharer's browser. */
export async function startStack(options: SharerOptions): Promise<Stack> {
  const servers = await startServers({ port: 0, quiet: true });
  const sharer = await launchSharer(options);
  await configure(sharer.worker, localSettings(servers));
  return {
    servers,
    sharer,
    async close() {
      await sharer.close();
      await servers.close();
    },
  };
}

/** Clicks "New link" in the page's panel and returns the new link once the page shows it. */
export async function renewLink(page: Page): Promise<string> {
  const field = page.getByRole('textbox', { name: 'Viewer link' });
  const oldLink = await field.inputValue();
  await page.getByRole('button', { name: 'New link' }).click();
  return waitFor(
    () => field.inputValue(),
    (value) => value !== oldLink,
    { what: 'a new link' },
  );
}

/** Clicks the injected button and returns the link once the page shows it. */
export async function shareFromPage(page: Page, { click = true } = {}): Promise<string> {
  if (click) await page.getByRole('button', { name: 'Share desktop' }).click();
  const field = page.getByRole('textbox', { name: 'Viewer link' });
  return waitFor(
    () => field.inputValue(),
    (link) => link !== '',
    { what: 'the viewer link' },
  );
}

/** Ends the share from the call page, if one is running, and waits until the worker is idle. */
export async function stopSharing(call: Page, worker: Worker): Promise<void> {
  if ((await sessionState(worker)).kind === 'idle') return;
  await call.getByRole('button', { name: 'Stop sharing' }).click();
  await waitFor(
    () => sessionState(worker),
    (s) => s.kind === 'idle',
    { what: 'the share to stop' },
  );
}

/** A guest opens the link in its own browser, types a name and joins. */
export async function joinAsGuest(
  browser: Browser,
  link: string,
  name = 'Guest',
  { join = true } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[viewer] ${error.message}`));
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Your name' }).fill(name);
  if (join) await page.getByRole('button', { name: 'Join' }).click();
  return page;
}

/** The sharer lets a waiting guest in from the call page's panel. */
export async function admitFromPage(call: Page, name: string): Promise<void> {
  await call.getByRole('button', { name: `Admit ${name}`, exact: true }).click({ timeout: 30_000 });
}

/** Join, wait to be asked about, admit, and wait for the first frame. */
export async function joinAndAdmit(
  browser: Browser,
  call: Page,
  link: string,
  name: string,
): Promise<Page> {
  const viewer = await joinAsGuest(browser, link, name);
  await admitFromPage(call, name);
  await waitForViewerState(viewer, 'live');
  return viewer;
}

export function viewerState(page: AnyPage): Promise<string | null> {
  return evaluate(page, () => document.documentElement.dataset.viewerState ?? null, null);
}

export async function waitForViewerState(
  page: Page,
  state: string,
  timeout = 30_000,
): Promise<void> {
  await page.waitForFunction(
    (wanted) => document.documentElement.dataset.viewerState === wanted,
    state,
    {
      timeout,
    },
  );
}

export interface Scene {
  stack: Stack;
  guests: Browser;
  /** The sharer's page: the demo call page, or `page` under it. */
  call: Page;
  close(): Promise<void>;
}

/** The usual scene: servers, the sharer's browser open on a demo page, a guest browser. */
export async function startScene(options: SharerOptions & { page?: string }): Promise<Scene> {
  const [stack, guests] = await Promise.all([startStack(options), launchGuestBrowser()]);
  const call = await stack.sharer.context.newPage();
  await call.goto(new URL(options.page ?? '', stack.servers.demoUrl).href);
  return {
    stack,
    guests,
    call,
    async close() {
      await guests.close();
      await stack.close();
    },
  };
}
