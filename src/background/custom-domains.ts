import { domainOfOrigin, originFor } from '../shared/call-sites.js';

/**
 * Call sites the user adds (a self-hosted Jitsi, say): the browser calls only; which domains
 * may be added is `shared/call-sites.ts`. Each is an optional host permission the user granted
 * plus a content script registered for that origin alone; the registrations are the list, so
 * there is nothing else to keep in step. The options page and the popup ask for the
 * permission (the request needs their click); the worker registers and injects as soon as it
 * is granted, whoever asked.
 */
const ID_PREFIX = 'deskbridge-domain:';

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
  const registered = async () =>
    (await chrome.scripting.getRegisteredContentScripts({ ids: [id] })).length > 0;
  if (await registered()) return chrome.scripting.updateContentScripts([script]);
  try {
    await chrome.scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
  } catch (error) {
    // The worker and the page that asked may both register the same grant: one wins.
    if (!(await registered())) throw error;
  }
}

/** Unregisters a domain's content script and gives its permission back. */
export async function removeDomain(domain: string): Promise<void> {
  const id = `${ID_PREFIX}${domain}`;
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [id] });
  await chrome.permissions.remove({ origins: [originFor(domain)] });
}

/** A granted domain gets the Share button at once: registered, and injected into its open tabs. */
async function enableDomain(domain: string): Promise<void> {
  await registerDomain(domain);
  const tabs = await chrome.tabs.query({ url: originFor(domain) });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : chrome.scripting
            .executeScript({ target: { tabId: tab.id }, files: ['content.js'] })
            .catch((error: unknown) => console.warn(`could not inject into ${domain}`, error)),
    ),
  );
}

/**
 * For the service worker: a grant (from the popup's "Show the Share button on this site", the
 * options page, or the browser's own site access menu) enables the domain; access taken back
 * drops the registration too, so the list never shows a site where nothing runs.
 */
export function watchCustomDomains(): void {
  chrome.permissions.onAdded.addListener(({ origins = [] }) => {
    for (const domain of origins.map(domainOfOrigin)) {
      if (domain) void enableDomain(domain).catch((error) => console.warn(error));
    }
  });
  chrome.permissions.onRemoved.addListener(({ origins = [] }) => {
    void customDomains().then((domains) =>
      Promise.all(domains.filter((d) => origins.includes(originFor(d))).map(removeDomain)),
    );
  });
}
