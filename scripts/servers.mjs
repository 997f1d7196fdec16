// Local servers for tests, benchmarks and `npm start`: a PeerJS signalling server and a static
// file server for the viewer and the demo call pages. Both bind to 127.0.0.1 only.
//
//   const servers = await startServers({ peerPort: 0, httpPort: 0 });
//   // PeerJS client: { host: '127.0.0.1', port: servers.peerPort, path: servers.peerPath, secure: false }
//   await servers.close();
//
// Run directly (`node scripts/servers.mjs [--peer-port N] [--http-port N]`) it serves until Ctrl+C.
import { EventEmitter, once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const PEER_PATH = '/deskbridge';
const PEER_KEY = 'peerjs';

/** URL prefix → directory served under it. */
const mounts = [
  ['/viewer/', join(root, 'dist/viewer')],
  ['/demo/', join(root, 'test/fixtures/demo')],
  ['/fixtures/', join(root, 'test/fixtures')],
];

const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webm': 'video/webm',
  '.wasm': 'application/wasm',
};

/**
 * @typedef {object} Servers
 * @property {number} peerPort PeerJS signalling port (the real one when 0 was asked for)
 * @property {number} httpPort static file server port
 * @property {'/deskbridge'} peerPath PeerJS `path` option; the key is the default 'peerjs'
 * @property {string} viewerUrl `http://host:port/viewer/` (dist/viewer)
 * @property {string} demoUrl `http://host:port/demo/` (test/fixtures/demo)
 * @property {string} fixturesUrl `http://host:port/fixtures/` (test/fixtures)
 * @property {EventEmitter} peerEvents 'connection' and 'disconnect', each with the client id
 * @property {() => Promise<void>} stopPeer stops the signalling server alone, dropping its sockets
 * @property {() => Promise<void>} startPeer starts it again on the same port (after stopPeer)
 * @property {() => Promise<void>} close closes both servers and every open connection
 */

/**
 * Starts both servers. Port 0 picks a free port; the real ports are returned.
 * @param {{ peerPort?: number, httpPort?: number, host?: string, quiet?: boolean }} [options]
 * @returns {Promise<Servers>}
 */
export async function startServers({
  peerPort = 9000,
  httpPort = 8080,
  host = '127.0.0.1',
  quiet = false,
} = {}) {
  const peerEvents = new EventEmitter();
  let peer = await startPeerWorker({ port: peerPort, host, quiet, events: peerEvents });
  let http;
  try {
    http = await startStaticServer({ port: httpPort, host, quiet });
  } catch (error) {
    await peer.close();
    throw error;
  }
  const origin = `http://${host}:${http.port}`;
  return {
    peerPort: peer.port,
    httpPort: http.port,
    peerPath: PEER_PATH,
    viewerUrl: `${origin}/viewer/`,
    demoUrl: `${origin}/demo/`,
    fixturesUrl: `${origin}/fixtures/`,
    peerEvents,
    async stopPeer() {
      await peer.close();
    },
    async startPeer() {
      await peer.close();
      peer = await startPeerWorker({ port: peer.port, host, quiet, events: peerEvents });
    },
    async close() {
      await Promise.all([peer.close(), http.close()]);
    },
  };
}

// --- PeerJS signalling -------------------------------------------------------------------------
// peer@1.0.2 schedules two self-repeating timers that nothing can stop, so a process that used it
// would never exit. It runs in a worker thread instead; terminating the worker ends them.

async function startPeerWorker({ port, host, quiet, events }) {
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { role: 'peer-server', port, host, quiet },
  });
  let exited = false;
  const exit = new Promise((done) =>
    worker.once('exit', () => {
      exited = true;
      done();
    }),
  );
  const listening = new Promise((resolvePort, reject) => {
    worker.on('error', reject);
    worker.once('exit', (code) => reject(new Error(`peer server worker exited (${code})`)));
    worker.on('message', (message) => {
      if (message.type === 'listening') resolvePort(message.port);
      else if (message.type === 'error') reject(new Error(message.message));
      else events.emit(message.type, message.id);
    });
  });
  let boundPort;
  try {
    boundPort = await listening;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  return {
    port: boundPort,
    async close() {
      if (exited) return;
      worker.postMessage('close');
      // The worker drops its sockets and exits by itself; terminate it should that hang.
      const timer = setTimeout(() => worker.terminate(), 2000);
      await exit;
      clearTimeout(timer);
    },
  };
}

async function runPeerWorker({ port, host, quiet }) {
  const { PeerServer } = await import('peer');
  // Upgraded WebSocket connections leave the HTTP server's books, so keep our own.
  const upgraded = new Set();
  let server;
  const app = PeerServer(
    { port, host, path: PEER_PATH, key: PEER_KEY, allow_discovery: false },
    (listening) => {
      server = listening;
      server.on('upgrade', (_request, socket) => {
        upgraded.add(socket);
        socket.once('close', () => upgraded.delete(socket));
      });
      parentPort.postMessage({ type: 'listening', port: server.address().port });
    },
  );
  app.on('connection', (client) =>
    parentPort.postMessage({ type: 'connection', id: client.getId() }),
  );
  app.on('disconnect', (client) =>
    parentPort.postMessage({ type: 'disconnect', id: client.getId() }),
  );
  app.on('error', (error) => {
    // Errors of the HTTP server arrive here too; before `listening` that means listen failed.
    if (server) return quiet || console.error('[peer]', error.message);
    parentPort.postMessage({ type: 'error', message: error.message });
    process.exit(1);
  });

  // `process.exit` in a worker ends only this thread, timers and all.
  parentPort.on('message', (message) => {
    if (message !== 'close') return;
    if (!server) process.exit(0);
    for (const socket of upgraded) socket.destroy();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

// --- Static files --------------------------------------------------------------------------------

async function startStaticServer({ port, host, quiet }) {
  const server = createServer((request, response) => {
    serveStatic(request, response).catch((error) => {
      if (!quiet) console.error('[http]', error);
      if (!response.headersSent) send(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });
  server.listen(port, host);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([e]) => Promise.reject(e)),
  ]);
  return {
    port: server.address().port,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

async function serveStatic(request, response) {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return send(response, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  }
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (pathname === '/') return send(response, 302, '', { Location: '/demo/' });

  const file = resolveFile(pathname);
  if (file === undefined) return send(response, 404, 'Not Found');
  if (file === null) return send(response, 400, 'Bad Request');

  const info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    // A directory URL without its slash would break the page's relative links.
    if (!pathname.endsWith('/')) return send(response, 301, '', { Location: `${pathname}/` });
    return serveFile(request, response, join(file, 'index.html'));
  }
  return serveFile(request, response, file, info);
}

/** Maps a URL path to a file under a mount; undefined when unmapped, null when refused. */
function resolveFile(pathname) {
  const mount = mounts.find(
    ([prefix]) => pathname === prefix.slice(0, -1) || pathname.startsWith(prefix),
  );
  if (!mount) return undefined;
  const [prefix, dir] = mount;
  let relative;
  try {
    relative = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
  // Refuse rather than normalise: `..`, backslashes and NULs have no business in these URLs.
  if (relative.includes('\0') || relative.includes('\\') || relative.split('/').includes('..')) {
    return null;
  }
  const file = resolve(dir, relative);
  return file === dir || file.startsWith(dir + sep) ? file : null;
}

async function serveFile(request, response, file, info) {
  const stats = info ?? (await stat(file).catch(() => null));
  if (!stats?.isFile()) return send(response, 404, 'Not Found');
  response.writeHead(200, {
    'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': stats.size,
    'Cache-Control': 'no-store',
  });
  if (request.method === 'HEAD') return response.end();
  createReadStream(file).pipe(response);
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(body);
}

// --- Entry points --------------------------------------------------------------------------------

if (!isMainThread && workerData?.role === 'peer-server') {
  await runPeerWorker(workerData);
} else if (
  isMainThread &&
  process.argv[1] &&
  resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  const { values } = parseArgs({
    options: { 'peer-port': { type: 'string' }, 'http-port': { type: 'string' } },
  });
  const servers = await startServers({
    peerPort: Number(values['peer-port'] ?? 9000),
    httpPort: Number(values['http-port'] ?? 8080),
  });
  console.log(`viewer:     ${servers.viewerUrl}`);
  console.log(`demo page:  ${servers.demoUrl}`);
  console.log(`fixtures:   ${servers.fixturesUrl}`);
  console.log(
    `signalling: ws://127.0.0.1:${servers.peerPort}${servers.peerPath}/peerjs (key 'peerjs')`,
  );
  console.log('Ctrl+C to stop');
  process.once('SIGINT', () => servers.close().then(() => process.exit(0)));
  process.once('SIGTERM', () => servers.close().then(() => process.exit(0)));
}
