/**
 * One HTTP(S) server on one port: the viewer, PeerJS signalling, the well-known document, the
 * ticket and TURN-credential API and /healthz (and, for development, the demo pages).
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SIGNALLING_PATH, VIEWER_PATH } from '../src/shared/server-config.js';
import { handleApi } from './api.js';
import { baseHeaders, viewerHeaders } from './headers.js';
import type { Log } from './log.js';
import type { ServerOptions } from './options.js';
import { createRateLimiter } from './rate-limiter.js';
import { createSignalling, type SignallingHooks } from './signalling.js';
import { findStatic, type Mount, sendFile } from './static-files.js';
import { wellKnownDocument } from './well-known.js';

export interface Directories {
  viewer: string;
  fixtures: string;
}

export interface RunningServer {
  port: number;
  publicUrl: URL;
  close(): Promise<void>;
}

/** Sockets beyond the peer limit, for page loads and API calls while signalling is full. */
const SPARE_SOCKETS = 512;

const HOME_TEXT =
  'Deskbridge server. Clients read /.well-known/deskbridge.json; guests open links to /viewer/.\n';

function defaultPublicUrl(options: ServerOptions, port: number): URL {
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return new URL(`${options.tls ? 'https' : 'http'}://${host}:${port}`);
}

function sendText(response: ServerResponse, status: number, text: string, headers = {}) {
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

export async function startServer(
  options: ServerOptions,
  dirs: Directories,
  log: Log,
  hooks: SignallingHooks = {},
): Promise<RunningServer> {
  const tls = options.tls
    ? { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) }
    : null;
  const app = express();
  app.disable('x-powered-by');
  const server = tls ? createHttpsServer(tls, app) : createHttpServer(app);
  server.maxConnections = options.maxConnections + SPARE_SOCKETS;
  const base = baseHeaders(tls !== null);

  // The public address is known only once the port is, when port 0 was asked for.
  const listening = new Promise<AddressInfo>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server.address() as AddressInfo));
  });
  const { port } = await listening;
  const publicUrl = options.publicUrl ?? defaultPublicUrl(options, port);
  const secure = publicUrl.protocol === 'https:';

  const signalling = createSignalling(server, options, log, hooks);
  const mounts: Mount[] = [
    { prefix: VIEWER_PATH, dir: dirs.viewer, headers: (file) => viewerHeaders(file, secure) },
  ];
  if (options.serveFixtures) {
    const fixtures = () => ({ 'Cache-Control': 'no-store' });
    mounts.push(
      { prefix: '/demo/', dir: `${dirs.fixtures}/demo`, headers: fixtures, bare: true },
      { prefix: '/fixtures/', dir: dirs.fixtures, headers: fixtures, bare: true },
    );
  }
  const context = {
    options,
    wellKnown: wellKnownDocument(options, publicUrl),
    base,
    limiter: createRateLimiter(),
    log,
    isRegistered: signalling.isRegistered,
    peerCount: signalling.count,
    now: () => Date.now(),
  };

  async function route(request: IncomingMessage, response: ServerResponse) {
    const { pathname } = new URL(request.url ?? '/', 'http://server');
    if (await handleApi(context, request, response, pathname)) return;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendText(response, 405, 'Method Not Allowed', { ...base, Allow: 'GET, HEAD' });
    }
    if (pathname === '/') {
      if (options.serveFixtures)
        return sendText(response, 302, '', { ...base, Location: '/demo/' });
      return sendText(response, 200, HOME_TEXT, base);
    }
    const found = await findStatic(mounts, pathname);
    if (found.kind === 'file') return sendFile(request, response, found, base);
    if (found.kind === 'redirect')
      return sendText(response, 301, '', { ...base, Location: found.location });
    if (found.kind === 'bad-request') return sendText(response, 400, 'Bad Request', base);
    return sendText(response, 404, 'Not Found', base);
  }

  app.use(SIGNALLING_PATH, signalling.app);
  app.use((request, response) => {
    route(request, response).catch((error: unknown) => {
      log('error', 'request-failed', {
        message: error instanceof Error ? error.message : String(error),
      });
      if (!response.headersSent) sendText(response, 500, 'Internal Server Error', base);
      else response.destroy();
    });
  });

  return {
    port,
    publicUrl,
    async close() {
      signalling.close();
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
