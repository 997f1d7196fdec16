import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADAPTERS, adapterFor } from '../../src/content/adapters/choose.js';
import {
  findLeave,
  findToolbar,
  LEAVE_WORDS,
  type Node,
  type Page,
  read,
} from '../../src/content/adapters/evidence.js';
import {
  locateSafely,
  pageOf as pageOfRoot,
  type Root,
  statusOf,
} from '../../src/content/adapters/locate.js';
import type { SiteAdapter } from '../../src/content/adapters/types.js';
import { CALL_SITES } from '../../src/shared/call-sites.js';

const root = join(import.meta.dirname, '..', '..');
const byName = (name: string) => {
  const adapter = ADAPTERS.find((a) => a.name === name);
  if (!adapter) throw new Error(`no ${name} adapter`);
  return adapter;
};

/**
 * A page as the evidence reader sees it, built by hand: each element lists the selectors it
 * answers to (`is`), and its label, text, colour and shape. Labels answer the reader's
 * generated `[aria-label*="…" i]` selectors, case-insensitively, as the browser does.
 */
interface Fake extends Node {
  readonly parentElement: Fake | null;
  readonly children: Fake[];
  readonly is: string[];
  label?: string;
  text?: string;
  red?: boolean;
  shape?: 'low-bar' | 'bar' | 'block';
  role?: string;
}

type Spec = Partial<Pick<Fake, 'label' | 'text' | 'red' | 'shape' | 'role'>> & { is?: string[] };

function el(localName: string, spec: Spec = {}, ...children: Fake[]): Fake {
  const node: Fake = {
    localName,
    parentElement: null,
    children,
    is: spec.is ?? [],
    ...spec,
    getAttribute: (name) =>
      name === 'role' ? (node.role ?? null) : name === 'aria-label' ? (node.label ?? null) : null,
  };
  for (const child of children) (child as { parentElement: Fake | null }).parentElement = node;
  return node;
}

const walk = (node: Fake): Fake[] => [node, ...node.children.flatMap(walk)];

function pageOf(body: Fake): Page {
  return {
    all(selector) {
      const word = /aria-label\*="([^"]+)" i/.exec(selector)?.[1]?.toLowerCase();
      const classes = selector.split(',').every((part) => /^\.[\w-]+$/.test(part))
        ? selector.split(',').map((part) => part.slice(1))
        : [];
      return walk(body).filter(
        (node) =>
          node.is.includes(selector) ||
          (word !== undefined &&
            (node.localName === 'button' || node.role === 'button') &&
            (node.label ?? '').toLowerCase().includes(word)) ||
          classes.some((name) => node.is.includes(`.${name}`)),
      );
    },
    text: (node) => (node as Fake).text ?? '',
    red: (node) => (node as Fake).red ?? false,
    shape: (node) => (node as Fake).shape ?? 'block',
  };
}

/** A call toolbar: microphone, camera and the hang-up, each wrapped in a div as sites do. */
function bar(leave: Fake, barSpec: Spec = { shape: 'low-bar' }) {
  const mic = el('button', { is: ['mic'] });
  const camera = el('button', { is: ['camera'] });
  const items = [mic, camera, leave].map((button) => el('div', {}, button));
  return { bar: el('div', barSpec, ...items), items, mic, camera };
}

const adapter = (spec: Partial<SiteAdapter>): SiteAdapter => ({
  name: 'meet',
  theme: 'dark',
  leave: [],
  ...spec,
});

describe('the hang-up control', () => {
  it('is found by the site’s own mark alone', () => {
    const leave = el('button', { is: ['#hangup-button'] });
    const found = findLeave(adapter({ leave: ['#hangup-button'] }), pageOf(el('body', {}, leave)));
    expect(found).toMatchObject({ node: leave, signals: ['marked'] });
  });

  it('is found by its icon, whatever the language (Meet’s call_end glyph)', () => {
    const icon = el('i', { is: ['.google-symbols'], text: 'call_end' });
    const button = el('button', { label: 'Anruf verlassen' }, el('span', {}, icon));
    const found = findLeave(adapter({}), pageOf(el('body', {}, button)));
    expect(found?.node).toBe(button);
    expect(found?.signals).toContain('icon');
  });

  it('is not found by a label alone', () => {
    const button = el('button', { label: 'Leave' });
    expect(findLeave(adapter({}), pageOf(el('body', {}, button)))).toBeNull();
  });

  it.each(LEAVE_WORDS.map((word) => [word]))(
    'is found by the label “%s” with the hang-up’s red',
    (word) => {
      const button = el('button', { label: `${word} (Ctrl+Shift+H)`, red: true });
      const found = findLeave(adapter({}), pageOf(el('body', {}, button)));
      expect(found).toMatchObject({ node: button, signals: ['label', 'colour'] });
    },
  );

  it('labels cover English, German, French, Spanish, Portuguese and Japanese', () => {
    for (const word of ['Leave', 'verlassen', 'Quitter', 'Salir', 'Sair', '退出']) {
      expect(LEAVE_WORDS).toContain(word);
    }
  });

  it('is not a red button that says something else', () => {
    const record = el('button', { label: 'Stop recording', red: true });
    expect(findLeave(adapter({}), pageOf(el('body', {}, record)))).toBeNull();
  });

  it('prefers the best-evidenced of several candidates', () => {
    const reaction = el('button', { label: 'Leave a reaction' });
    const hangUp = el('button', { is: ['[data-tid="call-hangup"]'], label: 'Leave', red: true });
    const found = findLeave(
      adapter({ leave: ['[data-tid="call-hangup"]'] }),
      pageOf(el('body', {}, reaction, hangUp)),
    );
    expect(found?.node).toBe(hangUp);
    expect(found?.signals).toEqual(['marked']);
  });
});

describe('the toolbar', () => {
  it('is where the site marks it', () => {
    const leave = el('button', { is: ['leave'] });
    const marked = el('div', { is: ['#foot-bar'], shape: 'low-bar' }, el('div', {}, leave));
    const page = pageOf(el('body', {}, marked));
    const site = adapter({ leave: ['leave'], toolbar: ['#foot-bar'] });
    const found = findToolbar(site, page, findLeave(site, page));
    expect(found?.node).toBe(marked);
    expect(found?.signals).toEqual(['marked', 'holds-leave']);
  });

  it('is the bar holding the hang-up and the call’s other controls, with no mark or role', () => {
    const leave = el('button', { is: ['leave'] });
    const { bar: toolbar } = bar(leave);
    const page = pageOf(el('body', {}, el('main', { shape: 'block' }, toolbar)));
    const site = adapter({ leave: ['leave'], controls: ['mic', 'camera'] });
    const found = findToolbar(site, page, findLeave(site, page));
    expect(found?.node).toBe(toolbar);
    expect(found?.signals).toEqual(['structure', 'holds-leave', 'holds-controls', 'bottom']);
  });

  it('is the nearest toolbar-role ancestor of the hang-up', () => {
    const leave = el('button', { is: ['leave'] });
    const region = el(
      'div',
      { role: 'region', shape: 'low-bar' },
      el('div', {}, el('span', {}, leave)),
    );
    const page = pageOf(el('body', {}, region));
    const site = adapter({ leave: ['leave'] });
    expect(findToolbar(site, page, findLeave(site, page))?.node).toBe(region);
  });

  it('is never a whole section of the page', () => {
    const leave = el('button', { is: ['leave'] });
    const mic = el('button', { is: ['mic'] });
    const page = pageOf(el('body', {}, el('main', { shape: 'block' }, leave, mic)));
    const site = adapter({ leave: ['leave'], controls: ['mic'] });
    expect(findToolbar(site, page, findLeave(site, page))).toBeNull();
  });

  it('is not found from a hang-up alone with no bar around it', () => {
    const leave = el('button', { is: ['leave'] });
    const page = pageOf(el('body', { shape: 'block' }, el('div', { shape: 'bar' }, leave)));
    const site = adapter({ leave: ['leave'] });
    expect(findToolbar(site, page, findLeave(site, page))).toBeNull();
  });
});

describe('reading a call page', () => {
  const site = adapter({
    call: ['[data-self-name]'],
    lobby: ['#prejoin'],
    leave: ['leave'],
    controls: ['mic', 'camera'],
  });

  it('places nothing in the lobby, even where the hang-up already shows', () => {
    const page = pageOf(
      el('body', {}, el('div', { is: ['#prejoin'] }), el('button', { is: ['leave'] })),
    );
    expect(read(site, page)).toMatchObject({ phase: 'lobby', toolbar: null });
  });

  it('places nothing when nothing says a call is on', () => {
    expect(read(site, pageOf(el('body', {}, el('h1')))).phase).toBe('none');
  });

  it('takes a call signal without a hang-up (the toolbar may be unknown)', () => {
    const page = pageOf(el('body', {}, el('div', { is: ['[data-self-name]'] })));
    expect(read(site, page)).toMatchObject({ phase: 'call', leave: null, toolbar: null });
  });

  it('puts the control just before the toolbar item that holds the hang-up', () => {
    const leave = el('button', { is: ['leave'] });
    const { bar: toolbar, items } = bar(leave);
    const reading = read(site, pageOf(el('body', {}, toolbar)));
    expect(reading).toMatchObject({ phase: 'call', before: items[2] });
    expect(reading.toolbar?.node).toBe(toolbar);
  });

  it('is always in a call for an adapter with no call signals (demo, generic)', () => {
    expect(read(byName('generic'), pageOf(el('body'))).phase).toBe('call');
  });
});

describe('reading an adapter against the page', () => {
  it('floats, and says why, when the page throws', () => {
    const broken: Root = {
      querySelectorAll: () => {
        throw new TypeError('the page broke querySelectorAll');
      },
    };
    const warn = vi.fn();
    for (const adapter of ADAPTERS.filter((a) => a.leave || a.toolbar)) {
      expect(locateSafely(adapter, broken, warn).spot).toEqual({ kind: 'floating' });
    }
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('the teams adapter failed'),
      expect.any(TypeError),
    );
  });
});

describe('a selector the browser refuses', () => {
  it('blinds only itself', () => {
    const hit = {} as Element;
    const fussy: Root = {
      querySelectorAll: (selector) => {
        if (selector.includes(':future')) throw new DOMException('bad', 'SyntaxError');
        return [hit];
      },
    };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const page = pageOfRoot(fussy);
    expect(page.all('a:future(b)')).toEqual([]);
    expect(page.all('#hangup-button')).toEqual([hit]);
  });
});

describe('what the popup is told', () => {
  const none = { phase: 'none', leave: null, toolbar: null, before: null } as const;
  const inCall = { ...none, phase: 'call' } as const;

  it('a known site whose toolbar is not found has fallen back to floating', () => {
    expect(statusOf(byName('meet'), { kind: 'floating' }, inCall)).toEqual({
      site: 'meet',
      placement: 'floating',
      fallback: true,
      lobby: false,
      missing: ['leave', 'toolbar'],
    });
  });

  it('a page with no call says what was looked for', () => {
    expect(statusOf(byName('zoom'), { kind: 'none' }, none).missing).toEqual([
      'call',
      'leave',
      'toolbar',
    ]);
  });

  it('the generic adapter floats by design, no fallback', () => {
    expect(statusOf(byName('generic'), { kind: 'floating' }, inCall)).toMatchObject({
      fallback: false,
      missing: ['toolbar'],
    });
  });
});

describe('choosing the adapter', () => {
  const page = (found: string[] = []) => ({
    querySelector: (selector: string) =>
      found.includes(selector) ? ({} as unknown as Element) : null,
  });
  const at = (url: string) => new URL(url);
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['https://meet.google.com/abc-defg-hij', 'meet'],
    ['https://meet.jit.si/SomeRoom', 'jitsi'],
    ['https://teams.microsoft.com/v2/', 'teams'],
    ['https://teams.cloud.microsoft/', 'teams'],
    ['https://app.zoom.us/wc/123/join', 'zoom'],
    ['https://us02web.zoom.us/wc/123/join', 'zoom'],
    ['https://whereby.com/room', 'whereby'],
  ])('%s → %s', (url, name) => {
    vi.stubGlobal('__DEV__', false);
    expect(adapterFor(at(url), page()).name).toBe(name);
  });

  it('recognises real sites by hostname only, never by look-alikes', () => {
    vi.stubGlobal('__DEV__', false);
    for (const url of ['https://meet.google.com.evil.example/', 'https://evilzoom.us/wc/1']) {
      expect(adapterFor(at(url), page()).name).toBe('generic');
    }
  });

  it('never lets a page name its adapter', () => {
    vi.stubGlobal('__DEV__', true);
    const claims = page(['meta[name="deskbridge-fixture"]']);
    expect(adapterFor(at('http://127.0.0.1:9/fixtures/sites/meet/'), claims).name).toBe('generic');
  });

  it('knows the demo call page in the dev build only', () => {
    vi.stubGlobal('__DEV__', true);
    expect(adapterFor(at('http://127.0.0.1:8080/demo/'), page()).name).toBe('demo');
    vi.stubGlobal('__DEV__', false);
    expect(adapterFor(at('http://127.0.0.1:8080/demo/'), page()).name).toBe('generic');
  });

  it('gives a domain the user added the adapter whose build it serves, else the generic one', () => {
    vi.stubGlobal('__DEV__', false);
    const jitsiBuild = page(['script[src*="libs/app.bundle"]']);
    expect(adapterFor(at('https://jitsi.example.org/room'), jitsiBuild).name).toBe('jitsi');
    expect(adapterFor(at('https://calls.example.org/room'), page()).name).toBe('generic');
  });
});

describe('adapters, call sites and fixtures agree', () => {
  it('one adapter per built-in site, one file each, named after it', () => {
    const names = ADAPTERS.map((adapter) => adapter.name);
    expect(new Set(names).size).toBe(names.length);
    for (const site of CALL_SITES) expect(names).toContain(site.name);
    for (const name of [...names, 'demo']) {
      expect(existsSync(join(root, 'src/content/adapters', `${name}.ts`)), name).toBe(true);
    }
  });

  it.each(CALL_SITES.map((site) => [site.name]))(
    '%s: each adapter cites its sources, and each signal role has several signals',
    (name) => {
      const source = readFileSync(join(root, 'src/content/adapters', `${name}.ts`), 'utf8');
      expect(source).toMatch(/Sources:/);
      // repository + path citations, e.g. "attendee-labs/attendee bots/…"
      expect(source.match(/^ \* - [\w.-]+\/[\w.-]+ \S+/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
      const adapter = byName(name);
      const signals = [adapter.call, adapter.leave, adapter.controls, adapter.toolbar].flat();
      expect(signals.length).toBeGreaterThanOrEqual(3);
    },
  );

  it.each(CALL_SITES.map((site) => [site.name]))(
    '%s: at least two fixtures, each citing its public source',
    (name) => {
      const dir = join(root, 'test/fixtures/sites', name);
      const pages = readdirSync(dir).filter((file) => file.endsWith('.html'));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      for (const file of pages) {
        const html = readFileSync(join(dir, file), 'utf8');
        expect(html, file).toMatch(/<!--\s+Mirrors /);
        expect(html, file).toMatch(/Sources?:/);
        expect(html, file).not.toContain('deskbridge-fixture');
        expect(html, file).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      }
    },
  );
});
