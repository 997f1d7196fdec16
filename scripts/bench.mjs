// `npm run bench`: build the extension, the viewer and the native helper, bundle the benchmark,
// and run it — under Xvfb when there is no display, since the desktop figures need a headed
// browser on a real X screen. The open-file limit is raised to its hard limit first: the
// signalling load holds thousands of sockets (BENCH_ONLY=signalling runs that part alone).
import { spawnSync } from 'node:child_process';

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
const bundle = 'dist/bench/run.mjs';
const raised = ['sh', '-c', 'ulimit -n "$(ulimit -Hn)"; exec "$@"', 'sh', process.execPath, bundle];
const headless =
  process.env.BENCH_ONLY !== 'signalling' &&
  !process.env.DISPLAY &&
  spawnSync('which', ['xvfb-run']).status === 0;
if (headless) run('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', ...raised]);
else run(raised[0], raised.slice(1));
