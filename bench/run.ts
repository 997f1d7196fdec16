import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { launchGuestBrowser, type SharerOptions } from '../test/e2e/harness/browsers.js';
import { sessionState, updateSettings, waitFor } from '../test/e2e/harness/extension.js';
import {
  joinAsGuest,
  shareFromPage,
  startStack,
  waitForViewerState,
} from '../test/e2e/harness/stack.js';
import { measureContentScript, printContentScript } from './content-script-runs.js';
import { measureInputLatency } from './input-latency.js';
import {
  AHEAD_PHASES,
  dataChannelRoundTrips,
  type FirstFrame,
  JOIN_MARKS,
  JOIN_PHASES,
  joinPhases,
  joinTimeline,
  openProbedViewer,
  readFirstFrame,
  readJoinMarks,
  untilSharp,
} from './join-probe.js';
import { type LoadFigures, measureLoad } from './load.js';
import { measureRelay, RELAY_TITLE, type RelayFigures, relaySection } from './relay.js';
import { report } from './report.js';
import { measureScenes, SCENE_TITLE, type SceneFigures } from './scenes.js';
import { attachSharerProbe, type FirstEncode, SHARER_MARKS } from './sharer-probe.js';
import { measureSignallingLoad, type SignallingFigures } from './signalling-load.js';
import { summarise } from './stats.js';
import { readLatencies, timecodeRect } from './timecode.js';

/**
 * `npm run bench`: the real path — extension in Chromium sharing a 1920×1080 tab, PeerJS server,
 * guests in a second browser — on loopback. Prints a table, writes bench/results/latest.json.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FRAMES_PER_RUN = 60;
const LOAD_GUESTS = [1, 3, 5];
const INPUT_SAMPLES = 200;
const ROUND_TRIPS_PER_RUN = 50;
/** `BENCH_ONLY=join`: the join and admission runs only, printed, no results file (a quick loop). */
const JOIN_ONLY = process.env.BENCH_ONLY === 'join';
/** `BENCH_ONLY=signalling`: the signalling load alone, printed, no results file. */
const SIGNALLING_ONLY = process.env.BENCH_ONLY === 'signalling';
/** `BENCH_ONLY=relay`: relay against direct alone, printed, no results file. */
const RELAY_ONLY = process.env.BENCH_ONLY === 'relay';

/** Milliseconds from a click on the named button to `done`. */
async function timeFromClick(
  page: Page,
  button: string,
  done: () => Promise<unknown>,
): Promise<number> {
  const started = Date.now();
  await page.getByRole('button', { name: button, exact: true }).click();
  await done();
  return Date.now() - started;
}

async function main(): Promise<void> {
  // `BENCH_ONLY=content`: the content script's bytes and main-thread time alone (~4 min).
  if (process.env.BENCH_ONLY === 'content') return printContentScript();
  const stack = await startStack({
    pick: 'Deskbridge demo call',
    size: { width: 1920, height: 1080 },
  });
  const { worker, profile } = stack.sharer;
  const guests = await launchGuestBrowser();
  const call = await stack.sharer.context.newPage();
  await call.goto(stack.servers.demoUrl);
  const strip = await timecodeRect(call);
  const samples = {
    shareToLink: [] as number[],
    joinToFrame: [] as number[],
    joinToFrameInPage: [] as number[],
    joinAtOnceInPage: [] as number[],
    joinToSharpInPage: [] as number[],
    provedAhead: [] as number[],
    admitToFrame: [] as number[],
    glass: [] as number[],
    roundTrip: [] as number[],
  };
  const phases = new Map<string, number[]>();
  const timeline = new Map<string, number[]>();
  const firstFrames: FirstFrame[] = [];
  const firstEncodes: FirstEncode[] = [];
  const add = (into: Map<string, number[]>, values: Record<string, number>) => {
    for (const [name, ms] of Object.entries(values))
      into.set(name, [...(into.get(name) ?? []), Math.round(ms)]);
  };
  const load: LoadFigures[] = [];
  const stop = async () => {
    await call.getByRole('button', { name: 'Stop sharing' }).click();
    await waitFor(
      () => sessionState(worker),
      (s) => s.kind === 'idle',
      { what: 'idle' },
    );
    for (const context of guests.contexts()) await context.close();
  };

  try {
    // Join → first frame, with "admit everyone" on, so no human is in the loop.
    await updateSettings(worker, { admitEveryone: true, maxGuests: 5 });
    for (let run = 1; run <= RUNS; run++) {
      let link = '';
      samples.shareToLink.push(
        await timeFromClick(
          call,
          'Share desktop',
          async () => (link = await shareFromPage(call, { click: false })),
        ),
      );
      const sharer = await attachSharerProbe(stack.sharer.context);
      const viewer = await openProbedViewer(guests, link, `Bench ${run}`);
      samples.joinToFrame.push(
        await timeFromClick(viewer, 'Join', () => waitForViewerState(viewer, 'live')),
      );
      // Glass-to-glass is measured on the full-resolution picture, not on the first frame's.
      await untilSharp(viewer);
      const marks = await readJoinMarks(viewer);
      const { 'frame-sharp': sharp, 'join-click': clicked } = marks;
      if (sharp !== undefined && clicked !== undefined) {
        samples.joinToSharpInPage.push(sharp - clicked);
      }
      const joinPhasesOfRun = joinPhases(marks);
      if (joinPhasesOfRun.total !== undefined)
        samples.joinToFrameInPage.push(joinPhasesOfRun.total);
      if (marks['ahead-ready'] !== undefined) samples.provedAhead.push(marks['ahead-ready']);
      add(phases, joinPhasesOfRun);
      add(timeline, joinTimeline(marks));
      // The sharer's steps on the same axis: both clocks are this machine's epoch.
      const click =
        (await viewer.evaluate(() => performance.timeOrigin)) + (marks['join-click'] ?? 0);
      const seen = await sharer.read();
      add(
        timeline,
        Object.fromEntries(
          Object.entries(seen.marks).map(([name, at]) => [`sharer ${name}`, at - click]),
        ),
      );
      if (seen.firstEncode) firstEncodes.push(seen.firstEncode);
      await sharer.close();
      firstFrames.push(await readFirstFrame(viewer));
      samples.glass.push(...(await readLatencies(viewer, strip, FRAMES_PER_RUN)));
      samples.roundTrip.push(...(await dataChannelRoundTrips(viewer, ROUND_TRIPS_PER_RUN)));
      await stop();
      console.log(`latency run ${run}/${RUNS} done`);
    }

    // Join clicked before the key is proved (a remembered name, a quick click): the worst case.
    for (let run = 1; run <= RUNS; run++) {
      const link = await shareFromPage(call);
      const viewer = await openProbedViewer(guests, link, `At once ${run}`, { atOnce: true });
      await viewer.getByRole('button', { name: 'Join', exact: true }).click();
      await waitForViewerState(viewer, 'live');
      const { total } = joinPhases(await readJoinMarks(viewer));
      if (total !== undefined) samples.joinAtOnceInPage.push(total);
      await stop();
    }
    console.log('join-at-once runs done');

    // Admit → first frame: the guest waits, the sharer clicks Admit.
    await updateSettings(worker, { admitEveryone: false });
    const link = await shareFromPage(call);
    for (let run = 1; run <= RUNS; run++) {
      const viewer = await joinAsGuest(guests, link, `Waiting ${run}`);
      await waitForViewerState(viewer, 'pending');
      samples.admitToFrame.push(
        await timeFromClick(call, `Admit Waiting ${run}`, () => waitForViewerState(viewer, 'live')),
      );
      await viewer.context().close();
    }
    await stop();
    console.log('admission runs done');

    // Sharer CPU and upload with 1, 3 and 5 guests watching.
    if (JOIN_ONLY) return printJoin(samples, timeline);
    await updateSettings(worker, { admitEveryone: true });
    const loadLink = await shareFromPage(call);
    let watching = 0;
    for (const target of LOAD_GUESTS) {
      for (; watching < target; watching++) {
        await waitForViewerState(
          await joinAsGuest(guests, loadLink, `Load ${watching + 1}`),
          'live',
          60_000,
        );
      }
      load.push(await measureLoad(worker, profile, target));
      console.log(`load with ${target} guest(s) measured`);
    }
    await stop();
  } finally {
    await guests.close();
    await stack.close();
  }

  const tabInput = await tabInputLatency();
  const desktopInput = await desktopInputLatency();
  const scenes = await sceneFigures();
  const content = await measureContentScript();
  const signalling = await measureSignallingLoad();
  const relay = await measureRelay(RUNS);
  const round = (ms: number) => Number(ms.toFixed(2));
  await report(
    {
      'Share, join, latency on loopback': {
        'share click → link ready (ms)': summarise(samples.shareToLink),
        // The guest's own clock, from the click event to the first frame shown: what they see.
        // The page has proved the key while the name was typed (join-ahead).
        'join click → first frame (ms)': summarise(samples.joinToFrameInPage),
        // A Join clicked before that: the rest of the connection is on the clock too.
        'join click → first frame, Join clicked at once (ms)': summarise(samples.joinAtOnceInPage),
        'link opened → key proved, ahead of Join (ms)': summarise(samples.provedAhead),
        // The first frame is scaled down to 540 lines: when the picture is at full resolution.
        'join click → first full-resolution frame (ms)': summarise(samples.joinToSharpInPage),
        // The same through the test driver: adds its click dispatch and its polling for "live".
        'join click → first frame, as the test driver sees it (ms)': summarise(samples.joinToFrame),
        'admit click → first frame (ms)': summarise(samples.admitToFrame),
        'glass-to-glass (ms)': summarise(samples.glass),
        'data-channel round trip (ms)': summarise(samples.roundTrip.map(round)),
        'tab control: guest input → page event (ms)': summarise(tabInput),
        'desktop control: guest input → page event (ms)': summarise(desktopInput),
      },
      'Join click → first frame, by phase (viewer clock, ms)': Object.fromEntries(
        [...[...AHEAD_PHASES, ...JOIN_PHASES].map(([name]) => name), 'total']
          .filter((name) => phases.has(name))
          .map((name) => [`join phase: ${name}`, summarise(phases.get(name) ?? [])]),
      ),
      'Join click → each step, viewer and sharer (ms since the click)': Object.fromEntries(
        [...JOIN_MARKS, ...SHARER_MARKS.map((name) => `sharer ${name}`)]
          .filter((name) => timeline.has(name))
          .map((name) => [`join step: ${name}`, summarise(timeline.get(name) ?? [])] as const)
          .sort(([, a], [, b]) => a.median - b.median),
      ),
      'Scenes, 1920×1080 tab: received bitrate, and the reference text against the source':
        Object.fromEntries(
          scenes.flatMap((s) => [
            [`scene ${s.scene}: bitrate (kbit/s)`, s.kbps],
            [`scene ${s.scene}: text SSIM`, s.ssim],
            [`scene ${s.scene}: text mean abs diff (0–255)`, s.meanAbsDiff],
          ]),
        ),
      'Content script (issue #5): size, and main-thread time with and without the extension':
        content.figures,
      [SIGNALLING_TITLE]: signallingSection(signalling),
      [RELAY_TITLE]: relaySection(relay),
    },
    load,
    {
      runs: RUNS,
      firstFrames,
      firstEncodes,
      scenes: scenes.map(({ scene, fps, frame, codec }) => ({ scene, fps, frame, codec })),
      contentScript: content.bytes,
      signalling,
      relay,
    },
  );
  for (const s of scenes) console.log(`scene ${s.scene}: ${s.frame} ${s.codec} at ${s.fps} fps`);
  console.log(
    `sharer's first encoded frame: ${firstEncodes.map((f) => `after ${f.sourceFrames} captured frame(s), target ${f.targetKbps} kbit/s, ${f.encoder}, limited by ${f.limitation}`).join('; ')}`,
  );
  console.log(
    `first frame at the viewer: ${firstFrames.map((f) => `${f.size} ${f.bytes} B in ${f.frames} frame(s)`).join('; ')}`,
  );
}

const SIGNALLING_TITLE =
  'Signalling load: one server process on loopback, PeerJS peers heartbeating every 5 s';

/** The peak held, and at each step the OFFER→ANSWER round trip through the server (ms). */
function signallingSection(
  figures: SignallingFigures,
): Record<string, ReturnType<typeof summarise>> {
  return {
    'signalling: registered peers held (peak)': summarise([figures.peakHeld]),
    ...Object.fromEntries(
      figures.steps.flatMap((step) => [
        [`signalling: OFFER→ANSWER round trip, ${step.peers} peers (ms)`, step.roundTrip],
        [
          `signalling: server CPU, ${step.peers} peers (% of a core)`,
          summarise([step.serverCpuPercent]),
        ],
        [`signalling: server memory, ${step.peers} peers (MiB)`, summarise([step.serverRssMiB])],
      ]),
    ),
  };
}

function printJoin(samples: Record<string, number[]>, timeline: Map<string, number[]>): void {
  const rows: Record<string, ReturnType<typeof summarise>> = {};
  for (const [name, values] of Object.entries(samples))
    if (values.length) rows[name] = summarise(values);
  for (const [name, values] of [...timeline].sort(([, a], [, b]) => median(a) - median(b)))
    rows[`step: ${name}`] = summarise(values);
  console.table(rows);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/** Bitrate and legibility in three scenes, in a stack of their own sharing the scene tab. */
async function sceneFigures(): Promise<SceneFigures[]> {
  // Headless Chromium's window includes 88 px of browser UI: this leaves a 1920×1080 viewport.
  const stack = await startStack({ pick: SCENE_TITLE, size: { width: 1920, height: 1080 + 88 } });
  const guests = await launchGuestBrowser();
  try {
    return await measureScenes(stack, guests);
  } finally {
    await guests.close();
    await stack.close();
  }
}

/** A guest controls a shared tab; each pointer move is timed from the guest's page to the tab. */
function tabInputLatency(): Promise<number[]> {
  return inputLatency('tab', { pick: 'Deskbridge control test' });
}

/** The same through the native helper, on the whole X screen (headed, under Xvfb). */
function desktopInputLatency(): Promise<number[]> {
  if (!process.env.DISPLAY) {
    console.log('no DISPLAY: desktop input latency skipped (npm run bench starts Xvfb itself)');
    return Promise.resolve([]);
  }
  return inputLatency('desktop', {
    pick: 'Entire screen',
    headless: false,
    args: ['--window-position=0,0'],
  });
}

async function inputLatency(scope: 'tab' | 'desktop', options: SharerOptions): Promise<number[]> {
  const stack = await startStack(options);
  const guests = await launchGuestBrowser();
  try {
    if (scope === 'desktop') {
      const install = ['native-host/install.mjs', '--profile', stack.sharer.profile];
      if (spawnSync(process.execPath, install).status !== 0)
        throw new Error('native host install failed');
    }
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
    const shared = await stack.sharer.context.newPage();
    await shared.goto(new URL('control.html', stack.servers.demoUrl).href);
    const link = await shareFromPage(shared);
    const viewer = await joinAsGuest(guests, link, 'Bench');
    await waitForViewerState(viewer, 'live');
    await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live' && s.controlOffer.kind === scope,
      { what: `${scope} control on offer` },
    );
    await viewer.getByRole('button', { name: 'Request control' }).click();
    await shared.getByRole('button', { name: 'Allow control' }).click();
    await viewer.waitForFunction(() => document.documentElement.dataset.control === 'granted');
    const latencies = await measureInputLatency(viewer, shared, INPUT_SAMPLES);
    console.log(`${scope} input latency measured`);
    return latencies;
  } finally {
    await guests.close();
    await stack.close();
  }
}

/** One section's rows as `console.table` prints them. */
function printSection(title: string, rows: Record<string, ReturnType<typeof summarise>>): void {
  console.log(title);
  console.table(
    Object.entries(rows).map(([figure, s]) => ({
      figure,
      median: s.median,
      p95: s.p95,
      p99: s.p99,
      min: s.min,
      max: s.max,
      n: s.n,
    })),
  );
}

function printRelay(figures: RelayFigures): void {
  printSection(RELAY_TITLE, relaySection(figures));
  const runs = (path: 'direct' | 'relay') => figures.glassRunMedians[path].join(', ');
  console.log(`glass-to-glass medians run by run: direct ${runs('direct')}; TURN ${runs('relay')}`);
}

if (RELAY_ONLY) {
  printRelay(await measureRelay(RUNS));
} else if (SIGNALLING_ONLY) {
  const figures = await measureSignallingLoad();
  console.log(`${SIGNALLING_TITLE} (fd limit ${figures.fdLimit})`);
  console.table(
    Object.entries(signallingSection(figures)).map(([figure, s]) => ({
      figure,
      median: s.median,
      p95: s.p95,
      p99: s.p99,
      max: s.max,
      n: s.n,
    })),
  );
} else {
  await main();
}
