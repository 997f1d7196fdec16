import { describe, expect, it } from 'vitest';
import { originFor, parseDomain } from '../../src/background/custom-domains.js';
import { english } from './english.js';

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
    ['us02web.zoom.us', 'supported already'],
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
