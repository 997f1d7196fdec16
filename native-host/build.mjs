// Bundles the native messaging host into one file, native-host/dist/host.js, with the `x11`
// package and valibot inside: the launcher then works from any directory.
//   node native-host/build.mjs
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

const result = await build({
  entryPoints: [here('./src/main.ts')],
  outfile: here('./dist/host.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  // `x11` is CommonJS and requires Node built-ins: give the ESM bundle a `require`.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});

// Written aside, then renamed: a host started meanwhile (tests build in parallel) never reads
// half a file.
for (const file of result.outputFiles) {
  mkdirSync(dirname(file.path), { recursive: true });
  const partial = `${file.path}.${process.pid}.tmp`;
  writeFileSync(partial, file.contents);
  renameSync(partial, file.path);
}
console.log(`built ${here('./dist/host.js')}`);
