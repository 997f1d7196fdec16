// `npm run bench`: build the extension, the viewer and the native helper, bundle the benchmark,
// and run it — under Xvfb when there is no display, since the desktop figures need a headed
// browser on a real X screen.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (command, args) => {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
};

run(process.execPath, ['build.mjs']);
run(process.execPath, ['native-host/build.mjs']);
run('npx', [
  'esbuild',
  'bench/run.ts',
  '--bundle',
  '--platform=node',
  '--format=esm',
  '--packages=external',
  '--external:#servers',
  '--log-level=warning',
  '--outfile=dist/bench/run.mjs',
]);
// Desktop control first, on an X screen (Xvfb unless there is a display); then the rest
// headless without one, which merges the desktop figures into bench/results/latest.json.
const bundle = 'dist/bench/run.mjs';
rmSync('bench/results/desktop-input.json', { force: true });
const desktop = { ...process.env, BENCH_ONLY: 'desktop' };
const xvfb = spawnSync('which', ['xvfb-run']).status === 0;
if (process.env.DISPLAY) spawnSync(process.execPath, [bundle], { stdio: 'inherit', env: desktop });
else if (xvfb) {
  spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', process.execPath, bundle], {
    stdio: 'inherit',
    env: desktop,
  });
}
const { DISPLAY: _display, ...withoutDisplay } = process.env;
const { status } = spawnSync(process.execPath, [bundle], { stdio: 'inherit', env: withoutDisplay });
process.exit(status ?? 1);
