import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Worker } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
/** The dev build's fixed id (its manifest `key`); the store build has no key. */
export const EXTENSION_ID = 'fjlgcofhcclifhlpkfbadplbdfdmkaln';
// npm runs every script from the project root; bundled benchmarks move, the root does not.
// Tests load the dev build: the store build has neither the demo page's matches nor the key.
export const EXTENSION_DIR = resolve(process.cwd(), 'dist/chrome-dev');

/** Flags measured to work here (DESIGN §7): no background traffic, loopback ICE allowed. */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
  '--allow-loopback-in-peer-connection',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

export interface Sharer {
  context: BrowserContext;
  worker: Worker;
  /** The profile directory: unique to this browser, so it names its processes. */
  profile: string;
  /** Kills the whole browser at once, as a crash would: no page gets to say goodbye. */
  crash(): void;
  close(): Promise<void>;
}

export interface SharerOptions {
  /** The tab or screen the picker auto-selects ("Entire screen" for the desktop). */
  pick: string;
  headless?: boolean;
  args?: string[];
  /** The window, and so the shared tab's, size. */
  size?: { width: number; height: number };
  /** The browser's UI language, which the extension speaks; tests name controls in English. */
  lang?: string;
  /** Also listen for DevTools on a port (`harness/popup.ts` drives the action popup through it). */
  debugPort?: boolean;
  /** Another Chromium binary or a wrapper (the NAT suite's `ip netns exec NS chromium`). */
  executablePath?: string;
}

/** Chromium with the built extension loaded; its picker answers itself with `pick`. */
export async function launchSharer({
  pick,
  headless = true,
  args = [],
  size = { width: 1280, height: 800 },
  lang = 'en-US',
  debugPort = false,
  executablePath = CHROMIUM,
}: SharerOptions): Promise<Sharer> {
  const profile = await mkdtemp(join(tmpdir(), 'deskbridge-sharer-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless,
    viewport: null,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      ...QUIET_FLAGS,
      `--window-size=${size.width},${size.height}`,
      `--lang=${lang}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--auto-select-desktop-capture-source=${pick}`,
      `--auto-select-tab-capture-source-by-title=${pick}`,
      ...(debugPort ? ['--remote-debugging-port=0'] : []),
      ...args,
    ],
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
    (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  return {
    context,
    worker,
    profile,
    crash() {
      spawnSync('pkill', ['-KILL', '-f', profile]);
    },
    async close() {
      await context.close().catch(() => {});
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The guest: a separate browser process with no extension, as a real guest would have. */
export async function launchGuestBrowser(
  args: string[] = [],
  executablePath = CHROMIUM,
): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...QUIET_FLAGS, ...args],
  });
}

/** Host candidates as plain addresses, not mDNS names: a test's UDP path can move them. */
export const PLAIN_HOST_CANDIDATES = `${QUIET_FLAGS.find((flag) =>
  flag.startsWith('--disable-features='),
)},WebRtcHideLocalIpsWithMdns`;
