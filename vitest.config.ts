import { defineConfig } from 'vitest/config';

/** Tests that live beside the unit tests but read the build's output. */
const UNIT_BUT_NOT_PURE = [
  'test/unit/firefox-lint.test.ts',
  'test/unit/adapters-store-build.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        // Pure and fast: no browser, no X server, no build output, no other process.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          exclude: UNIT_BUT_NOT_PURE,
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          // The server and coturn; the native host's own Xvfb (and one headed Chromium); the
          // built packages (store-build contents, web-ext lint).
          include: [
            'test/integration/**/*.test.ts',
            'test/native-host/**/*.test.ts',
            ...UNIT_BUT_NOT_PURE,
          ],
          environment: 'node',
          // Real server and coturn processes, no browser; files one at a time on 2 shared cores.
          fileParallelism: false,
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          // Real browsers on a shared 2-core machine: one file at a time, generous timeouts.
          fileParallelism: false,
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
