import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { EXTENSION_DIR } from '../test/e2e/harness/browsers.js';

/**
 * Issue #5, #13 item 7: the content script is injected into every call page, so its bytes and
 * its main-thread time are figures of their own. Bytes: the store build's `content.js` (what
 * users download: minified) and the dev build's (what the tests load: readable). Main-thread
 * time is CDP `Performance.getMetrics` (ScriptDuration, TaskDuration: cumulative per
 * document, reset by each navigation), in a browser with the extension against one without,
 * on the same page.
 */
export function contentScriptBytes(): Record<'store' | 'dev', { raw: number; gzip: number }> {
  const measure = (dir: string) => {
    const source = readFileSync(join(dir, 'content.js'));
    return { raw: source.length, gzip: gzipSync(source, { level: 9 }).length };
  };
  return {
    store: measure(resolve(process.cwd(), 'dist/chrome')),
    dev: measure(EXTENSION_DIR),
  };
}

export interface MainThread {
  /** Milliseconds of JavaScript on the page's main thread. */
  scriptMs: number;
  /** Milliseconds of all main-thread tasks: script, style, layout, paint. */
  taskMs: number;
}

/**
 * A new page whose counters run from before its navigation: the metrics count only while the
 * Performance domain is enabled, and restart with each document.
 */
async function meteredPage(context: BrowserContext): Promise<{
  page: Page;
  read: () => Promise<MainThread>;
}> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
    return { scriptMs: value('ScriptDuration') * 1000, taskMs: value('TaskDuration') * 1000 };
  };
  return { page, read };
}

/** Main-thread time of one fresh load of `url`, up to `settleMs` after `load` (document_idle). */
export async function loadCost(
  context: BrowserContext,
  url: string,
  settleMs = 1_500,
): Promise<MainThread> {
  const { page, read } = await meteredPage(context);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
    return await read();
  } finally {
    await page.close();
  }
}

export interface Idle {
  seconds: number;
  /** The page's toolbar is rebuilt every this many ms, as a framework re-render does. */
  rebuildMs: number;
  /** The stage (tiles, captions: outside the toolbar) changes every this many ms; 0: never. */
  churnMs?: number;
}

/**
 * Idle cost on a site fixture in a call: `seconds` with the page's toolbar rebuilt every
 * `rebuildMs` (the content script must put its button back) and, with `churnMs`, the rest of
 * the call view changing as video tiles and captions do (which it must not pay for).
 */
export async function idleCost(
  context: BrowserContext,
  url: string,
  { seconds, rebuildMs, churnMs = 0 }: Idle,
): Promise<MainThread> {
  const { page, read } = await meteredPage(context);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('[data-fixture="join"]').click();
    await page.waitForTimeout(1_000);
    const before = await read();
    await churn(page.mainFrame(), { seconds, rebuildMs, churnMs });
    await page.waitForTimeout(seconds * 1000);
    const after = await read();
    return { scriptMs: after.scriptMs - before.scriptMs, taskMs: after.taskMs - before.taskMs };
  } finally {
    await page.close();
  }
}

function churn(frame: Frame, idle: Required<Idle>): Promise<void> {
  return frame.evaluate(({ seconds, rebuildMs, churnMs }) => {
    const button = document.getElementById('fixture-rebuild');
    const stage = document.querySelector('.stage');
    const timers = [setInterval(() => button?.click(), rebuildMs)];
    if (churnMs > 0 && stage) {
      let tick = 0;
      timers.push(
        setInterval(() => {
          const caption = document.createElement('p');
          caption.textContent = `caption ${tick++}`;
          stage.replaceChildren(...Array.from(stage.children).slice(-3), caption);
        }, churnMs),
      );
    }
    setTimeout(() => {
      for (const timer of timers) clearInterval(timer);
    }, seconds * 1000);
  }, idle);
}
