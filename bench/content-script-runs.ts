import { launchGuestBrowser } from '../test/e2e/harness/browsers.js';
import { startStack } from '../test/e2e/harness/stack.js';
import { contentScriptBytes, idleCost, loadCost, type MainThread } from './content-script.js';
import { type Summary, summarise } from './stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
type Sample = { with: MainThread[]; without: MainThread[] };

/**
 * The content script's bytes, and its main-thread time: a fresh load of the demo call page and
 * of the Meet fixture, and 10 s in a Meet fixture call whose toolbar is rebuilt twice a second.
 * Runs alternate between a browser with the extension and one without, so drift hits both.
 */
export async function measureContentScript(): Promise<{
  bytes: { raw: number; gzip: number };
  figures: Record<string, Summary>;
}> {
  const bytes = contentScriptBytes();
  const stack = await startStack({ pick: 'none' });
  const plain = await launchGuestBrowser();
  const without = await plain.newContext({ viewport: { width: 1280, height: 800 } });
  const withExtension = stack.sharer.context;
  const meet = new URL('sites/meet/', stack.servers.fixturesUrl).href;
  const cases = {
    'demo page load': (context: typeof without) => loadCost(context, stack.servers.demoUrl),
    'Meet fixture load': (context: typeof without) => loadCost(context, meet),
    'Meet fixture idle 10 s, 20 rebuilds': (context: typeof without) => idleCost(context, meet),
  };
  const figures: Record<string, Summary> = {
    'content.js (bytes)': summarise([bytes.raw]),
    'content.js gzip -9 (bytes)': summarise([bytes.gzip]),
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
  }
  return { bytes, figures };
}
