import type { SiteStatus, SiteStatusRequest } from '../../shared/site-status.js';

/**
 * Answers the popup's "what is this page?" (`popup→cs`, `site/status`) with what the adapter
 * read. Only this extension's own pages are answered, never a page or another tab's script.
 * A frame that shows no call keeps quiet when asked for frames that found one (Zoom's
 * meeting runs in a frame of the page).
 */
export function answerSiteStatus(status: () => SiteStatus, signal: AbortSignal): void {
  const listener = (
    message: unknown,
    sender: chrome.runtime.MessageSender,
    reply: (s: SiteStatus) => void,
  ) => {
    const request = message as Partial<SiteStatusRequest> | null;
    if (sender.id !== chrome.runtime.id || sender.tab || request?.to !== 'cs') return;
    if (request.type !== 'site/status') return;
    const now = status();
    if (request.found && now.placement === 'none') return;
    reply(now);
  };
  chrome.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => chrome.runtime.onMessage.removeListener(listener));
}
