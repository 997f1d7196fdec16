import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchGuestBrowser } from '../test/e2e/harness/browsers.js';
import { sessionState, waitFor } from '../test/e2e/harness/extension.js';
import {
  joinAsGuest,
  shareFromPage,
  startStack,
  waitForViewerState,
} from '../test/e2e/harness/stack.js';
import { type Summary, summarise } from './stats.js';
import { readLatencies, timecodeRect } from './timecode.js';

/**
 * `npm run bench`: the real path — extension in Chromium, PeerJS server, guest in a second
 * browser — several times over, on loopback. Prints a table and writes bench/results/latest.json.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FRAMES_PER_RUN = 60;
const resultsDir = join(process.cwd(), 'bench', 'results');

/** Milliseconds from a click on the named button to `done` (measured in the page's own clock). */
async function timeFromClick(
  page: Page,
  button: string,
  done: () => Promise<unknown>,
): Promise<number> {
  const started = Date.now();
  await page.getByRole('button', { name: button }).click();
  await done();
  return Date.now() - started;
}

async function main(): Promise<void> {
  const stack = await startStack({ pick: 'Deskbridge demo call' });
  const guests = await launchGuestBrowser();
  const call = await stack.sharer.context.newPage();
  await call.goto(stack.servers.demoUrl);
  const strip = await timecodeRect(call);
  const shareToLink: number[] = [];
  const joinToFrame: number[] = [];
  const glassToGlass: number[] = [];

  try {
    for (let run = 1; run <= RUNS; run++) {
      let link = '';
      shareToLink.push(
        await timeFromClick(
          call,
          'Share desktop',
          async () => (link = await shareFromPage(call, { click: false })),
        ),
      );
      const viewer = await joinAsGuest(guests, link, `Bench ${run}`, { join: false });
      joinToFrame.push(
        await timeFromClick(viewer, 'Join', () => waitForViewerState(viewer, 'live')),
      );
      glassToGlass.push(...(await readLatencies(viewer, strip, FRAMES_PER_RUN)));
      await call.getByRole('button', { name: 'Stop sharing' }).click();
      await waitFor(
        () => sessionState(stack.sharer.worker),
        (s) => s.kind === 'idle',
        { what: 'idle' },
      );
      await viewer.context().close();
      process.stdout.write(`run ${run}/${RUNS} done\n`);
    }
  } finally {
    await guests.close();
    await stack.close();
  }

  const figures: Record<string, Summary> = {
    'share click → link ready (ms)': summarise(shareToLink),
    'join click → first frame (ms)': summarise(joinToFrame),
    'glass-to-glass (ms)': summarise(glassToGlass),
  };
  await report(figures);
}

async function report(figures: Record<string, Summary>): Promise<void> {
  const file = join(resultsDir, 'latest.json');
  const previous = existsSync(file)
    ? (JSON.parse(await readFile(file, 'utf8')) as { figures: Record<string, Summary> }).figures
    : {};
  const rows = Object.entries(figures).map(([name, s]) => {
    const before = previous[name]?.median;
    const change =
      before === undefined
        ? ''
        : `${s.median - before >= 0 ? '+' : ''}${(s.median - before).toFixed(0)}`;
    return {
      figure: name,
      median: s.median,
      p95: s.p95,
      min: s.min,
      max: s.max,
      n: s.n,
      'Δ median': change,
    };
  });
  console.table(rows);
  await mkdir(resultsDir, { recursive: true });
  const machine = { node: process.version, cpus: (await import('node:os')).cpus().length };
  await writeFile(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, machine, figures }, null, 2)}\n`,
  );
  console.log(`written ${file}`);
}

await main();
