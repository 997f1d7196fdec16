import type { Worker } from 'playwright-core';
import type { SessionState } from '../../../src/shared/session.js';
import type { Settings } from '../../../src/shared/settings.js';

/** Reads and writes the extension's state through its own service worker, as the UI does. */
export async function configure(worker: Worker, settings: Settings): Promise<void> {
  await worker.evaluate(
    (value) => chrome.storage.local.set({ 'deskbridge:settings': value }),
    settings,
  );
}

/** Changes some settings; a share started afterwards uses them. */
export async function updateSettings(worker: Worker, patch: Partial<Settings>): Promise<void> {
  await worker.evaluate(async (changes) => {
    const key = 'deskbridge:settings';
    const current = (await chrome.storage.local.get(key))[key] as object;
    await chrome.storage.local.set({ [key]: { ...current, ...changes } });
  }, patch);
}

export async function badge(worker: Worker): Promise<string> {
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

export async function sessionState(worker: Worker): Promise<SessionState> {
  return worker.evaluate(async () => {
    const stored = await chrome.storage.session.get('deskbridge:session');
    return (stored['deskbridge:session'] ?? { kind: 'idle' }) as SessionState;
  });
}

export async function offscreenDocuments(worker: Worker): Promise<number> {
  return worker.evaluate(
    async () =>
      (
        await chrome.runtime.getContexts({
          contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
        })
      ).length,
  );
}

/** Polls a condition with a deadline: browser tests wait for states, never for fixed times. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeout = 30_000, interval = 100, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  const shown = JSON.stringify(last)?.slice(0, 500);
  throw new Error(`timed out after ${timeout} ms waiting for ${what}; last value: ${shown}`);
}
