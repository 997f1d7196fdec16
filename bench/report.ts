import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { LoadFigures } from './load.js';
import type { Summary } from './stats.js';

const resultsDir = join(process.cwd(), 'bench', 'results');
const LATEST = join(resultsDir, 'latest.json');
/** The run before: `latest.json` moves here when a new run is written. */
const PREVIOUS = join(resultsDir, 'previous.json');

/** Figures printed together under a title; their names are the keys in the JSON. */
export type Sections = Record<string, Record<string, Summary>>;

interface Saved {
  date?: string;
  figures?: Record<string, Summary>;
  load?: LoadFigures[];
}

const signed = (value: number, digits = 0) => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;

/** The change of a median against the earlier run, absolute and in percent. */
function change(now: number, before: number | undefined): { delta: string; percent: string } {
  if (before === undefined || !Number.isFinite(before)) return { delta: '', percent: '' };
  const digits = Math.abs(now) < 10 && !Number.isInteger(now) ? 3 : 0;
  const percent = before === 0 ? '' : `${signed(((now - before) / Math.abs(before)) * 100)}%`;
  return { delta: signed(now - before, digits), percent };
}

/** Prints every section and the sharer's load, each with its change against the last run. */
export async function report(
  sections: Sections,
  load: LoadFigures[],
  extra: Record<string, unknown>,
): Promise<void> {
  const previous: Saved = existsSync(LATEST) ? JSON.parse(await readFile(LATEST, 'utf8')) : {};
  if (previous.date) console.log(`Δ against the run of ${previous.date}`);
  for (const [title, figures] of Object.entries(sections)) {
    console.log(title);
    console.table(
      Object.entries(figures).map(([name, s]) => {
        const { delta, percent } = change(s.median, previous.figures?.[name]?.median);
        return {
          figure: name,
          median: s.median,
          p95: s.p95,
          p99: s.p99,
          min: s.min,
          max: s.max,
          n: s.n,
          'Δ median': delta,
          'Δ %': percent,
        };
      }),
    );
  }
  console.log('Sharer load, 1920×1080 demo tab at up to 30 fps:');
  console.table(
    load.map((row) => {
      const before = previous.load?.find((b) => b.guests === row.guests);
      return {
        ...row,
        'Δ cpu %': change(row.cpuPercent, before?.cpuPercent).delta,
        'Δ kbit/s': change(row.uploadKbpsPerGuest, before?.uploadKbpsPerGuest).delta,
      };
    }),
  );
  await mkdir(resultsDir, { recursive: true });
  if (existsSync(LATEST)) await copyFile(LATEST, PREVIOUS);
  const machine = {
    node: process.version,
    cpus: cpus().length,
    model: cpus()[0]?.model,
    // Two cores shared with other work: the load average says how noisy these figures are.
    loadavg: loadavg().map((l) => Number(l.toFixed(2))),
  };
  const figures = Object.assign({}, ...Object.values(sections)) as Record<string, Summary>;
  const result = { date: new Date().toISOString(), machine, figures, load, ...extra };
  await writeFile(LATEST, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`written ${LATEST}${previous.date ? ` (the run before: ${PREVIOUS})` : ''}`);
}
