import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(ROOT, 'src/shared');
const sharedFiles = readdirSync(SHARED).filter((file) => /\.tsx?$/.test(file));

const BROWSER_GLOBALS = ['chrome', 'browser', 'document', 'window', 'navigator', 'localStorage'];
const BROWSER_PACKAGES = ['peerjs', 'preact', '@preact/signals', 'webextension-polyfill'];

/**
 * Browser globals a module really uses. esbuild's `define` rewrites only free references, so
 * comments, strings, property names and local variables of the same name are never counted.
 */
function browserGlobalsUsedBy(source: string, loader: 'ts' | 'tsx' = 'ts'): string[] {
  const define: Record<string, string> = {};
  for (const name of BROWSER_GLOBALS) {
    define[name] = `__browser_${name}__`;
    define[`globalThis.${name}`] = `__browser_${name}__`;
  }
  const { code } = transformSync(source, { loader, define });
  return [...new Set([...code.matchAll(/__browser_(\w+?)__/g)].map((match) => match[1] ?? ''))];
}

/** Module specifiers a file imports, including `import type` and dynamic imports. */
function importsOf(source: string): string[] {
  const pattern = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;
  return [...source.matchAll(pattern)].map((match) => match[1] ?? '');
}

const isBrowserPackage = (specifier: string) =>
  BROWSER_PACKAGES.some((name) => specifier === name || specifier.startsWith(`${name}/`));

describe('src/shared stays pure', () => {
  it('has files to check', () => {
    expect(sharedFiles.length).toBeGreaterThan(0);
  });

  it.each(sharedFiles)('%s uses no browser-only global', (file) => {
    const loader = file.endsWith('.tsx') ? 'tsx' : 'ts';
    expect(browserGlobalsUsedBy(readFileSync(join(SHARED, file), 'utf8'), loader)).toEqual([]);
  });

  it.each(sharedFiles)('%s imports no browser or UI package', (file) => {
    const imports = importsOf(readFileSync(join(SHARED, file), 'utf8'));
    expect(imports.filter(isBrowserPackage)).toEqual([]);
  });

  it.each(sharedFiles)('%s has a unit test beside the others in test/unit', (file) => {
    const tests = readdirSync(fileURLToPath(new URL('.', import.meta.url)));
    expect(tests).toContain(file.replace(/\.tsx?$/, '.test.ts'));
  });
});

describe('the purity checks themselves', () => {
  it('catch real uses of browser globals', () => {
    const source = `
      const id = chrome.runtime.id;
      browser.tabs.query({});
      const el = document.body;
      window.addEventListener('x', () => {});
      const lang = navigator.language;
      globalThis.localStorage.getItem('k');`;
    expect(browserGlobalsUsedBy(source).sort()).toEqual([...BROWSER_GLOBALS].sort());
  });

  it('ignore comments, strings, property names and local names', () => {
    const source = `
      // chrome.runtime and window.open in a comment
      const text = 'in this browser. document window navigator';
      const re = /document\\.title/;
      const o = { window: 1 }; o.navigator = 2;
      function f(document: { title: string }) { return document.title; }
      type T = typeof window;`;
    expect(browserGlobalsUsedBy(source)).toEqual([]);
  });

  it('catch imports of browser packages in every form', () => {
    const source = `
      import { Peer } from 'peerjs';
      import type { VNode } from "preact";
      import 'webextension-polyfill';
      export { signal } from '@preact/signals';
      const hooks = await import('preact/hooks');
      import * as v from 'valibot';
      import { x } from './peerjs-free.js';`;
    expect(importsOf(source).filter(isBrowserPackage)).toEqual([
      'peerjs',
      'preact',
      'webextension-polyfill',
      '@preact/signals',
      'preact/hooks',
    ]);
  });
});

describe('file names', () => {
  const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' });
  const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*$/;

  it.each(files)('src/%s is kebab-case', (path) => {
    for (const part of path.split(/[\\/]/)) expect(part, path).toMatch(KEBAB);
  });

  it('the kebab-case rule refuses camelCase, PascalCase, snake_case and spaces', () => {
    for (const bad of [
      'sessionStore.ts',
      'Panel.tsx',
      'host_lifecycle.ts',
      'my file.ts',
      'a--b.ts',
    ]) {
      expect(basename(bad)).not.toMatch(KEBAB);
    }
  });
});
