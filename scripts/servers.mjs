// The Deskbridge server on loopback for tests, benchmarks and `npm start`: the real product
// binary (bin/deskbridge-server.mjs, built by `npm run build`) in a child process, serving the
// viewer, PeerJS signalling and, with --serve-fixtures, the demo call pages, all on one port.
//
//   const servers = await startServers({ port: 0 });
//   // PeerJS client: { host: '127.0.0.1', port: servers.peerPort, path: servers.peerPath, secure: false }
//   await servers.close();
//
// A child process, not a module in this one: peer@1.0.2 leaves timers nothing can stop, and so
// the tests run exactly what an operator runs.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const binary = resolve(root, 'bin/deskbridge-server.mjs');
const PEER_PATH = '/deskbridge';

/**
 * @typedef {object} Servers
 * @property {number} port the one port of the server (the real one when 0 was asked for)
 * @property {number} peerPort PeerJS signalling port: the same port
 * @property {number} httpPort viewer and demo pages: the same port
 * @property {'/deskbridge'} peerPath PeerJS `path` option; the key is the default 'peerjs'
 * @property {string} origin `http://host:port`
 * @property {string} wellKnownUrl `http://host:port/.well-known/deskbridge.json`
 * @property {string} viewerUrl `http://host:port/viewer/` (dist/viewer)
 * @property {string} demoUrl `http://host:port/demo/` (test/fixtures/demo)
 * @property {string} fixturesUrl `http://host:port/fixtures/` (test/fixtures)
 * @property {EventEmitter} peerEvents 'connection' and 'disconnect', each with the client id
 * @property {() => Promise<void>} stopPeer stops the server (signalling with it) on its port
 * @property {() => Promise<void>} startPeer starts it again on the same port (after stopPeer)
 * @property {() => Promise<void>} close stops the server
 */

/**
 * Starts the server. Port 0 picks a free port. `peerPort` and `httpPort` are older names of the
 * one port; `args` adds flags (e.g. `['--turn-url', …]`), `env` adds environment variables, and
 * `prefix` runs it under another command (e.g. `['ip', 'netns', 'exec', 'public']`, which execs
 * node and so keeps the IPC channel).
 * @param {{ port?: number, peerPort?: number, httpPort?: number, host?: string, quiet?: boolean,
 *   args?: string[], env?: Record<string, string>, prefix?: string[] }} [options]
 * @returns {Promise<Servers>}
 */
export async function startServers({
  port,
  peerPort,
  httpPort,
  host = '127.0.0.1',
  quiet = false,
  args = [],
  env = {},
  prefix = [],
} = {}) {
  const wanted = port ?? httpPort ?? peerPort ?? 9000;
  // Tickets outlive a restart (stopPeer/startPeer), as with several processes behind one name.
  const ticketSecret = randomBytes(32).toString('hex');
  const peerEvents = new EventEmitter();
  const launch = (listenPort) =>
    launchServer({
      args: ['--host', host, '--port', String(listenPort), '--serve-fixtures', ...args],
      env: { DESKBRIDGE_TICKET_SECRET: ticketSecret, ...env },
      quiet,
      peerEvents,
      prefix,
    });
  let child = await launch(wanted);
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${child.port}`;
  return {
    port: child.port,
    peerPort: child.port,
    httpPort: child.port,
    peerPath: PEER_PATH,
    origin,
    wellKnownUrl: `${origin}/.well-known/deskbridge.json`,
    viewerUrl: `${origin}/viewer/`,
    demoUrl: `${origin}/demo/`,
    fixturesUrl: `${origin}/fixtures/`,
    peerEvents,
    async stopPeer() {
      await child.stop();
    },
    async startPeer() {
      await child.stop();
      child = await launch(child.port);
    },
    async close() {
      await child.stop();
    },
  };
}

/** Starts the binary and waits for its 'listening' message; rejects with its stderr if it exits. */
async function launchServer({ args, env, quiet, peerEvents, prefix }) {
  const [command, ...words] = [...prefix, process.execPath, binary, ...args];
  const child = spawn(command, words, {
    env: { ...process.env, ...env },
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (!quiet) process.stderr.write(chunk);
  });
  const exited = once(child, 'exit');
  const listening = new Promise((resolveListening, reject) => {
    child.on('message', (message) => {
      if (message.type === 'listening') resolveListening(message.port);
      else if (message.type === 'peer-connection') peerEvents.emit('connection', message.id);
      else if (message.type === 'peer-disconnect') peerEvents.emit('disconnect', message.id);
    });
    exited.then(([code]) =>
      reject(new Error(`deskbridge-server exited (${code}) before listening: ${stderr.trim()}`)),
    );
  });
  const port = await listening;
  return {
    port,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      // It closes its sockets and exits by itself; force it should that hang.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
