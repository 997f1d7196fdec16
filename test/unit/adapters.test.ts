import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ADAPTERS, adapterFor } from '../../src/content/adapters/choose.js';
import { locate, locateSafely, type Root } from '../../src/content/adapters/locate.js';

const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const byName = (name: string) => ADAPTERS.find((adapter) => adapter.name === name);

/** A page as the adapters see it: selector → element (only what `adapterFor` reads). */
function page(found: Record<string, { content?: string }> = {}): Root {
  return {
    querySelector: (selector: string) => {
      const hit = found[selector];
      return hit ? ({ getAttribute: () => hit.content ?? null } as unknown as Element) : null;
    },
  };
}

const at = (url: string) => new URL(url);
const FIXTURE_META = 'meta[name="deskbridge-fixture"]';

describe('choosing the adapter', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', 'meet'],
    ['https://meet.jit.si/SomeRoom', 'jitsi'],
    ['https://teams.microsoft.com/v2/', 'teams'],
    ['https://teams.live.com/meet/123', 'teams'],
    ['https://app.zoom.us/wc/123/join', 'zoom'],
    ['https://us02web.zoom.us/wc/123/join', 'zoom'],
    ['https://whereby.com/room', 'whereby'],
    ['http://127.0.0.1:8080/demo/', 'demo'],
  ])('%s → %s', (url, name) => {
    expect(adapterFor(at(url), page()).name).toBe(name);
  });

  it('recognises real sites by hostname only, never by look-alikes', () => {
    for (const url of ['https://meet.google.com.evil.example/', 'https://evilzoom.us/wc/1']) {
      expect(adapterFor(at(url), page()).name).toBe('generic');
    }
  });

  it('lets a page name its adapter only on this machine', () => {
    const claims = page({ [FIXTURE_META]: { content: 'meet' } });
    expect(adapterFor(at('http://127.0.0.1:9/fixtures/sites/meet/'), claims).name).toBe('meet');
    expect(adapterFor(at('http://localhost:9/x'), claims).name).toBe('meet');
    expect(adapterFor(at('https://jitsi.example.org/room'), claims).name).toBe('generic');
    // A real site cannot be talked into another adapter either.
    expect(adapterFor(at('https://whereby.com/room'), claims).name).toBe('whereby');
  });

  it('gives a domain the user added the adapter whose build it serves, else the generic one', () => {
    const jitsiBuild = page({ 'script[src*="libs/app.bundle"]': {} });
    expect(adapterFor(at('https://jitsi.example.org/room'), jitsiBuild).name).toBe('jitsi');
    expect(adapterFor(at('https://calls.example.org/room'), page()).name).toBe('generic');
  });
});

describe('reading an adapter against the page', () => {
  it('places nothing outside a call', () => {
    const meet = byName('meet');
    if (!meet) throw new Error('no meet adapter');
    expect(locate(meet, page())).toEqual({ kind: 'none' });
  });

  it('floats, and says why, when an adapter throws', () => {
    const broken: Root = {
      querySelector: () => {
        throw new SyntaxError("'[aria-label=' is not a valid selector");
      },
    };
    const warn = vi.fn();
    for (const adapter of ADAPTERS.filter((a) => a.inCall || a.toolbar)) {
      expect(locateSafely(adapter, broken, warn)).toEqual({ kind: 'floating' });
    }
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('the teams adapter failed'),
      expect.any(SyntaxError),
    );
  });
});

describe('adapters, fixtures and manifest agree', () => {
  it('one adapter per file, named after it', () => {
    const names = ADAPTERS.map((adapter) => adapter.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(existsSync(join(root, 'src/content/adapters', `${name}.ts`)), name).toBe(true);
    }
  });

  it.each(ADAPTERS.filter((a) => a.hosts.length > 0).map((a) => [a.name]))(
    '%s has a fixture that names it and says what it mirrors',
    (name) => {
      const html = readFileSync(join(root, 'test/fixtures/sites', name, 'index.html'), 'utf8');
      expect(html).toContain(`<meta name="deskbridge-fixture" content="${name}" />`);
      expect(html).toMatch(/<!--\s+Mirrors /);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    },
  );

  it('the manifest injects the content script on every host an adapter knows', () => {
    const patterns: string[] = manifest.content_scripts.flatMap(
      (e: { matches: string[] }) => e.matches,
    );
    const covers = (pattern: string, host: string) => {
      const patternHost = /^https:\/\/([^/]+)\//.exec(pattern)?.[1];
      if (!patternHost) return false;
      return patternHost.startsWith('*.')
        ? host.endsWith(patternHost.slice(1))
        : patternHost === host;
    };
    for (const adapter of ADAPTERS) {
      for (const host of adapter.hosts) {
        const example = host.startsWith('.') ? `us02web${host}` : host;
        expect(
          patterns.some((p) => covers(p, example)),
          `${adapter.name}: ${example}`,
        ).toBe(true);
      }
    }
  });
});
