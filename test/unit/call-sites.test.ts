import { describe, expect, it } from 'vitest';
import {
  CALL_SITES,
  canAddSite,
  contentScripts,
  domainOfOrigin,
  originFor,
  parseDomain,
  siteFor,
} from '../../src/shared/call-sites.js';
import { english } from './english.js';

describe('the built-in call sites', () => {
  it.each([
    ['meet.google.com', 'meet'],
    ['meet.jit.si', 'jitsi'],
    ['teams.microsoft.com', 'teams'],
    ['teams.live.com', 'teams'],
    ['teams.cloud.microsoft', 'teams'],
    ['app.zoom.us', 'zoom'],
    ['us02web.zoom.us', 'zoom'],
    ['whereby.com', 'whereby'],
  ])('%s is %s', (host, name) => {
    expect(siteFor(host)?.name).toBe(name);
  });

  it('are recognised by hostname only, never by look-alikes', () => {
    for (const host of ['meet.google.com.evil.example', 'evilzoom.us', 'xwhereby.com', '']) {
      expect(siteFor(host)).toBeUndefined();
    }
  });

  it('give the manifest a match for every host, https only', () => {
    const patterns = contentScripts().flatMap((entry) => entry.matches);
    for (const site of CALL_SITES) {
      for (const host of site.hosts) {
        const example = host.startsWith('.') ? `us02web${host}` : host;
        const covered = patterns.some((pattern) => {
          const patternHost = /^https:\/\/([^/]+)\//.exec(pattern)?.[1] ?? '';
          return patternHost.startsWith('*.')
            ? example.endsWith(patternHost.slice(1))
            : patternHost === example;
        });
        expect(covered, `${site.name}: ${example}`).toBe(true);
      }
    }
    expect(patterns.every((pattern) => pattern.startsWith('https://'))).toBe(true);
  });

  it('inject every frame only where the call runs in one (Zoom)', () => {
    const [top, framed] = contentScripts();
    expect(top?.all_frames).toBeUndefined();
    expect(framed).toEqual({
      matches: ['https://app.zoom.us/*', 'https://*.zoom.us/wc/*'],
      all_frames: true,
    });
  });
});

describe('a call site domain the user types', () => {
  it.each([
    ['jitsi.example.org', 'jitsi.example.org'],
    ['  Jitsi.Example.org  ', 'jitsi.example.org'],
    ['https://jitsi.example.org/SomeRoom?x=1', 'jitsi.example.org'],
    ['jitsi.example.org:8443', 'jitsi.example.org'],
    ['localhost', 'localhost'],
    ['http://127.0.0.1:8080/', '127.0.0.1'],
  ])('%j → %s', (typed, domain) => {
    expect(parseDomain(typed)).toEqual({ ok: true, domain });
  });

  it.each([
    ['', 'Type a domain'],
    ['not a domain', 'is not a domain'],
    ['intranet', 'is not a domain'],
    ['*.example.org', 'is not a domain'],
    ['meet.google.com', 'supported already'],
    ['teams.cloud.microsoft', 'supported already'],
    ['us02web.zoom.us', 'supported already'],
    ['zoom.us', 'supported already'],
  ])('%j is refused (%s)', (typed, why) => {
    const parsed = parseDomain(typed);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(english.t(parsed.problem.key, ...parsed.problem.args)).toContain(why);
  });

  it('asks for https, and plain http only on this machine', () => {
    expect(originFor('jitsi.example.org')).toBe('https://jitsi.example.org/*');
    expect(originFor('localhost')).toBe('http://localhost/*');
    expect(originFor('127.0.0.1')).toBe('http://127.0.0.1/*');
  });
});

describe('a granted origin', () => {
  it.each([
    ['https://jitsi.example.org/*', 'jitsi.example.org'],
    ['http://localhost/*', 'localhost'],
    ['http://127.0.0.1/*', '127.0.0.1'],
  ])('%s enables %s', (origin, domain) => {
    expect(domainOfOrigin(origin)).toBe(domain);
  });

  it.each([
    'https://*/*',
    'http://jitsi.example.org/*',
    'https://localhost/*',
    'https://meet.google.com/*',
    'https://jitsi.example.org/room/*',
    '<all_urls>',
  ])('%s enables nothing', (origin) => {
    expect(domainOfOrigin(origin)).toBeUndefined();
  });
});

describe('the page the popup was opened over', () => {
  it.each([
    ['https://calls.example.org/room/1', 'calls.example.org'],
    ['http://localhost:8080/demo/', 'localhost'],
  ])('%s can be added as %s', (url, domain) => {
    expect(canAddSite(url)).toBe(domain);
  });

  it.each([
    undefined,
    'chrome://extensions/',
    'about:blank',
    'http://calls.example.org/room',
    'https://meet.google.com/abc-defg-hij',
    'not a url',
  ])('%s cannot', (url) => {
    expect(canAddSite(url)).toBeUndefined();
  });
});
