import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { EXTENSION_DIR } from '../test/e2e/harness/browsers.js';

/**
 * Issue #5: the content script is injected into every call page, so its bytes and its
 * main-thread time are figures of their own. Main-thread time is CDP `Performance.getMetrics`
 * (ScriptDuration, TaskDuration: cumulative per document, reset by each navigation), in a
 * browser with the extension against one without, on the same page.
 */
export function contentScriptBytes(): { raw: number; gzip: number } {
  const source = readFileSync(join(EXTENSION_DIR, 'content.js'));
  return { raw: source.length, gzip: gzipSync(source, { level: 9 }).length };
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

/**
 * Idle cost on a site fixture in a call: `seconds` with the page's toolbar rebuilt every
 * `rebuildMs`, as a framework re-render does (the content script must put its button back).
 */
export async function idleCost(
  context: BrowserContext,
  url: string,
  seconds = 10,
  rebuildMs = 500,
): Promise<MainThread> {
  const { page, read } = await meteredPage(context);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.locator('[data-fixture="join"]').click();
    await page.waitForTimeout(1_000);
    const before = await read();
    await page.evaluate(
      ({ seconds, rebuildMs }) => {
        const button = document.getElementById('fixture-rebuild');
        const id = setInterval(() => button?.click(), rebuildMs);
        setTimeout(() => clearInterval(id), seconds * 1000);
      },
      { seconds, rebuildMs },
    );
    await page.waitForTimeout(seconds * 1000);
    const after = await read();
    return { scriptMs: after.scriptMs - before.scriptMs, taskMs: after.taskMs - before.taskMs };
  } finally {
    await page.close();
  }
}
