import type { AppError } from '../shared/errors.js';
import type { BgToCs, HostToBg } from '../shared/protocol.js';
import type { SessionState } from '../shared/session.js';
import { capturedTab } from './capture-handles.js';
import { onInput } from './control/input.js';
import { currentSession, dispatch, dispatchControl } from './coordinator.js';

/** Events from the media host, already checked against the host schema by the router. */
export async function onHostMessage(message: HostToBg): Promise<SessionState | null> {
  const { sessionId } = message;
  switch (message.type) {
    case 'host/ready':
      return dispatch({
        type: 'host-ready',
        sessionId,
        surface: message.surface,
        capturedTabId: await capturedTab(message.captureHandle),
        now: Date.now(),
      });
    case 'host/failed':
      return dispatch({ type: 'host-failed', sessionId, error: message.error as AppError });
    case 'host/ended':
      return dispatch({ type: 'host-ended', sessionId });
    case 'host/guests':
      return dispatch({
        type: 'guests',
        sessionId,
        guests: message.guests,
        rejectedAttempts: message.rejectedAttempts,
        now: Date.now(),
      });
    case 'host/control': {
      const state = await currentSession();
      if (state.kind !== 'live' || state.sessionId !== sessionId) return null;
      const { peerId } = message;
      if (message.request === 'release') return dispatchControl({ type: 'release', peerId });
      const name = state.guests.find((guest) => guest.peerId === peerId)?.name ?? 'A guest';
      return dispatchControl({ type: 'request', peerId, name, now: Date.now() });
    }
    case 'host/input':
      await onInput(message);
      return null;
    case 'host/input-stats':
      return null;
    case 'host/pointer': {
      // Drawn on the shared tab itself, so the sharer sees it and guests see it in the picture.
      const state = await currentSession();
      if (state.kind !== 'live' || state.capturedTabId === null) return null;
      const { id, name, nx, ny } = message;
      const pointer: BgToCs = { to: 'cs', type: 'pointer', id, name, nx, ny };
      await chrome.tabs.sendMessage(state.capturedTabId, pointer).catch(() => {});
      return null;
    }
  }
}
