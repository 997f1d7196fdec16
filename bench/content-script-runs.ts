import { launchGuestBrowser } from '../test/e2e/harness/browsers.js';
import { startSiteServer } from '../test/e2e/harness/site-server.js';
import { startStack } from '../test/e2e/harness/stack.js';
import {
  contentScriptBytes,
  type Idle,
  idleCost,
  loadCost,
  type MainThread,
} from './content-script.js';
import { type Summary, summarise } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
type Sample = { with: MainThread[]; without: MainThread[] };

/** The Meet fixture under its real name (test/e2e/harness/site-server.ts). */
const MEET = 'https://meet.google.com/abc-defg-hij';
/** A call minute, measured as 30 s and doubled: the toolbar rebuilt every 5 s, tiles 10/s. */
const IDLE_MINUTE: Idle = { seconds: 30, rebuildMs: 5_000, churnMs: 100 };

/**
 * The content script's bytes, and its main-thread time: a fresh load of the demo call page and
 * of the Meet fixture, 10 s in a Meet call whose toolbar is rebuilt twice a second, and an idle
 * call minute (toolbar rebuilt every 5 s, the call view changing ten times a second). Runs
 * alternate between a browser with the extension and one without, so drift hits both; the
 * second browser maps the site names too, so both load the same pages.
 */
export async function measureContentScript(): Promise<{
  bytes: ReturnType<typeof contentScriptBytes>;
  figures: Record<string, Summary>;
}> {
  const bytes = contentScriptBytes();
  const sites = await startSiteServer();
  const stack = await startStack({ pick: 'none', args: sites.browserArgs });
  const plain = await launchGuestBrowser(sites.browserArgs);
  const without = await plain.newContext({ viewport: { width: 1280, height: 800 } });
  const withExtension = stack.sharer.context;
  type Context = typeof without;
  const cases: Record<string, (context: Context) => Promise<MainThread>> = {
    'demo page load': (context) => loadCost(context, stack.servers.demoUrl),
    'Meet fixture load': (context) => loadCost(context, MEET),
    'Meet fixture idle 10 s, 20 rebuilds': (context) =>
      idleCost(context, MEET, { seconds: 10, rebuildMs: 500 }),
    'Meet call, idle minute': async (context) => {
      const { scriptMs, taskMs } = await idleCost(context, MEET, IDLE_MINUTE);
      const perMinute = 60 / IDLE_MINUTE.seconds;
      return { scriptMs: scriptMs * perMinute, taskMs: taskMs * perMinute };
    },
  };
  const figures: Record<string, Summary> = {
    'content.js store build (bytes)': summarise([bytes.store.raw]),
    'content.js store build, gzip -9 (bytes)': summarise([bytes.store.gzip]),
    'content.js dev build (bytes)': summarise([bytes.dev.raw]),
    'content.js dev build, gzip -9 (bytes)': summarise([bytes.dev.gzip]),
  };
  try {
    for (const [name, measure] of Object.entries(cases)) {
      const sample: Sample = { with: [], without: [] };
      for (let run = 0; run < RUNS; run++) {
        sample.with.push(await measure(withExtension));
        sample.without.push(await measure(without));
      }
      for (const key of ['scriptMs', 'taskMs'] as const) {
        const label = key === 'scriptMs' ? 'script' : 'tasks';
        const withMs = sample.with.map((m) => Math.round(m[key] * 10) / 10);
        const withoutMs = sample.without.map((m) => Math.round(m[key] * 10) / 10);
        // Paired by run: with minus without, the content script's share of each.
        const extra = withMs.map((ms, i) => Math.round((ms - (withoutMs[i] ?? 0)) * 10) / 10);
        figures[`${name}: ${label} ms, with ext`] = summarise(withMs);
        figures[`${name}: ${label} ms, without`] = summarise(withoutMs);
        figures[`${name}: ${label} ms, ext's extra`] = summarise(extra);
      }
      console.log(`content script: ${name} measured`);
    }
  } finally {
    await plain.close();
    await stack.close();
    await sites.close();
  }
  return { bytes, figures };
}

/** `BENCH_ONLY=content`: this section alone, printed, no results file. */
export async function printContentScript(): Promise<void> {
  const { figures } = await measureContentScript();
  console.table(
    Object.fromEntries(
      Object.entries(figures).map(([name, s]) => [name, { median: s.median, p95: s.p95, n: s.n }]),
    ),
  );
}
