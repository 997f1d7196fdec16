import { useEffect, useState } from 'preact/hooks';
import { locale, t } from '../extension-i18n.js';
import { canAddSite, originFor, siteFor } from '../shared/call-sites.js';
import type { MessageKey } from '../shared/i18n.js';
import {
  parseSiteStatus,
  type SiteRole,
  type SiteStatus,
  type SiteStatusRequest,
} from '../shared/site-status.js';

/** What the popup knows about the page it was opened over. */
type View =
  | { kind: 'quiet' }
  | { kind: 'read'; status: SiteStatus }
  | { kind: 'reload'; site: SiteStatus['site'] }
  | { kind: 'addable'; tabId: number; domain: string }
  | { kind: 'adding'; domain: string }
  | { kind: 'refused'; domain: string };

const SITE_NAMES: Record<SiteStatus['site'], MessageKey> = {
  meet: 'siteMeet',
  jitsi: 'siteJitsi',
  teams: 'siteTeams',
  zoom: 'siteZoom',
  whereby: 'siteWhereby',
  demo: 'siteDemo',
  generic: 'siteGeneric',
};
const ROLE_NAMES: Record<SiteRole, MessageKey> = {
  call: 'siteMissingCall',
  leave: 'siteMissingLeave',
  toolbar: 'siteMissingToolbar',
};

/** Asks the tab's content script; Zoom's meeting answers from a frame of the page. */
async function askTab(tabId: number): Promise<SiteStatus | null> {
  const ask = (request: SiteStatusRequest, frame?: { frameId: number }) =>
    chrome.tabs.sendMessage(tabId, request, frame).then(parseSiteStatus, () => null);
  const top = await ask({ to: 'cs', type: 'site/status' }, { frameId: 0 });
  if (top?.placement !== 'none') return top;
  return (await ask({ to: 'cs', type: 'site/status', found: true })) ?? top;
}

async function look(): Promise<View> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true }).catch(() => []);
  if (tab?.id === undefined || tab.id < 0) return { kind: 'quiet' };
  const status = await askTab(tab.id);
  if (status) return { kind: 'read', status };
  // The page's address is known here only because opening the popup granted `activeTab`.
  const hostname = tab.url ? new URL(tab.url).hostname : '';
  const site = siteFor(hostname);
  if (site) return { kind: 'reload', site: site.name };
  const domain = canAddSite(tab.url);
  return domain ? { kind: 'addable', tabId: tab.id, domain } : { kind: 'quiet' };
}

/** The worker injects once the grant lands (background/custom-domains.ts): wait for the page. */
async function injected(tabId: number): Promise<SiteStatus | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const status = await askTab(tabId);
    if (status) return status;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return null;
}

function statusWords(status: SiteStatus): string {
  const site = t(SITE_NAMES[status.site]);
  if (status.placement === 'toolbar') return t('siteInToolbar', site);
  if (status.fallback) return t('siteFallback');
  if (status.placement === 'floating') return t('siteFloats');
  if (status.lobby) return t('siteLobby', site);
  const missing = status.missing.map((role) => t(ROLE_NAMES[role]));
  return t(
    'siteNothingFound',
    site,
    new Intl.ListFormat(locale, { type: 'disjunction' }).format(missing),
  );
}

/**
 * Says what Deskbridge made of this page (issue #13): which site, where the Share button is,
 * what was not found; on a site it does not know, one click adds it — the browser asks for
 * that one origin, and the button shows at once.
 */
export function SiteStatusLine() {
  const [view, setView] = useState<View>({ kind: 'quiet' });
  useEffect(() => void look().then(setView), []);

  const add = (tabId: number, domain: string) => {
    // First thing in the click handler: the browser asks only during a user gesture.
    const asked = chrome.permissions.request({ origins: [originFor(domain)] });
    setView({ kind: 'adding', domain });
    void asked.then(
      async (granted) => {
        if (!granted) return setView({ kind: 'refused', domain });
        const status = await injected(tabId);
        setView(status ? { kind: 'read', status } : { kind: 'refused', domain });
      },
      () => setView({ kind: 'refused', domain }),
    );
  };

  switch (view.kind) {
    case 'quiet':
      return null;
    case 'read':
      return <p class="hint site-status">{statusWords(view.status)}</p>;
    case 'reload':
      return <p class="hint site-status">{t('siteReload', t(SITE_NAMES[view.site]))}</p>;
    case 'adding':
      return <p class="hint site-status">{t('siteAdding', view.domain)}</p>;
    case 'refused':
      return <p class="hint site-status">{t('domainNotGranted', view.domain)}</p>;
    case 'addable':
      return (
        <div class="site-status">
          <p class="hint">{t('siteUnknown', view.domain)}</p>
          <button type="button" class="quiet" onClick={() => add(view.tabId, view.domain)}>
            {t('showShareButton')}
          </button>
        </div>
      );
  }
}
