import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import type { Namespace } from './netns.js';

/** What a probe does inside a namespace: one HTTP request, or one TURN allocation and permissions. */
export type ProbeJob =
  | { kind: 'http'; url: string; method: string; headers?: Record<string, string>; body?: string }
  | {
      kind: 'turn';
      server: { host: string; port: number };
      username: string;
      credential: string;
      peers: string[];
    };

export interface HttpAnswer {
  status: number;
  body: unknown;
}

export interface TurnAnswer {
  allocation: { ok: boolean; code?: number };
  permissions: Record<string, { ok: boolean; code?: number; reason?: string }>;
}

let bundled: string | null = null;

/** The probe as one JavaScript file (bundled once per run). */
function probeScript(): string {
  if (bundled) return bundled;
  const outfile = join(mkdtempSync(join(tmpdir(), 'deskbridge-probe-')), 'probe.mjs');
  buildSync({
    entryPoints: [resolve(process.cwd(), 'test/e2e/harness/netns-probe-main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  bundled = outfile;
  return outfile;
}

/** Runs a job inside `ns` (a client on that network, behind its NAT); `ca` is trusted for HTTPS. */
export function probe<T extends HttpAnswer | TurnAnswer>(
  ns: Namespace,
  job: ProbeJob,
  ca?: string,
): Promise<T> {
  const child = spawn(...spawnArgs(ns, job), {
    env: { ...process.env, ...(ca ? { NODE_EXTRA_CA_CERTS: ca } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    err += chunk;
  });
  return new Promise((done, fail) => {
    child.on('exit', (code) => {
      if (code === 0) done(JSON.parse(out) as T);
      else fail(new Error(`probe in ${ns.name} exited ${code}: ${err.trim()}`));
    });
  });
}

function spawnArgs(ns: Namespace, job: ProbeJob): [string, string[]] {
  const [command = 'ip', ...args] = [
    ...ns.prefix,
    process.execPath,
    probeScript(),
    JSON.stringify(job),
  ];
  return [command, args];
}
