// Builds the extension for each browser, the viewer site and the server, as named steps:
// clean → bundle → pages → manifests → viewer (hashed assets) → server → store packages
// (web-ext build, into dist/packages/). `node build.mjs viewer server` builds only those two.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import webExt from 'web-ext';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const targets = { chrome: join(dist, 'chrome'), firefox: join(dist, 'firefox') };
const viewerOut = join(dist, 'viewer');
const serverOut = join(dist, 'server');
const packagesOut = join(dist, 'packages');

/** Extension bundles: [entry, output name, format]. The service worker is an ES module. */
const extensionEntries = [
  ['src/background/index.ts', 'background.js', 'esm'],
  ['src/background/offscreen/main.ts', 'offscreen.js', 'iife'],
  ['src/content/index.ts', 'content.js', 'iife'],
  ['src/popup/main.tsx', 'popup.js', 'iife'],
  ['src/options/main.tsx', 'options.js', 'iife'],
];

/** Static pages and styles copied beside the bundles. */
const extensionPages = [
  ['src/background/offscreen/offscreen.html', 'offscreen.html'],
  ['src/background/offscreen/host-page.css', 'host-page.css'],
  ['src/popup/popup.html', 'popup.html'],
  ['src/popup/popup.css', 'popup.css'],
  ['src/options/options.html', 'options.html'],
  ['src/options/options.css', 'options.css'],
  ['assets/icon-16.png', 'icons/icon-16.png'],
  ['assets/icon-48.png', 'icons/icon-48.png'],
  ['assets/icon-128.png', 'icons/icon-128.png'],
];

const production = process.argv.includes('--production');

async function clean() {
  await rm(dist, { recursive: true, force: true });
}

function bundle(entry, outfile, format, browser) {
  return esbuild.build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format,
    target: ['chrome120', 'firefox128'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: production,
    // Folds `__BROWSER__ === 'chrome'` so each browser's bundle carries only its own code path.
    minifySyntax: true,
    sourcemap: production ? false : 'linked',
    legalComments: 'none',
    define: { __BROWSER__: JSON.stringify(browser) },
    logLevel: 'warning',
  });
}

async function copyAll(files, outDir) {
  for (const [from, to] of files) {
    await mkdir(dirname(join(outDir, to)), { recursive: true });
    await cp(join(root, from), join(outDir, to));
  }
}

/** One manifest per browser: Chrome runs a service worker, Firefox an event page. */
async function writeManifest(browser) {
  const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  const { chrome: chromeOnly, firefox: firefoxOnly, ...common } = manifest;
  const out = browser === 'chrome' ? { ...common, ...chromeOnly } : { ...common, ...firefoxOnly };
  if (browser === 'firefox') {
    // Chrome-only APIs: Firefox has no offscreen documents and no debugger API.
    out.permissions = out.permissions.filter((p) => !['offscreen', 'debugger'].includes(p));
  }
  await writeFile(join(targets[browser], 'manifest.json'), `${JSON.stringify(out, null, 2)}\n`);
}

async function buildExtension(browser) {
  const out = targets[browser];
  await mkdir(out, { recursive: true });
  await Promise.all(
    extensionEntries.map(([entry, name, format]) =>
      bundle(entry, join(out, name), format, browser),
    ),
  );
  await copyAll(extensionPages, out);
  await cp(join(root, '_locales'), join(out, '_locales'), { recursive: true });
  await writeManifest(browser);
}

/**
 * The viewer with content-hashed names (`viewer-<hash>.js`, `viewer-<hash>.css`), which the
 * server caches for a year, and an index.html rewritten to name them (revalidated each load).
 */
async function buildViewer() {
  await rm(viewerOut, { recursive: true, force: true });
  await mkdir(viewerOut, { recursive: true });
  const hashed = async (entry, options) => {
    const result = await esbuild.build({
      entryPoints: { viewer: join(root, entry) },
      outdir: viewerOut,
      entryNames: '[name]-[hash]',
      bundle: true,
      minify: production,
      sourcemap: production ? false : 'linked',
      legalComments: 'none',
      metafile: true,
      logLevel: 'warning',
      ...options,
    });
    const [output] = Object.keys(result.metafile.outputs).filter((file) => !file.endsWith('.map'));
    return basename(output);
  };
  const [script, style] = await Promise.all([
    hashed('src/viewer/main.tsx', {
      format: 'iife',
      target: ['chrome120', 'firefox128'],
      jsx: 'automatic',
      jsxImportSource: 'preact',
      minifySyntax: true,
      define: { __BROWSER__: JSON.stringify('web') },
    }),
    hashed('src/viewer/viewer.css', {}),
  ]);
  const page = await readFile(join(root, 'src/viewer/index.html'), 'utf8');
  const rewritten = page
    .replace('href="viewer.css"', `href="${style}"`)
    .replace('src="viewer.js"', `src="${script}"`);
  if (!rewritten.includes(script) || !rewritten.includes(style)) {
    throw new Error('src/viewer/index.html no longer names viewer.js and viewer.css');
  }
  await writeFile(join(viewerOut, 'index.html'), rewritten);
}

/** The server, one ES module for Node; its npm dependencies stay outside (package.json). */
async function buildServer() {
  await esbuild.build({
    entryPoints: [join(root, 'server/main.ts')],
    outfile: join(serverOut, 'deskbridge-server.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** The zip each store takes, e.g. dist/packages/deskbridge-firefox-0.1.0.zip (no source maps). */
async function buildPackage(browser) {
  const { version } = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  await webExt.cmd.build(
    {
      sourceDir: targets[browser],
      artifactsDir: packagesOut,
      filename: `deskbridge-${browser}-${version}.zip`,
      ignoreFiles: ['*.map'],
      overwriteDest: true,
    },
    { showReadyMessage: false, shouldExitProgram: false },
  );
}

const started = Date.now();
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
if (only.length > 0) {
  const steps = { viewer: buildViewer, server: buildServer };
  for (const name of only) {
    if (!steps[name])
      throw new Error(`unknown build step ${name}; use ${Object.keys(steps).join(', ')}`);
  }
  await Promise.all(only.map((name) => steps[name]()));
  console.log(
    `built ${only.map((name) => `dist/${name}`).join(', ')} in ${Date.now() - started} ms`,
  );
} else {
  await clean();
  await Promise.all([
    buildExtension('chrome'),
    buildExtension('firefox'),
    buildViewer(),
    buildServer(),
  ]);
  await Promise.all([buildPackage('chrome'), buildPackage('firefox')]);
  console.log(
    `built dist/chrome, dist/firefox, dist/viewer, dist/server and dist/packages in ${Date.now() - started} ms`,
  );
}
