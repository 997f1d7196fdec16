/// <reference path="../../native-host/src/x11.d.ts" />
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { endianness } from 'node:os';
import { fileURLToPath } from 'node:url';
import x11, { type XDisplay } from 'x11';
import { encodeMessage, FrameDecoder } from '../../native-host/src/framing.js';
import type { Outgoing } from '../../native-host/src/protocol.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HOST_JS = fileURLToPath(new URL('../../native-host/dist/host.js', import.meta.url));

/** Builds native-host/dist/host.js (what the launcher runs). */
export function buildHost(): void {
  const result = spawnSync(process.execPath, ['native-host/build.mjs'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0 || !existsSync(HOST_JS)) {
    throw new Error(`native-host build failed: ${result.stderr}${result.stdout}`);
  }
}

/** Children that must not outlive this process, even when a test run is cut short. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

export interface Xvfb {
  display: string;
  stop(): Promise<void>;
}

/**
 * Starts an Xvfb on a free display: `-displayfd` lets the server pick the number and tells it
 * once it accepts connections, so parallel runs never collide.
 */
export function startXvfb(extraArgs: string[] = []): Promise<Xvfb> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'Xvfb',
      [
        '-displayfd',
        '3',
        '-screen',
        '0',
        '1280x800x24',
        '-nolisten',
        'tcp',
        '-noreset',
        ...extraArgs,
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
    );
    children.add(child);
    child.once('exit', () => children.delete(child));
    let stderr = '';
    child.stderr?.on('data', (data) => {
      stderr += data;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Xvfb did not start within 10 s: ${stderr}`));
    }, 10_000);
    let number = '';
    const fd3 = child.stdio[3] as NodeJS.ReadableStream;
    fd3.on('data', (data) => {
      number += String(data);
      if (!number.includes('\n')) return;
      clearTimeout(timer);
      const display = `:${number.trim()}`;
      resolve({
        display,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${stderr}`));
    });
  });
}

/** A running host, spoken to over the framed protocol like a browser would. */
export class HostProcess {
  readonly child: ChildProcess;
  readonly received: Outgoing[] = [];
  stderr = '';
  readonly exited: Promise<{ code: number | null; at: number }>;
  private readonly decoder = new FrameDecoder(endianness());
  private waiters: Array<{ test: (m: Outgoing) => boolean; resolve: (m: Outgoing) => void }> = [];

  /** `launcher`: run that executable (the installed shell launcher) instead of node host.js. */
  constructor(env: NodeJS.ProcessEnv, args: string[] = [], launcher?: string) {
    const [command, argv] = launcher ? [launcher, args] : [process.execPath, [HOST_JS, ...args]];
    this.child = spawn(command, argv, { env, cwd: '/', stdio: ['pipe', 'pipe', 'pipe'] });
    children.add(this.child);
    this.child.once('exit', () => children.delete(this.child));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => resolve({ code, at: performance.now() })),
    );
    this.child.stderr?.on('data', (data) => {
      this.stderr += data;
    });
    this.child.stdout?.on('data', (chunk: Buffer) => {
      for (const frame of this.decoder.push(chunk)) {
        if (!frame.ok) throw new Error(`host sent a bad frame: ${frame.message}`);
        const message = frame.value as Outgoing;
        this.received.push(message);
        const waiter = this.waiters.find((w) => w.test(message));
        if (waiter) {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          waiter.resolve(message);
        }
      }
    });
  }

  send(message: unknown): void {
    this.child.stdin?.write(encodeMessage(message, endianness()));
  }

  writeRaw(bytes: Buffer): void {
    this.child.stdin?.write(bytes);
  }

  /** The next message of a type (sent after this call), or a timeout. */
  next<T extends Outgoing['type']>(
    type: T,
    timeoutMs = 5000,
  ): Promise<Extract<Outgoing, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`no "${type}" from the host within ${timeoutMs} ms; stderr:\n${this.stderr}`),
          ),
        timeoutMs,
      );
      this.waiters.push({
        test: (m) => m.type === type,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<Outgoing, { type: T }>);
        },
      });
    });
  }

  async request<T extends Outgoing['type']>(message: unknown, type: T) {
    const reply = this.next(type);
    this.send(message);
    return reply;
  }

  stats() {
    return this.request({ type: 'stats' }, 'stats');
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Our own X client, to see what the host did. */
export function openDisplay(display: string): Promise<XDisplay> {
  return new Promise((resolve, reject) => {
    const client = x11.createClient({ display }, (error, xdisplay) =>
      error ? reject(error) : resolve(xdisplay),
    );
    client.on('error', reject);
  });
}

export function xcall<T>(fn: (callback: (error: unknown, result: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    fn((error, result) => (error ? reject(error) : resolve(result))),
  );
}

export async function until<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || performance.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
