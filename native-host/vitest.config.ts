import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The host's tests on their own: npx vitest run --config native-host/vitest.config.ts
// (the root config's projects pick up test/native-host/ as well once it lists it).
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/native-host/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
