// `npm start`: build, run the Deskbridge server on 127.0.0.1:9000 (the viewer, signalling and
// the demo call page on one port: the same server an operator deploys), and open Chromium with
// the extension loaded when there is a display. Ctrl+C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServers } from './servers.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
// The dev build: it knows the demo call page and keeps the manifest key (a fixed id).
const extensionDir = join(root, 'dist/chrome-dev');

/** Chromium derives an unpacked extension's id from its manifest `key`: sha256, a–p digits. */
function extensionId() {
  try {
    const { key } = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'));
    if (!key) return undefined;
    const hex = createHash('sha256').update(Buffer.from(key, 'base64')).digest('hex').slice(0, 32);
    return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
  } catch {
    return undefined;
  }
}

function findChromium() {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    if (spawnSync('which', [name]).status === 0) return name;
  }
  return undefined;
}

function build() {
  return new Promise((done, fail) => {
    spawn(process.execPath, ['build.mjs'], { cwd: root, stdio: 'inherit' })
      .on('error', fail)
      .on('exit', (code) => (code === 0 ? done() : fail(new Error(`build failed (exit ${code})`))));
  });
}

function launchChromium(executable, url) {
  const profile = mkdtempSync(join(tmpdir(), 'deskbridge-profile-'));
  const args = [
    `--user-data-dir=${profile}`,
    `--load-extension=${extensionDir}`,
    `--disable-extensions-except=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--allow-loopback-in-peer-connection',
    url,
  ];
  // Chromium refuses to run as root with its sandbox on (CI containers, some dev boxes).
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  const child = spawn(executable, args, { stdio: 'ignore' });
  // 'close' also follows a failed spawn, where 'exit' may never come.
  const exited = new Promise((done) => child.once('close', done));
  child.on('error', (error) => console.error(`Could not start ${executable}: ${error.message}`));
  const removeProfile = () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    } catch (error) {
      console.warn(`Could not remove ${profile}: ${error.message}`);
    }
  };
  exited.then(removeProfile);
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        // Chromium writes its profile on the way out; give it a moment before forcing it.
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      removeProfile();
    },
  };
}

try {
  await build();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

let servers;
try {
  servers = await startServers({ port: 9000, quiet: true });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const id = extensionId();
console.log(`
Server:       ${servers.origin} (well-known document: ${servers.wellKnownUrl})
Viewer:       ${servers.viewerUrl}
Demo call:    ${servers.demoUrl}
Signalling:   ws://127.0.0.1:${servers.peerPort}${servers.peerPath}/peerjs (PeerJS path '${servers.peerPath}', key 'peerjs')
Extension id: ${id ?? 'see README (dist/chrome-dev/manifest.json has no key)'}
`);

const chromium = findChromium();
let browser;
if ((process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && chromium) {
  console.log(`Opening ${chromium} with the extension loaded…`);
  browser = launchChromium(chromium, servers.demoUrl);
} else {
  console.log(`No display${chromium ? '' : ' or no Chromium'} found. To try it in your own browser:
  1. open chrome://extensions and switch on Developer mode
  2. Load unpacked → ${extensionDir}
  3. open ${servers.demoUrl}`);
}
console.log('\nCtrl+C to stop.');

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await browser?.stop();
  await servers.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
