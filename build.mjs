// Builds the extension for each browser and the viewer site, as a list of named steps:
// clean → bundle → pages → manifests → store packages (web-ext build, into dist/packages/).
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import webExt from 'web-ext';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const targets = { chrome: join(dist, 'chrome'), firefox: join(dist, 'firefox') };
const viewerOut = join(dist, 'viewer');
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

const viewerFiles = [
  ['src/viewer/index.html', 'index.html'],
  ['src/viewer/viewer.css', 'viewer.css'],
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

async function buildViewer() {
  await mkdir(viewerOut, { recursive: true });
  await bundle('src/viewer/main.tsx', join(viewerOut, 'viewer.js'), 'iife', 'web');
  await copyAll(viewerFiles, viewerOut);
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
await clean();
await Promise.all([buildExtension('chrome'), buildExtension('firefox'), buildViewer()]);
await Promise.all([buildPackage('chrome'), buildPackage('firefox')]);
console.log(
  `built dist/chrome, dist/firefox, dist/viewer and dist/packages in ${Date.now() - started} ms`,
);
