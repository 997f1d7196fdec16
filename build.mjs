// Builds the extension for each browser, the viewer site and the server, as named steps:
// clean → bundle → pages → manifests → viewer (hashed assets) → server → store packages
// (web-ext build, into dist/packages/). `node build.mjs viewer server` builds only those two.
// Each browser gets two builds (issue #13 item 5):
//   store  dist/chrome, dist/firefox: what ships; minified, no test hooks, no manifest `key`;
//   dev    dist/chrome-dev, dist/firefox-dev: tests, the benchmark and `npm start` load these;
//          readable, with source maps, the demo call page's match patterns (`__DEV__`) and the
//          `key` that gives the unpacked extension a fixed id.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import webExt from 'web-ext';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
/** Every extension build: the store packages are made from the first two only. */
const builds = [
  { browser: 'chrome', dev: false, out: join(dist, 'chrome') },
  { browser: 'firefox', dev: false, out: join(dist, 'firefox') },
  { browser: 'chrome', dev: true, out: join(dist, 'chrome-dev') },
  { browser: 'firefox', dev: true, out: join(dist, 'firefox-dev') },
];
/** The demo call page (test/fixtures/demo) on loopback: the dev build's only extra matches. */
const DEV_MATCHES = ['http://127.0.0.1/demo/*', 'http://localhost/demo/*'];
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

/** `--production`: the dev build minified too (the store build always is). */
const production = process.argv.includes('--production');

async function clean() {
  await rm(dist, { recursive: true, force: true });
}

function bundle(entry, outfile, format, browser, dev = false) {
  const minify = production || (browser !== 'web' && !dev);
  return esbuild.build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    format,
    target: ['chrome120', 'firefox128'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify,
    // Folds `__BROWSER__ === 'chrome'` and `__DEV__` so each bundle carries only its own paths.
    minifySyntax: true,
    sourcemap: minify ? false : 'linked',
    legalComments: 'none',
    define: { __BROWSER__: JSON.stringify(browser), __DEV__: String(dev) },
    logLevel: 'warning',
  });
}

async function copyAll(files, outDir) {
  for (const [from, to] of files) {
    await mkdir(dirname(join(outDir, to)), { recursive: true });
    await cp(join(root, from), join(outDir, to));
  }
}

/** The built-in call sites, from their one list (src/shared/call-sites.ts). */
async function callSites() {
  const { outputFiles } = await esbuild.build({
    entryPoints: [join(root, 'src/shared/call-sites.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'warning',
  });
  const source = Buffer.from(outputFiles[0].text).toString('base64');
  return import(`data:text/javascript;base64,${source}`);
}

/**
 * One manifest per build: Chrome runs a service worker, Firefox an event page; the content
 * scripts' matches come from the call sites' list; only the dev build keeps the `key` and
 * matches the demo page.
 */
async function writeManifest({ browser, dev, out }, sites) {
  const manifest = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  const { chrome: chromeOnly, firefox: firefoxOnly, ...common } = manifest;
  const written =
    browser === 'chrome' ? { ...common, ...chromeOnly } : { ...common, ...firefoxOnly };
  if (browser === 'firefox') {
    // Chrome-only APIs: Firefox has no offscreen documents and no debugger API.
    written.permissions = written.permissions.filter((p) => !['offscreen', 'debugger'].includes(p));
  }
  const scripts = sites.contentScripts().map((entry) => ({
    ...entry,
    js: ['content.js'],
    run_at: 'document_idle',
  }));
  if (dev) scripts[0].matches.push(...DEV_MATCHES);
  else delete written.key; // any unpacked copy would get the id the native host trusts
  written.content_scripts = scripts;
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(written, null, 2)}\n`);
}

async function buildExtension(build, sites) {
  const { browser, dev, out } = build;
  await mkdir(out, { recursive: true });
  await Promise.all(
    extensionEntries.map(([entry, name, format]) =>
      bundle(entry, join(out, name), format, browser, dev),
    ),
  );
  await copyAll(extensionPages, out);
  await cp(join(root, '_locales'), join(out, '_locales'), { recursive: true });
  await writeManifest(build, sites);
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

/** The zip each store takes, e.g. dist/packages/deskbridge-firefox-0.1.0.zip: the store build. */
async function buildPackage({ browser, out }) {
  const { version } = JSON.parse(await readFile(join(root, 'manifest.json'), 'utf8'));
  await webExt.cmd.build(
    {
      sourceDir: out,
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
  const sites = await callSites();
  await Promise.all([
    ...builds.map((build) => buildExtension(build, sites)),
    buildViewer(),
    buildServer(),
  ]);
  await Promise.all(builds.filter((build) => !build.dev).map(buildPackage));
  console.log(
    `built dist/{chrome,firefox}{,-dev}, dist/viewer, dist/server and dist/packages in ${Date.now() - started} ms`,
  );
}
