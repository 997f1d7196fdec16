/**
 * Call sites the user adds (a self-hosted Jitsi, say). Each is an optional host permission the
 * user granted plus a content script registered for that origin alone; the registrations are
 * the list, so there is nothing else to keep in step. The options page calls these right after
 * `permissions.request` resolves (the request itself needs the page's click).
 */
const ID_PREFIX = 'deskbridge-domain:';
/** Sites the manifest already covers: adding them again would inject the script twice. */
const BUILT_IN = [
  'meet.google.com',
  'meet.jit.si',
  'teams.microsoft.com',
  'teams.live.com',
  'whereby.com',
];
/** Loopback test servers are plain http; every other call site is https only. */
const LOCAL = new Set(['localhost', '127.0.0.1']);

import type { MessageKey } from '../shared/i18n.js';

/** A problem is a message to translate where it is shown (this module also runs in tests). */
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
  if (BUILT_IN.includes(host) || host === 'zoom.us' || host.endsWith('.zoom.us')) {
    return problem('domainBuiltIn', host);
  }
  return { ok: true, domain: host };
}

export function originFor(domain: string): string {
  return `${LOCAL.has(domain) ? 'http' : 'https'}://${domain}/*`;
}

export async function customDomains(): Promise<string[]> {
  const scripts = await chrome.scripting.getRegisteredContentScripts();
  return scripts.filter((s) => s.id.startsWith(ID_PREFIX)).map((s) => s.id.slice(ID_PREFIX.length));
}

/** Registers the content script for a domain whose permission was just granted. */
export async function registerDomain(domain: string): Promise<void> {
  const origins = [originFor(domain)];
  if (!(await chrome.permissions.contains({ origins }))) {
    throw new Error(`Deskbridge has no access to ${domain}.`);
  }
  const id = `${ID_PREFIX}${domain}`;
  const script = { id, matches: origins, js: ['content.js'], runAt: 'document_idle' as const };
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await chrome.scripting.updateContentScripts([script]);
  else await chrome.scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
}

/** Unregisters a domain's content script and gives its permission back. */
export async function removeDomain(domain: string): Promise<void> {
  const id = `${ID_PREFIX}${domain}`;
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [id] });
  await chrome.permissions.remove({ origins: [originFor(domain)] });
}

/**
 * For the service worker: access taken back elsewhere (the browser's site settings) drops the
 * registration too, so the list never shows a site where nothing runs.
 */
export function watchCustomDomains(): void {
  chrome.permissions.onRemoved.addListener(({ origins = [] }) => {
    void customDomains().then((domains) =>
      Promise.all(domains.filter((d) => origins.includes(originFor(d))).map(removeDomain)),
    );
  });
}
