/**
 * Signalling load: how many registered PeerJS peers one server process holds on this machine
 * with heartbeats flowing, and the signalling round trip under that load. Plain WebSocket
 * clients speak PeerJS's wire to the real server binary on loopback. The round trip is a real
 * exchange: peer A sends an OFFER to B through the server, B answers with an ANSWER, A times
 * it (two relays). Bounded: the ramp stops at BENCH_SIGNALLING_PEERS (default 10,000), at the
 * first step that loses a peer or whose p99 passes 1 s, and after 180 s in all.
 */

import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  randomPeerId,
  registerPeer,
  type WirePeer,
} from '../test/integration/harness/peerjs-client.js';
import { startServerProcess } from '../test/integration/harness/server-process.js';
import { type Summary, summarise } from './stats.js';

const MAX_PEERS = Number(process.env.BENCH_SIGNALLING_PEERS ?? 10_000);
const STEPS = [500, 1000, 2000, 3000, 4000, 5000, 7500, 10_000].filter((n) => n <= MAX_PEERS);
/** PeerJS clients send a HEARTBEAT every 5 s. */
const HEARTBEAT_MS = 5000;
const ROUND_TRIPS_PER_STEP = 200;
const REGISTER_AT_ONCE = 50;
const DEADLINE_MS = 180_000;
const TOO_SLOW_MS = 1000;

export interface SignallingStep {
  peers: number;
  held: number;
  registerMs: number;
  roundTrip: Summary & { p99: number };
  serverCpuPercent: number;
  serverRssMiB: number;
}

export interface SignallingFigures {
  peakHeld: number;
  fdLimit: string;
  steps: SignallingStep[];
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return Math.round(Number(line?.[1] ?? 0) / 1024);
}

const p99 = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? Number.NaN;
};

/** Every peer answers an OFFER addressed to it with an ANSWER to the sender. */
function answerOffers(peer: WirePeer): void {
  peer.onMessage((message) => {
    if (message.type === 'OFFER' && message.src) {
      peer.send({ type: 'ANSWER', dst: message.src, payload: message.payload });
    }
  });
}

async function roundTrips(peers: WirePeer[], count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const a = peers[Math.floor(Math.random() * peers.length)] as WirePeer;
    let b = a;
    while (b === a) b = peers[Math.floor(Math.random() * peers.length)] as WirePeer;
    const tag = `${i}-${Math.random()}`;
    const started = performance.now();
    const answered = a.next(
      (m) => m.type === 'ANSWER' && (m.payload as { tag?: string })?.tag === tag,
      5000,
    );
    a.send({ type: 'OFFER', dst: b.id, payload: { tag, sdp: { type: 'offer', sdp: 'v=0' } } });
    await answered;
    times.push(performance.now() - started);
  }
  return times;
}

export async function measureSignallingLoad(): Promise<SignallingFigures> {
  const fdLimit = execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim();
  const server = await startServerProcess(['--max-connections', String(MAX_PEERS + 100)]);
  const peers: WirePeer[] = [];
  const lost = new Set<string>();
  const steps: SignallingStep[] = [];
  const started = Date.now();
  const heartbeats = setInterval(() => {
    for (const peer of peers) peer.heartbeat();
  }, HEARTBEAT_MS);
  try {
    for (const target of STEPS) {
      if (Date.now() - started > DEADLINE_MS) break;
      const registering = Date.now();
      while (peers.length < target) {
        const batch = await Promise.all(
          Array.from({ length: Math.min(REGISTER_AT_ONCE, target - peers.length) }, () =>
            registerPeer(server.wsOrigin, randomPeerId(), { timeoutMs: 30_000 }),
          ),
        );
        for (const peer of batch) {
          answerOffers(peer);
          peer.onMessage((m) => {
            if (m.type === 'ERROR') lost.add(peer.id);
          });
          peers.push(peer);
        }
      }
      const registerMs = Date.now() - registering;
      // A full heartbeat period with everyone registered, then the round trips and the CPU.
      const cpuBefore = cpuSeconds(server.pid);
      const wallBefore = Date.now();
      await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS));
      const times = await roundTrips(peers, ROUND_TRIPS_PER_STEP);
      const cpu = ((cpuSeconds(server.pid) - cpuBefore) / ((Date.now() - wallBefore) / 1000)) * 100;
      const health = (await (await fetch(`${server.origin}/healthz`)).json()) as { peers: number };
      const step: SignallingStep = {
        peers: target,
        held: health.peers - lost.size,
        registerMs,
        roundTrip: {
          ...summarise(times.map((t) => Number(t.toFixed(2)))),
          p99: Number(p99(times).toFixed(2)),
        },
        serverCpuPercent: Math.round(cpu),
        serverRssMiB: rssMiB(server.pid),
      };
      steps.push(step);
      console.log(
        `signalling: ${step.held}/${target} peers held, round trip median ${step.roundTrip.median} ms, p99 ${step.roundTrip.p99} ms, server ${step.serverCpuPercent} % CPU, ${step.serverRssMiB} MiB`,
      );
      if (step.held < target || step.roundTrip.p99 > TOO_SLOW_MS) break;
    }
  } finally {
    clearInterval(heartbeats);
    await Promise.all(peers.map((peer) => peer.close()));
    await server.stop();
  }
  const peakHeld = Math.max(0, ...steps.filter((s) => s.held === s.peers).map((s) => s.peers));
  return { peakHeld, fdLimit, steps };
}
