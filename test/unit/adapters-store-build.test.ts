import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * Issue #13 item 5, #14 item 8: the store build (what the stores get: dist/chrome,
 * dist/firefox and their zips) carries no test hook — no loopback or fixture match pattern,
 * no page-named adapter, no demo page, no manifest `key` (any unpacked copy would get the id
 * the native host trusts). The dev build (dist/*-dev) has them, which shows this test would
 * see them.
 */
const root = join(import.meta.dirname, '..', '..');
const dist = join(root, 'dist');
const HOOKS = ['deskbridge-fixture', 'data-call-toolbar', '/demo/', 'fixtures/sites'];

function built(dir: string): void {
  if (!existsSync(join(dist, dir, 'manifest.json'))) {
    throw new Error(`dist/${dir} is missing; run \`npm run build\` (npm test does).`);
  }
}

/** The files of a zip, read by hand: its central directory, then each entry (stored or deflated). */
function unzip(file: string): Map<string, Buffer> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    files.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + extra;
  }
  return files;
}

const fromDir = (dir: string) =>
  new Map(
    readdirSync(join(dist, dir), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.(js|json|html)$/.test(name) && !name.startsWith('_locales'))
      .map((name) => [name, readFileSync(join(dist, dir, name))]),
  );

function store(): [string, Map<string, Buffer>][] {
  built('chrome');
  built('firefox');
  const packages = join(dist, 'packages');
  const zips = readdirSync(packages).filter((name) => name.endsWith('.zip'));
  expect(zips).toHaveLength(2);
  return [
    ['dist/chrome', fromDir('chrome')],
    ['dist/firefox', fromDir('firefox')],
    ...zips.map((zip): [string, Map<string, Buffer>] => [zip, unzip(join(packages, zip))]),
  ];
}

type Manifest = { key?: string; content_scripts: { matches: string[] }[] };
const manifestOf = (files: Map<string, Buffer>) =>
  JSON.parse(files.get('manifest.json')?.toString() ?? 'null') as Manifest;

describe('the store build', () => {
  it.each(store())('%s: its manifest has no key and matches no loopback page', (_name, files) => {
    const manifest = manifestOf(files);
    expect(manifest.key).toBeUndefined();
    const matches = manifest.content_scripts.flatMap((entry) => entry.matches);
    expect(matches.length).toBeGreaterThan(0);
    for (const pattern of matches) {
      expect(pattern).toMatch(/^https:\/\//);
      expect(pattern).not.toMatch(/127\.0\.0\.1|localhost|fixtures|demo/);
    }
  });

  it.each(store())('%s: no bundle or page carries a test hook', (_name, files) => {
    for (const [file, bytes] of files) {
      if (!/\.(js|html)$/.test(file)) continue;
      const text = bytes.toString();
      for (const hook of HOOKS) expect(text, `${file} holds ${hook}`).not.toContain(hook);
    }
  });

  it('ships no source maps', () => {
    for (const [name, files] of store()) {
      expect(
        [...files.keys()].filter((f) => f.endsWith('.map')),
        name,
      ).toEqual([]);
    }
  });
});

describe('the dev build (tests, npm start) has what the store build must not', () => {
  it('the key, the demo page, and the demo adapter', () => {
    built('chrome-dev');
    const manifest = JSON.parse(readFileSync(join(dist, 'chrome-dev/manifest.json'), 'utf8'));
    expect(manifest.key).toEqual(expect.any(String));
    expect(manifest.content_scripts[0].matches).toContain('http://127.0.0.1/demo/*');
    expect(readFileSync(join(dist, 'chrome-dev/content.js'), 'utf8')).toContain(
      'data-call-toolbar',
    );
  });
});
