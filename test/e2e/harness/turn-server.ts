import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBinary } from '../../integration/harness/server-process.js';

/**
 * Debian's real coturn (`turnserver`) with the configuration `deskbridge-server turn-config`
 * writes, plus only what a test needs: its log on stdout, its pid and database files, and lines
 * of the caller's own (`allow-loopback-peers` for the benchmark). Optionally inside a network
 * namespace (`prefix: ns.prefix`).
 */
export interface TurnServerOptions {
  /** Address to listen and relay on. */
  ip: string;
  port: number;
  /** A TLS listener on this port with this certificate (`turns:`). */
  tls?: { port: number; certFile: string; keyFile: string };
  secret: string;
  realm?: string;
  /** Relay ports, as a small range of their own. */
  relayPorts: { min: number; max: number };
  /** Ranges let through despite the deny list (`--allow-peer-ip`). */
  allowPeers?: string[];
  extraLines?: string[];
  prefix?: string[];
}

export interface TurnServer {
  /** `turn:` over UDP and TCP, and `turns:` when TLS is on. */
  urls: { udp: string; tcp: string; tls: string | null };
  log(): string;
  stop(): Promise<void>;
}

const READY = 'Total General servers';

export async function startTurnServer(options: TurnServerOptions): Promise<TurnServer> {
  const { ip, port, tls, secret, relayPorts, prefix = [] } = options;
  const dir = mkdtempSync(join(tmpdir(), 'deskbridge-turn-'));
  const flags = ['turn-config', '--realm', options.realm ?? 'deskbridge.test']
    .concat(['--listening-ip', ip, '--relay-ip', ip, '--listening-port', String(port)])
    .concat(['--min-port', String(relayPorts.min), '--max-port', String(relayPorts.max)])
    .concat((options.allowPeers ?? []).flatMap((range) => ['--allow-peer-ip', range]))
    .concat(tls ? ['--tls-listening-port', String(tls.port)] : [])
    .concat(tls ? ['--tls-cert', tls.certFile, '--tls-key', tls.keyFile] : []);
  const generated = await runBinary(flags, { DESKBRIDGE_TURN_SECRET: secret });
  if (generated.code !== 0) throw new Error(`turn-config failed: ${generated.stderr}`);
  const config = join(dir, 'turnserver.conf');
  writeFileSync(config, [generated.stdout, ...(options.extraLines ?? []), ''].join('\n'));

  const [command = 'turnserver', ...args] = [
    ...prefix,
    'turnserver',
    '-c',
    config,
    '--log-file',
    'stdout',
    '--pidfile',
    join(dir, 'pid'),
    '--db',
    join(dir, 'turndb'),
  ];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const exited = once(child, 'exit');
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`coturn did not start:\n${log}`)), 20_000);
    const onData = (chunk: Buffer) => {
      log += chunk;
      if (log.includes(READY)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`coturn exited (${code}):\n${log}`));
    });
  });
  const host = `${ip}:${port}`;
  return {
    urls: {
      udp: `turn:${host}?transport=udp`,
      tcp: `turn:${host}?transport=tcp`,
      tls: tls ? `turns:${ip}:${tls.port}?transport=tcp` : null,
    },
    log: () => log,
    async stop() {
      await stop(child, exited);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
