import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHost, HostProcess, startXvfb, type Xvfb } from './harness.js';

/**
 * The host typing into a real toolkit: a headed Chromium on Xvfb, whose keymap handling is
 * what makes spare-keycode binding hard (it reads a changed keymap late; see BIND_SETTLE_MS).
 * The extension is not involved: the e2e suite covers the whole chain.
 */
const CHROMIUM = '/usr/lib/chromium/chromium';

describe('native host typing into Chromium', { timeout: 30_000 }, () => {
  let xvfb: Xvfb;
  let browser: Browser;
  let page: Page;
  let host: HostProcess;
  let seq = 0;
  const send = (event: unknown) => host.send({ type: 'input', epoch: 1, seq: ++seq, event });
  const key = (action: 'down' | 'up', code: string, k: string, modifiers = 0) =>
    send({ kind: 'key', action, code, key: k, modifiers });
  const tap = (code: string, k: string, modifiers = 0) => {
    key('down', code, k, modifiers);
    key('up', code, k, modifiers);
  };

  beforeAll(async () => {
    buildHost();
    xvfb = await startXvfb();
    const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: xvfb.display };
    delete env.WAYLAND_DISPLAY;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: false,
      env,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--window-position=0,0',
        '--window-size=1280,800',
      ],
    });
    page = await browser.newPage({ viewport: null });
    await page.setContent(`<textarea id=field style="position:fixed;inset:0;width:100vw;height:100vh"></textarea>
      <script>
        window.seen = [];
        for (const type of ['mousedown', 'keydown', 'input'])
          addEventListener(type, (e) => seen.push({ type, trusted: e.isTrusted, x: e.screenX, y: e.screenY }), true);
      </script>`);
    host = new HostProcess(env);
    expect(await host.request({ type: 'hello' }, 'status')).toMatchObject({ ok: true });
    await host.request({ type: 'grant', epoch: 1 }, 'granted');
  }, 60_000);

  afterAll(async () => {
    host?.kill();
    await browser?.close();
    await xvfb?.stop();
  });

  const value = () => page.inputValue('#field');
  /** Waits for the field to read `expected`; on failure, says in full what it reads. */
  const settle = async (expected: string, timeoutMs = 15_000) => {
    await host.stats();
    const deadline = performance.now() + timeoutMs;
    let actual = await value();
    while (actual !== expected && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      actual = await value();
    }
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
  };

  it('clicks into the page with trusted events', async () => {
    send({ kind: 'pointer', action: 'down', nx: 0.5, ny: 0.5, button: 'left', clicks: 1 });
    send({ kind: 'pointer', action: 'up', nx: 0.5, ny: 0.5, button: 'left', clicks: 1 });
    await host.stats();
    await expect
      .poll(() =>
        page.evaluate(() => (globalThis as unknown as { seen: { type: string }[] }).seen.length),
      )
      .toBeGreaterThan(0);
    const seen = await page.evaluate(
      () =>
        (
          globalThis as unknown as {
            seen: { type: string; trusted: boolean; x: number; y: number }[];
          }
        ).seen,
    );
    expect(seen[0]).toEqual({ type: 'mousedown', trusted: true, x: 640, y: 400 });
  });

  it('types "Hello, World!" key by key with Shift, and Backspace', async () => {
    const shifted = new Set(['H', 'W', '!']);
    const codes: Record<string, string> = { ',': 'Comma', ' ': 'Space', '!': 'Digit1' };
    for (const char of 'Hello, World!!') {
      const code = codes[char] ?? `Key${char.toUpperCase()}`;
      if (shifted.has(char)) key('down', 'ShiftLeft', 'Shift', 8);
      tap(code, char, shifted.has(char) ? 8 : 0);
      if (shifted.has(char)) key('up', 'ShiftLeft', 'Shift');
    }
    tap('Backspace', 'Backspace');
    await settle('Hello, World!');
    const seen = await page.evaluate(
      () => (globalThis as unknown as { seen: { trusted: boolean }[] }).seen,
    );
    expect(seen.every((event) => event.trusted)).toBe(true);
  });

  it('types characters the keymap lacks, more of them than there are spare keycodes', async () => {
    const text =
      ' é€ß ж 中 😀 一二三四五六七八九十百千万亿甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥 ÀÉÎÕÜ';
    send({ kind: 'text', text });
    await settle(`Hello, World!${text}`);
    for (const char of ' déjà vu') tap('', char);
    await settle(`Hello, World!${text} déjà vu`);
  });

  it('selects all with Ctrl+A and deletes it', async () => {
    key('down', 'ControlLeft', 'Control', 2);
    tap('KeyA', 'a', 2);
    key('up', 'ControlLeft', 'Control');
    tap('Delete', 'Delete');
    await settle('');
  });
});
