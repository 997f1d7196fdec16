/**
 * `deskbridge-server [flags]` runs the server; `deskbridge-server turn-config [flags]` prints a
 * coturn configuration. Bad flags: one message each on stderr, exit code 2.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostScope } from '../src/shared/address-scope.js';
import { WELL_KNOWN_PATH } from '../src/shared/server-config.js';
import { type Directories, startServer } from './app.js';
import { jsonLog } from './log.js';
import { parseServerOptions } from './options.js';
import { turnConfigText } from './turn-config.js';
import { parseTurnConfigOptions } from './turn-config-options.js';

/** Exit codes: 2 for bad flags (or the files they name), 1 when the server cannot start. */
const BAD_FLAGS = 2;
const CANNOT_START = 1;

function refuse(problems: string[], code = BAD_FLAGS): never {
  for (const problem of problems) process.stderr.write(`deskbridge-server: ${problem}\n`);
  process.exit(code);
}

/** dist/server/deskbridge-server.mjs → dist/viewer, and the checkout's test/fixtures. */
function directories(): Directories {
  const here = dirname(fileURLToPath(import.meta.url));
  return { viewer: join(here, '../viewer'), fixtures: join(here, '../../test/fixtures') };
}

function turnConfig(argv: string[]): void {
  const parsed = parseTurnConfigOptions(argv, process.env);
  if (parsed.kind === 'help') return void process.stdout.write(parsed.text);
  if (parsed.kind === 'invalid') refuse(parsed.problems);
  process.stdout.write(turnConfigText(parsed.config));
}

/**
 * A process that forked the server (the test harness, `npm start`) hears where it listens and
 * which peer ids come and go over the IPC channel; logs carry only hashes of the ids.
 */
const tellParent = (message: { type: string; [key: string]: unknown }) => process.send?.(message);

async function serve(argv: string[]): Promise<void> {
  const parsed = parseServerOptions(argv, process.env);
  if (parsed.kind === 'help') return void process.stdout.write(parsed.text);
  if (parsed.kind === 'invalid') refuse(parsed.problems);
  const { options } = parsed;
  const dirs = directories();
  if (!existsSync(join(dirs.viewer, 'index.html'))) {
    refuse([`no viewer at ${dirs.viewer}: run \`npm run build\` first`], CANNOT_START);
  }
  const problems: string[] = [];
  if (options.serveFixtures && !existsSync(dirs.fixtures)) {
    problems.push(`--serve-fixtures: no ${dirs.fixtures} (a development checkout only)`);
  }
  for (const file of options.tls ? [options.tls.certFile, options.tls.keyFile] : []) {
    if (!existsSync(file)) problems.push(`${file}: no such file (--tls-cert / --tls-key)`);
  }
  if (problems.length > 0) refuse(problems);

  const log = jsonLog();
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(options, dirs, log, {
      onConnection: (id) => tellParent({ type: 'peer-connection', id }),
      onDisconnect: (id) => tellParent({ type: 'peer-disconnect', id }),
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log('error', 'start-failed', { message });
    refuse([`cannot start: ${message}`], CANNOT_START);
  }
  const { port, publicUrl } = server;
  log('info', 'listening', {
    host: options.host,
    port,
    publicUrl: publicUrl.href,
    wellKnown: new URL(WELL_KNOWN_PATH, publicUrl).href,
    turn: options.turnUrls.length > 0,
    tls: options.tls !== null,
    proxied: options.proxied,
    maxConnections: options.maxConnections,
  });
  if (options.turnSecret !== null && options.accessToken === null) {
    const message =
      'TURN is configured without --access-token: anyone may mint tickets for a peer id they register, and so use your relay. See docs/self-hosting.md.';
    log('warn', 'turn-without-access-token', { message });
    process.stderr.write(`deskbridge-server: WARNING: ${message}\n`);
  }
  if (publicUrl.protocol === 'http:' && hostScope(publicUrl.hostname) !== 'loopback') {
    log('warn', 'public-url-not-https', {
      message:
        'Browsers run the viewer only in a secure context: serve it over https (TLS here or a proxy).',
    });
  }
  tellParent({ type: 'listening', port, publicUrl: publicUrl.href });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { signal });
    await server.close();
    // peer@1.0.2 keeps timers nothing can clear: leave explicitly.
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('disconnect', () => void stop('parent-gone'));
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'turn-config') turnConfig(rest);
else await serve(process.argv.slice(2));
