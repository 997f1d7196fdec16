import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServers } from '#servers';
import type { Settings } from '../../../src/shared/settings.js';
import { CHROMIUM, launchGuestBrowser, launchSharer, type Sharer } from './browsers.js';
import { configure } from './extension.js';
import type { Namespace } from './netns.js';
import { ADDRESSES, buildNatNetwork, type NatNetwork } from './netns-nat.js';
import { localSettings, type Servers } from './stack.js';
import { makeCertificate, type TestCertificate } from './test-certificate.js';
import { startTurnServer, type TurnServer } from './turn-server.js';

/**
 * The NAT suite's scene (issue #12): the network of netns-nat.ts; in its public namespace the
 * real `deskbridge-server` on https://198.18.0.1 (TLS with a certificate made for the run) and
 * the real coturn on 198.18.0.2 (UDP and TCP on 3478, TLS on 443); the sharer's Chromium with
 * the dev build in the sharer's namespace, the guest's Chromium in the guest's. Both browsers
 * trust that one certificate and nothing else (`--ignore-certificate-errors-spki-list`).
 */
export const SERVER_URL = `https://${ADDRESSES.server}`;
export const TURN_PORT = 3478;
export const TURNS_PORT = 443;

export interface NatScene {
  net: NatNetwork;
  turn: TurnServer;
  server: Servers;
  accessToken: string;
  /** The run's certificate (PEM file): what a client inside the network trusts. */
  caFile: string;
  sharer: Sharer;
  guests: Browser;
  close(): Promise<void>;
}

/** A script that runs Chromium inside a namespace: Playwright's `executablePath`. */
function chromiumIn(ns: Namespace, dir: string): string {
  const file = join(dir, `chromium-${ns.name}`);
  writeFileSync(file, `#!/bin/sh\nexec ip netns exec ${ns.name} ${CHROMIUM} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}

/** Everything started so far is stopped again, last first, whatever fails. */
class Teardown {
  private readonly steps: (() => unknown)[] = [];
  add(step: () => unknown): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        console.error(`teardown: ${String(error)}`);
      }
    }
  }
}

export async function startNatScene({ pick }: { pick: string }): Promise<NatScene> {
  const teardown = new Teardown();
  try {
    const net = buildNatNetwork();
    teardown.add(() => net.close());
    const dir = mkdtempSync(join(tmpdir(), 'deskbridge-nat-'));
    teardown.add(() => rmSync(dir, { recursive: true, force: true }));
    const cert: TestCertificate = makeCertificate([
      `IP:${ADDRESSES.server}`,
      `IP:${ADDRESSES.turn}`,
    ]);
    teardown.add(() => cert.remove());
    const secret = randomBytes(24).toString('hex');
    const accessToken = randomBytes(24).toString('hex');
    const turn = await startTurnServer({
      prefix: net.public.prefix,
      ip: ADDRESSES.turn,
      port: TURN_PORT,
      tls: { port: TURNS_PORT, certFile: cert.certFile, keyFile: cert.keyFile },
      secret,
      relayPorts: { min: 49152, max: 49251 },
      allowPeers: [ADDRESSES.publicRange],
    });
    teardown.add(() => turn.stop());
    const server = await startServers({
      host: ADDRESSES.server,
      port: 443,
      quiet: true,
      prefix: net.public.prefix,
      args: ['--public-url', SERVER_URL, '--tls-cert', cert.certFile, '--tls-key', cert.keyFile]
        .concat(['--turn-url', turn.urls.udp, '--turn-url', turn.urls.tcp])
        .concat(turn.urls.tls ? ['--turn-url', turn.urls.tls] : []),
      env: { DESKBRIDGE_TURN_SECRET: secret, DESKBRIDGE_ACCESS_TOKEN: accessToken },
    });
    teardown.add(() => server.close());
    const trust = `--ignore-certificate-errors-spki-list=${cert.spki}`;
    const owned = <T extends { close(): Promise<void> }>(browser: T) => {
      teardown.add(() => browser.close());
      return browser;
    };
    const launching = [
      launchSharer({ pick, executablePath: chromiumIn(net.sharer, dir), args: [trust] }).then(
        owned,
      ),
      launchGuestBrowser([trust], chromiumIn(net.guest, dir)).then(owned),
    ] as const;
    // Both settle first, so one that started is closed again when the other failed.
    await Promise.allSettled(launching);
    const [sharer, guests] = await Promise.all(launching);
    await serveDemoPages(sharer);
    const scene = {
      net,
      turn,
      server,
      accessToken,
      caFile: cert.certFile,
      sharer,
      guests,
      close: () => teardown.run(),
    };
    await configure(sharer.worker, natSettings(scene));
    return scene;
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

/**
 * How the sharer is told about the server: THE one place. The sharer types the server's address
 * (and the access token its operator gave): the extension reads the well-known document, gets a
 * ticket for each share and puts it in the link; both sides redeem it for TURN credentials.
 */
export function natSettings(scene: Pick<NatScene, 'server' | 'accessToken'>): Settings {
  return { ...localSettings(scene.server), serverUrl: SERVER_URL, accessToken: scene.accessToken };
}

const DEMO = resolve(process.cwd(), 'test/fixtures/demo');
export const DEMO_ORIGIN = 'http://127.0.0.1';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The demo call pages at http://127.0.0.1/demo/ in the sharer's browser, where the dev build
 * runs (its only extra matches are loopback `/demo/`), answered by the browser's own request
 * interception: nothing listens in the sharer's namespace.
 */
async function serveDemoPages(sharer: Sharer): Promise<void> {
  await sharer.context.route(`${DEMO_ORIGIN}/demo/**`, (route) => {
    const { pathname } = new URL(route.request().url());
    const file = resolve(DEMO, decodeURIComponent(pathname.slice('/demo/'.length)) || 'index.html');
    if (!file.startsWith(DEMO + sep)) return route.fulfill({ status: 404 });
    try {
      return route.fulfill({
        status: 200,
        contentType: TYPES[extname(file)] ?? 'application/octet-stream',
        body: readFileSync(file),
      });
    } catch {
      return route.fulfill({ status: 404 });
    }
  });
}

/** A demo page in a new tab of the sharer's browser. */
export async function openDemo(scene: NatScene, page = ''): Promise<Page> {
  const tab = await scene.sharer.context.newPage();
  await tab.goto(`${DEMO_ORIGIN}/demo/${page}`);
  return tab;
}
