import { once } from 'node:events';
import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { startServers } from '#servers';
import { launchGuestBrowser, launchSharer, type Sharer } from '../test/e2e/harness/browsers.js';
import { configure, sessionState, updateSettings, waitFor } from '../test/e2e/harness/extension.js';
import {
  localSettings,
  type Servers,
  shareFromPage,
  waitForViewerState,
} from '../test/e2e/harness/stack.js';
import { startTurnServer, type TurnServer } from '../test/e2e/harness/turn-server.js';
import { joinPhases, openProbedViewer, readJoinMarks, untilSharp } from './join-probe.js';
import { type Summary, summarise } from './stats.js';
import { readLatencies, timecodeRect } from './timecode.js';

/**
 * Relay against direct (issue #12): the same share on loopback, through the Deskbridge server
 * with TURN (the sharer types its address; tickets buy credentials from the real coturn, with
 * the generated configuration, on 127.0.0.1 with `allow-loopback-peers` for this benchmark
 * only), once with the settings' `relayOnly` (both sides `iceTransportPolicy: 'relay'`) and once
 * without it (direct), alternating run by run so both see the same machine load. Join → first
 * frame in the guest page's clock, and glass-to-glass from the demo page's time code.
 */
const FRAMES_PER_RUN = 60;

export type PathKind = 'direct' | 'relay';

export interface RelayFigures {
  runs: number;
  joinToFrame: Record<PathKind, number[]>;
  glass: Record<PathKind, number[]>;
  /** Medians of each run's glass-to-glass, so runs weigh equally. */
  glassRunMedians: Record<PathKind, number[]>;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** The candidate types of the selected pair of the page's connected connection. */
function selectedTypes(viewer: Page): Promise<string[]> {
  return viewer.evaluate(async () => {
    const { media } = (window as unknown as { benchProbe: { media: RTCPeerConnection[] } })
      .benchProbe;
    // PeerJS also opens a throwaway connection to test what the browser supports.
    const connection = media.find((c) => c.connectionState === 'connected');
    const stats = [...((await connection?.getStats())?.values() ?? [])] as Record<
      string,
      unknown
    >[];
    const byId = (id: unknown) => stats.find((entry) => entry.id === id);
    const transport = stats.find((entry) => entry.type === 'transport');
    const pair = byId(transport?.selectedCandidatePairId);
    return [byId(pair?.localCandidateId), byId(pair?.remoteCandidateId)].map((candidate) =>
      String(candidate?.candidateType),
    );
  });
}

const median = (values: number[]) => summarise(values).median;

async function oneRun(
  sharer: Sharer,
  guests: Browser,
  call: Page,
  path: PathKind,
  run: number,
): Promise<{ join: number; glass: number[] }> {
  await updateSettings(sharer.worker, { relayOnly: path === 'relay' });
  const link = await shareFromPage(call);
  const viewer = await openProbedViewer(guests, link, `Relay bench ${run}`);
  await viewer.getByRole('button', { name: 'Join', exact: true }).click();
  await waitForViewerState(viewer, 'live');
  await untilSharp(viewer);
  const types = await selectedTypes(viewer);
  const relayed = types.every((type) => type === 'relay');
  const direct = !types.includes('relay') && !types.includes('undefined');
  if (path === 'relay' ? !relayed : !direct) {
    throw new Error(`a ${path} run took a ${types.join('/')} path`);
  }
  const { total } = joinPhases(await readJoinMarks(viewer));
  const glass = await readLatencies(viewer, await timecodeRect(call), FRAMES_PER_RUN);
  await call.getByRole('button', { name: 'Stop sharing' }).click();
  await waitFor(
    () => sessionState(sharer.worker),
    (s) => s.kind === 'idle',
    { what: 'idle' },
  );
  await viewer.context().close();
  return { join: total ?? Number.NaN, glass };
}

export async function measureRelay(runs: number): Promise<RelayFigures> {
  const secret = 'relay-bench-secret-0123456789';
  const port = await freePort();
  const min = 40_000 + Math.floor(Math.random() * 1000) * 20;
  let turn: TurnServer | null = null;
  let servers: Servers | null = null;
  let sharer: Sharer | null = null;
  let guests: Browser | null = null;
  const figures: RelayFigures = {
    runs,
    joinToFrame: { direct: [], relay: [] },
    glass: { direct: [], relay: [] },
    glassRunMedians: { direct: [], relay: [] },
  };
  try {
    turn = await startTurnServer({
      ip: '127.0.0.1',
      port,
      secret,
      relayPorts: { min, max: min + 19 },
      allowPeers: ['127.0.0.0/8'],
      extraLines: ['allow-loopback-peers'],
    });
    servers = await startServers({
      port: 0,
      quiet: true,
      args: ['--turn-url', turn.urls.udp],
      env: { DESKBRIDGE_TURN_SECRET: secret },
    });
    sharer = await launchSharer({
      pick: 'Deskbridge demo call',
      size: { width: 1920, height: 1080 },
    });
    guests = await launchGuestBrowser();
    await configure(sharer.worker, {
      ...localSettings(servers),
      serverUrl: servers.origin,
      admitEveryone: true,
    });
    const call = await sharer.context.newPage();
    await call.goto(servers.demoUrl);
    for (let run = 1; run <= runs; run++) {
      // Alternating, and each pair in a different order, so neither always goes first.
      const order: PathKind[] = run % 2 ? ['direct', 'relay'] : ['relay', 'direct'];
      for (const path of order) {
        const { join, glass } = await oneRun(sharer, guests, call, path, run);
        figures.joinToFrame[path].push(Math.round(join));
        figures.glass[path].push(...glass);
        figures.glassRunMedians[path].push(median(glass));
      }
      console.log(`relay/direct run ${run}/${runs} done`);
    }
  } finally {
    await guests?.close();
    await sharer?.close();
    await servers?.close();
    await turn?.stop();
  }
  return figures;
}

export const RELAY_TITLE =
  'Relay against direct on loopback: relay only (TURN/UDP, both sides) or direct, alternating runs';

/** The rows of the benchmark's table: each figure direct, via TURN, and their ratio. */
export function relaySection(figures: RelayFigures): Record<string, Summary> {
  const ratio = (values: Record<PathKind, number[]>) =>
    summarise([Number((median(values.relay) / median(values.direct)).toFixed(3))]);
  const extra = (values: Record<PathKind, number[]>) =>
    summarise([median(values.relay) - median(values.direct)]);
  return {
    'relay bench: join click → first frame, direct (ms)': summarise(figures.joinToFrame.direct),
    'relay bench: join click → first frame, via TURN (ms)': summarise(figures.joinToFrame.relay),
    'relay bench: join click → first frame, TURN / direct': ratio(figures.joinToFrame),
    'relay bench: glass-to-glass, direct (ms)': summarise(figures.glass.direct),
    'relay bench: glass-to-glass, via TURN (ms)': summarise(figures.glass.relay),
    'relay bench: glass-to-glass, TURN / direct': ratio(figures.glass),
    'relay bench: glass-to-glass, TURN − direct (ms)': extra(figures.glass),
    'relay bench: glass-to-glass per run, direct (ms)': summarise(figures.glassRunMedians.direct),
    'relay bench: glass-to-glass per run, via TURN (ms)': summarise(figures.glassRunMedians.relay),
    // Each pair of runs back to back: what the relay added under the same load.
    'relay bench: glass-to-glass, TURN − direct within each pair (ms)': summarise(
      figures.glassRunMedians.relay.map(
        (relay, i) => relay - (figures.glassRunMedians.direct[i] ?? 0),
      ),
    ),
  };
}
