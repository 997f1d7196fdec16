import type { MessageKey } from './i18n.js';

/**
 * The call sites Deskbridge knows without being asked: one list, read by the content script
 * (which site a page is), the custom-domain check (nothing to add for these) and the build
 * (the manifest's content script matches). Issue #15 item 9.
 */
export type SiteName = 'meet' | 'jitsi' | 'teams' | 'zoom' | 'whereby';

export interface CallSite {
  readonly name: SiteName;
  /** Hostnames: exact, or `.zoom.us` for any subdomain. */
  readonly hosts: readonly string[];
  /** The manifest's match patterns: every host above, on the paths the site calls from. */
  readonly matches: readonly string[];
  /** The call runs in a frame of the page (Zoom's web client), so every frame is injected. */
  readonly frames?: true;
}

export const CALL_SITES: readonly CallSite[] = [
  { name: 'meet', hosts: ['meet.google.com'], matches: ['https://meet.google.com/*'] },
  { name: 'jitsi', hosts: ['meet.jit.si'], matches: ['https://meet.jit.si/*'] },
  {
    name: 'teams',
    // teams.cloud.microsoft is the address Microsoft moved Teams on the web to in 2024.
    hosts: ['teams.microsoft.com', 'teams.live.com', 'teams.cloud.microsoft'],
    matches: [
      'https://teams.microsoft.com/*',
      'https://teams.live.com/*',
      'https://teams.cloud.microsoft/*',
    ],
  },
  {
    name: 'zoom',
    hosts: ['app.zoom.us', '.zoom.us'],
    matches: ['https://app.zoom.us/*', 'https://*.zoom.us/wc/*'],
    frames: true,
  },
  { name: 'whereby', hosts: ['whereby.com'], matches: ['https://whereby.com/*'] },
];

const serves = (site: CallSite, hostname: string) =>
  site.hosts.some((host) => (host.startsWith('.') ? hostname.endsWith(host) : hostname === host));

/** The built-in site a hostname belongs to, by hostname alone (never by what a page says). */
export function siteFor(hostname: string): CallSite | undefined {
  return CALL_SITES.find((site) => serves(site, hostname));
}

/** The manifest's content scripts: one entry for top frames, one for sites that call in frames. */
export function contentScripts(): { matches: string[]; all_frames?: true }[] {
  const top = CALL_SITES.filter((site) => !site.frames).flatMap((site) => site.matches);
  const framed = CALL_SITES.filter((site) => site.frames).flatMap((site) => site.matches);
  return [{ matches: top }, { matches: framed, all_frames: true }];
}

// --- Domains the user adds -------------------------------------------------------------------

/** Loopback test servers are plain http; every other call site is https only. */
const LOCAL = new Set(['localhost', '127.0.0.1']);

/** A problem is a message to translate where it is shown. */
export type DomainProblem = { key: MessageKey; args: string[] };
export type ParsedDomain = { ok: true; domain: string } | { ok: false; problem: DomainProblem };

const problem = (key: MessageKey, ...args: string[]): ParsedDomain => ({
  ok: false,
  problem: { key, args },
});

/** A hostname from what the user typed: `jitsi.example.org`, or a pasted meeting link. */
export function parseDomain(typed: string): ParsedDomain {
  const text = typed.trim();
  if (text === '') return problem('domainEmpty');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return problem('domainInvalid', text);
  }
  const host = url.hostname.replace(/\.$/, '');
  if (!/^[a-z0-9.-]+$/.test(host) || !(host.includes('.') || LOCAL.has(host))) {
    return problem('domainInvalid', text);
  }
  if (siteFor(host) || host === 'zoom.us') return problem('domainBuiltIn', host);
  return { ok: true, domain: host };
}

/** The optional host permission (and content script match) for a domain. */
export function originFor(domain: string): string {
  return `${LOCAL.has(domain) ? 'http' : 'https'}://${domain}/*`;
}

/**
 * The domain a granted origin stands for, when it is one a call site can be added for:
 * `https://jitsi.example.org/*` is, `https://*\/*` (every site) and built-in sites are not.
 */
export function domainOfOrigin(origin: string): string | undefined {
  const host = /^https?:\/\/([^/*]+)\/\*$/.exec(origin)?.[1];
  if (!host) return undefined;
  const parsed = parseDomain(host);
  return parsed.ok && originFor(parsed.domain) === origin ? parsed.domain : undefined;
}

/** Whether the popup may offer to add this page's site: a web page on a site not built in. */
export function canAddSite(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const domain = parseDomain(parsed.hostname);
  if (!domain.ok || originFor(domain.domain).split(':')[0] !== parsed.protocol.slice(0, -1)) {
    return undefined;
  }
  return domain.domain;
}
