import { mayInject } from '../../shared/control.js';
import type { HostToBg } from '../../shared/protocol.js';
import { currentSession, dispatchControl } from '../coordinator.js';
import { countDropped, inject } from './runtime.js';

type InputMessage = Extract<HostToBg, { type: 'host/input' }>;

/** Second check, at the executor's door: the grant as the coordinator knows it. */
export async function onInput({ sessionId, peerId, epoch, event }: InputMessage): Promise<void> {
  const state = await currentSession();
  const granted =
    state.kind === 'live' &&
    state.sessionId === sessionId &&
    mayInject(state.control, peerId, epoch);
  if (!granted || !state.control.holder) {
    countDropped();
    return;
  }
  const { scope } = state.control.holder;
  const onLost = () => void dispatchControl({ type: 'executor-lost' });
  const stillGranted = async () => {
    const now = await currentSession();
    return now.kind === 'live' && mayInject(now.control, peerId, epoch);
  };
  await inject({ scope, tabId: state.capturedTabId, epoch, onLost, stillGranted }, event);
}
