import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServers } from '#servers';
import { EXTENSION_ID, launchSharer, type Sharer } from './harness/browsers.js';
import type { Servers } from './harness/stack.js';

/**
 * Chrome's "Deskbridge requests additional permissions" dialog is browser UI: no page API and
 * no command-line switch answers it (`--apps-gallery-install-auto-confirm-for-tests` does not),
 * so this test answers it the way a person does, with the keyboard: a headed Chromium in the
 * Xvfb display the e2e run already has, and Tab, Return sent through XTest (the `x11` package).
 * The dialog opens with Deny focused; Tab moves to Allow.
 */
interface XClient {
  require(name: 'xtest', done: (error: Error | null, xtest: XTest) => void): void;
  GetKeyboardMapping(
    first: number,
    count: number,
    done: (e: Error | null, rows: number[][]) => void,
  ): void;
  close(): void;
}
interface XTest {
  KeyPress: number;
  KeyRelease: number;
  FakeInput(type: number, detail: number, time: number, wid: number, x: number, y: number): void;
}
interface XDisplay {
  client: XClient;
  min_keycode: number;
  max_keycode: number;
  screen: { root: number }[];
}
const x11 = createRequire(import.meta.url)('x11') as {
  createClient(done: (error: Error | null, display: XDisplay) => void): void;
};

const XK_TAB = 0xff09;
const XK_RETURN = 0xff0d;

const call = <T>(run: (done: (error: Error | null, value: T) => void) => void) =>
  new Promise<T>((resolve, reject) =>
    run((error, value) => (error ? reject(error) : resolve(value))),
  );

class Keyboard {
  private constructor(
    private readonly display: XDisplay,
    private readonly xtest: XTest,
    private readonly mapping: number[][],
  ) {}

  static async open(): Promise<Keyboard> {
    const display = await call<XDisplay>((done) => x11.createClient(done));
    const { client, min_keycode: min, max_keycode: max } = display;
    const xtest = await call<XTest>((done) => client.require('xtest', done));
    const mapping = await call<number[][]>((done) =>
      client.GetKeyboardMapping(min, max - min + 1, done),
    );
    return new Keyboard(display, xtest, mapping);
  }

  press(keysym: number): void {
    const row = this.mapping.findIndex((symbols) => symbols.includes(keysym));
    if (row < 0) throw new Error(`no key for keysym ${keysym.toString(16)}`);
    const { xtest, display } = this;
    const keycode = display.min_keycode + row;
    const root = display.screen[0]?.root ?? 0;
    xtest.FakeInput(xtest.KeyPress, keycode, 0, root, 0, 0);
    xtest.FakeInput(xtest.KeyRelease, keycode, 0, root, 0, 0);
  }

  close(): void {
    this.display.client.close();
  }
}

/**
 * Clicks a button that opens the permission dialog, then allows. The dialog is drawn inside the
 * browser's own X window, so nothing outside Chromium says when it is up: it is given time (it
 * shows within about a second here), then answered. Should it come late, the keys go to the
 * page instead and the test fails on the missing "Added", never passing by mistake.
 */
async function clickAndAllow(page: Page, button: string, keyboard: Keyboard): Promise<void> {
  await page.bringToFront();
  await page.getByRole('button', { name: button }).click();
  // Chrome also keeps the dialog's buttons off for a moment, against click-jacking.
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  keyboard.press(XK_TAB);
  keyboard.press(XK_RETURN);
}

/** Whether the content script put its control into the page (it shows only during a call). */
async function controlAfterJoining(page: Page): Promise<string | null> {
  await page.reload();
  await page.locator('[data-fixture="join"]').click();
  const host = page.locator('#new-toolbox deskbridge-share');
  try {
    await host.waitFor({ timeout: 3_000 });
  } catch {
    return null;
  }
  return host.getAttribute('data-site');
}

describe('Chromium: a call site the user adds', () => {
  let servers: Servers;
  let sharer: Sharer;
  let keyboard: Keyboard;

  beforeAll(async () => {
    if (!process.env.DISPLAY) throw new Error('run under xvfb-run: the permission dialog needs X');
    servers = await startServers({ peerPort: 0, httpPort: 0, quiet: true });
    sharer = await launchSharer({ pick: 'none', headless: false });
    keyboard = await Keyboard.open();
  });

  afterAll(async () => {
    keyboard?.close();
    await sharer?.close();
    await servers?.close();
  });

  test('gets the control once added and granted, and loses it once removed', async () => {
    // `localhost` is not in the manifest (only 127.0.0.1 serves the fixtures): a stand-in for
    // jitsi.example.org, recognised as Jitsi by its own bundle's address.
    const site = await sharer.context.newPage();
    await site.goto(`http://localhost:${servers.httpPort}/fixtures/sites/jitsi/self-hosted.html`);
    expect(await controlAfterJoining(site)).toBeNull();

    const options = await sharer.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.getByRole('textbox', { name: 'Call site domain' }).fill('localhost');
    await clickAndAllow(options, 'Add call site', keyboard);
    await options.getByRole('status').filter({ hasText: 'Added localhost.' }).waitFor();
    await options.getByRole('button', { name: 'Remove localhost' }).waitFor();

    await site.bringToFront();
    expect(await controlAfterJoining(site)).toBe('jitsi');

    await options.bringToFront();
    await options.getByRole('button', { name: 'Remove localhost' }).click();
    await options.getByRole('status').filter({ hasText: 'Removed localhost.' }).waitFor();
    const left = await sharer.worker.evaluate(async () => ({
      granted: await chrome.permissions.contains({ origins: ['http://localhost/*'] }),
      scripts: (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id),
    }));
    expect(left).toEqual({ granted: false, scripts: [] });

    await site.bringToFront();
    expect(await controlAfterJoining(site)).toBeNull();
  });
});
