import { useEffect, useState } from 'preact/hooks';
import { NO_CONTROL } from '../shared/control.js';
import type { AppError } from '../shared/errors.js';
import { SESSION_STORAGE_KEY } from '../shared/protocol.js';
import { IDLE, type SessionState } from '../shared/session.js';
import { askBackground } from './background-client.js';

export type SessionView =
  | { kind: 'loading' }
  | { kind: 'ready'; state: SessionState }
  | { kind: 'unreachable'; error: AppError };

const KINDS: ReadonlySet<unknown> = new Set(['idle', 'starting', 'live']);

// Written only by our own background, but a cleared store yields `undefined`: treat it as idle.
function asSession(value: unknown): SessionState {
  const kind = typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind;
  if (!KINDS.has(kind)) return IDLE;
  const state = value as SessionState;
  if (state.kind !== 'live') return state;
  // A live state stored by an older background lacks control: show it as "no control yet".
  return {
    ...state,
    control: state.control ?? NO_CONTROL,
    controlOffer: state.controlOffer ?? { kind: 'checking' },
    audit: Array.isArray(state.audit) ? state.audit : [],
    capturedTabId: state.capturedTabId ?? null,
  };
}

/** The coordinator's session: asked for once, then followed through `storage.session`. */
export function useSession(): SessionView {
  const [view, setView] = useState<SessionView>({ kind: 'loading' });
  useEffect(() => {
    let changed = false;
    let closed = false;
    const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
      const change = changes[SESSION_STORAGE_KEY];
      if (area !== 'session' || !change) return;
      changed = true;
      setView({ kind: 'ready', state: asSession(change.newValue) });
    };
    chrome.storage.onChanged.addListener(onChanged);
    void askBackground({ to: 'bg', type: 'state/get' }).then((reply) => {
      // A change heard while the question was out is newer than the answer.
      if (closed || changed) return;
      setView(
        reply.ok
          ? { kind: 'ready', state: asSession(reply.value) }
          : { kind: 'unreachable', error: reply.error },
      );
    });
    return () => {
      closed = true;
      chrome.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return view;
}
