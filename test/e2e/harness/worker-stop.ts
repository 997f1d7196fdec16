import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { EXTENSION_ID } from './browsers.js';

const SCRIPT = `chrome-extension://${EXTENSION_ID}/background.js`;

interface VersionUpdate {
  versions: { versionId: string; scriptURL: string; runningStatus: string }[];
}

/** Resolves with the version id of our worker once CDP reports it in `status`. */
function versionIn(cdp: CDPSession, status: string): Promise<string> {
  return new Promise((resolve) => {
    const listener = ({ versions }: VersionUpdate) => {
      const version = versions.find((v) => v.scriptURL === SCRIPT && v.runningStatus === status);
      if (!version) return;
      cdp.off('ServiceWorker.workerVersionUpdated', listener);
      resolve(version.versionId);
    };
    cdp.on('ServiceWorker.workerVersionUpdated', listener);
  });
}

/**
 * Stops the extension's service worker as Chrome does when it is idle: CDP
 * `ServiceWorker.stopWorker` (from any page of this profile), then waits until CDP reports it
 * stopped. Playwright's Worker handle does not notice: use the extension's pages afterwards.
 */
export async function stopServiceWorker(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  try {
    const running = versionIn(cdp, 'running');
    await cdp.send('ServiceWorker.enable');
    const versionId = await running;
    const stopped = versionIn(cdp, 'stopped');
    await cdp.send('ServiceWorker.stopWorker', { versionId });
    await stopped;
  } finally {
    await cdp.detach();
  }
}
