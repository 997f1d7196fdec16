import type { InferOutput } from 'valibot';
import type { Result } from '../shared/errors.js';
import type { PopupShareSchema, UiToBg } from '../shared/protocol.js';
import type { SessionState } from '../shared/session.js';

/** What the popup may say to the background (`ui→bg`); only the popup names a tab. */
export type PopupToBg = UiToBg | InferOutput<typeof PopupShareSchema>;

// Stopping waits up to 2 s for the media host behind any queued event: allow that, then say so.
const REPLY_TIMEOUT_MS = 10_000;

function notResponding(detail: string): Result<never> {
  return {
    ok: false,
    error: {
      code: 'host-failed',
      message: `Deskbridge is not responding (${detail}). Close and reopen this window.`,
    },
  };
}

function isResult(reply: unknown): reply is Result<SessionState> {
  return (
    typeof reply === 'object' &&
    reply !== null &&
    typeof (reply as { ok?: unknown }).ok === 'boolean'
  );
}

/** Asks the background; every failure, including silence, comes back as an error to show. */
export async function askBackground(message: PopupToBg): Promise<Result<SessionState>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Result<never>>((resolve) => {
    timer = setTimeout(() => resolve(notResponding('no reply')), REPLY_TIMEOUT_MS);
  });
  try {
    const reply = chrome.runtime
      .sendMessage(message)
      .then((value: unknown) => (isResult(value) ? value : notResponding('no reply')));
    return await Promise.race([reply, timeout]);
  } catch (error) {
    return notResponding(error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

/** The tab the popup was opened over: the share is tied to it and ends when it closes. */
export async function activeTabId(): Promise<number | undefined> {
  try {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    // TAB_ID_NONE (-1) would fail the background's schema: share without a tab instead.
    return tab?.id !== undefined && tab.id >= 0 ? tab.id : undefined;
  } catch {
    return undefined;
  }
}
