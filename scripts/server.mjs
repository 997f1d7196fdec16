// `npm run server -- <flags>`: builds the server and the viewer when they are missing, then runs
// bin/deskbridge-server.mjs with the same flags (`npm run server -- turn-config …` too). Build
// output goes to stderr, so `turn-config` prints only the configuration on stdout.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const missing = [
  ['server', 'dist/server/deskbridge-server.mjs'],
  ['viewer', 'dist/viewer/index.html'],
].filter(([, file]) => !existsSync(resolve(root, file)));

if (missing.length > 0) {
  const steps = missing.map(([step]) => step);
  const build = spawnSync(process.execPath, ['build.mjs', ...steps], {
    cwd: root,
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(new URL('../bin/deskbridge-server.mjs', import.meta.url).href);
