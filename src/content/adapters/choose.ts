import { demo } from './demo.js';
import { generic } from './generic.js';
import { jitsi } from './jitsi.js';
import type { Root } from './locate.js';
import { meet } from './meet.js';
import { teams } from './teams.js';
import type { SiteAdapter } from './types.js';
import { whereby } from './whereby.js';
import { zoom } from './zoom.js';

export const ADAPTERS: readonly SiteAdapter[] = [meet, jitsi, teams, zoom, whereby, demo, generic];

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

const servesHost = (adapter: SiteAdapter, hostname: string) =>
  adapter.hosts.some((host) =>
    host.startsWith('.') ? hostname.endsWith(host) : hostname === host,
  );

/**
 * Real sites are recognised by hostname alone. Only on this machine may a page name its
 * adapter (`<meta name="deskbridge-fixture" content="meet">`): that is how the test fixtures
 * stand in for the real sites. A domain the user added gets the adapter whose build it serves
 * (a self-hosted Jitsi), else the generic one.
 */
export function adapterFor(
  location: { hostname: string; pathname: string },
  root: Root,
): SiteAdapter {
  const known = ADAPTERS.find((adapter) => servesHost(adapter, location.hostname));
  if (known) return known;
  if (LOCAL_HOSTS.has(location.hostname)) {
    const named = root.querySelector('meta[name="deskbridge-fixture"]')?.getAttribute('content');
    const fixture = ADAPTERS.find((adapter) => adapter.name === named);
    if (fixture) return fixture;
    if (location.pathname.startsWith('/demo/')) return demo;
  }
  return ADAPTERS.find((a) => a.signature && root.querySelector(a.signature)) ?? generic;
}
