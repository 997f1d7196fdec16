// `npm test`: build, then the unit, integration and e2e vitest projects, then one summary line.
//   node scripts/test.mjs          build + unit + integration + e2e
//   node scripts/test.mjs unit     unit only, no build (pure: seconds, no browser, no X server)
//   node scripts/test.mjs e2e      build + e2e only (likewise `integration`)
// Integration tests start the real server and coturn (no browser); e2e tests drive browsers.
// The e2e suite runs under Xvfb when there is no display: entire-screen capture needs a headed
// browser (DESIGN.md §7).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const resultsDir = join(root, 'test-results');
const projects = ['unit', 'integration', 'e2e'];

const wanted = process.argv.slice(2);
for (const name of wanted) {
  if (!projects.includes(name)) {
    console.error(`Unknown suite "${name}"; use one of: ${projects.join(', ')}`);
    process.exit(2);
  }
}
const selected = wanted.length ? projects.filter((name) => wanted.includes(name)) : projects;

function run(command, args) {
  return new Promise((done) => {
    spawn(command, args, { cwd: root, stdio: 'inherit' })
      .on('error', (error) => {
        console.error(`${command}: ${error.message}`);
        done(1);
      })
      .on('exit', (code, signal) => done(signal ? 1 : code));
  });
}

const needsXvfb = () =>
  !process.env.DISPLAY &&
  !process.env.WAYLAND_DISPLAY &&
  spawnSync('which', ['xvfb-run']).status === 0;

/** Runs one vitest project; returns its counts from the JSON report plus the exit code. */
async function runProject(name) {
  const output = join(resultsDir, `${name}.json`);
  rmSync(output, { force: true }); // never read a stale report
  const vitest = [
    'vitest',
    'run',
    '--project',
    name,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${output}`,
  ];
  const [command, args] =
    name === 'e2e' && needsXvfb()
      ? ['xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', 'npx', ...vitest]]
      : ['npx', vitest];
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const code = await run(command, args);
  try {
    const report = JSON.parse(readFileSync(output, 'utf8'));
    return {
      code,
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + report.numTodoTests,
    };
  } catch {
    return { code, passed: 0, failed: 0, skipped: 0, noReport: true };
  }
}

const problems = [];
const results = [];
mkdirSync(resultsDir, { recursive: true });

// The unit tests are pure: they need no build, so `npm run test:unit` alone skips it.
const needsBuild = selected.some((name) => name !== 'unit');
if (needsBuild) console.log('▶ build: node build.mjs');
if (needsBuild && (await run(process.execPath, ['build.mjs'])) !== 0) {
  problems.push('build failed');
} else {
  for (const name of selected) {
    const result = await runProject(name);
    if (result.noReport) problems.push(`${name}: no report written (exit ${result.code})`);
    else if (result.code !== 0 && result.failed === 0) {
      problems.push(`${name}: vitest exited ${result.code} (errors outside tests?)`);
    }
    results.push(result);
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const result of results) {
  totals.passed += result.passed;
  totals.failed += result.failed;
  totals.skipped += result.skipped;
}

console.log('');
for (const problem of problems) console.log(`✗ ${problem}`);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed || problems.length ? 1 : 0);
