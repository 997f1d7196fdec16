#!/usr/bin/env node
// The `deskbridge-server` command: runs the bundle that `npm run build` writes.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/server/deskbridge-server.mjs', import.meta.url);
if (!existsSync(bundle)) {
  console.error('deskbridge-server is not built: run `npm run build` (or `npm run server`) first.');
  process.exit(1);
}
await import(bundle.href);
