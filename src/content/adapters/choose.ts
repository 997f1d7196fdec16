import { siteFor } from '../../shared/call-sites.js';
import { demo } from './demo.js';
import { generic } from './generic.js';
import { jitsi } from './jitsi.js';
import { meet } from './meet.js';
import { teams } from './teams.js';
import type { SiteAdapter } from './types.js';
import { whereby } from './whereby.js';
import { zoom } from './zoom.js';

/** One adapter per built-in site (src/shared/call-sites.ts), then the catch-all. */
export const ADAPTERS: readonly SiteAdapter[] = [meet, jitsi, teams, zoom, whereby, generic];

/** A domain the user added may serve a built-in site's own build (a self-hosted Jitsi). */
const BUILDS: readonly SiteAdapter[] = [jitsi];

/**
 * Built-in sites are recognised by hostname alone, never by what a page says. The dev build
 * (tests, `npm start`) also serves the demo call page on loopback; the store build has no
 * such branch. A domain the user added gets the adapter whose build it serves, else the
 * generic one.
 */
export function adapterFor(
  location: { hostname: string; pathname: string },
  root: { querySelector(selectors: string): Element | null },
): SiteAdapter {
  const site = siteFor(location.hostname);
  const known = site && ADAPTERS.find((adapter) => adapter.name === site.name);
  if (known) return known;
  if (__DEV__ && /^(127\.0\.0\.1|localhost)$/.test(location.hostname)) {
    if (location.pathname.startsWith('/demo/')) return demo;
  }
  return BUILDS.find((a) => a.signature && root.querySelector(a.signature)) ?? generic;
}
