import { appError } from '../shared/errors.js';
import {
  type SessionEffect,
  type SessionEvent,
  type SessionState,
  transition,
} from '../shared/session.js';
import { showBadge } from './badge.js';
import { closeHost, hostExists, openHost, sendToHost } from './host-lifecycle.js';
import { loadSession, saveSession } from './session-store.js';

const HOST_STOP_TIMEOUT_MS = 2_000;

/**
 * Every event goes through one queue: load → transition → persist → badge → effects. The state
 * is reloaded each time, so a worker that was stopped and woken acts on the truth.
 */
let queue: Promise<unknown> = Promise.resolve();

function serial<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task);
  queue = run.catch((error: unknown) => console.error('session task failed', error));
  return run;
}

async function step(event: SessionEvent): Promise<SessionState> {
  const { state, effects } = transition(await loadSession(), event);
  await saveSession(state);
  await showBadge(state).catch(() => {});
  for (const effect of effects) await perform(effect);
  return state;
}

export function dispatch(event: SessionEvent): Promise<SessionState> {
  return serial(() => step(event));
}

async function perform(effect: SessionEffect): Promise<void> {
  switch (effect.type) {
    case 'start-host':
      // Not awaited: a failure becomes an event, queued behind this one.
      void startHost(effect);
      return;
    case 'stop-host':
      await withTimeout(sendToHost({ to: 'host', type: 'host/stop', sessionId: effect.sessionId }));
      return;
    case 'decide-guest': {
      const { sessionId, peerId, decision } = effect;
      await withTimeout(
        sendToHost({ to: 'host', type: 'host/decide', sessionId, peerId, decision }),
      );
      return;
    }
    case 'rekey-host':
      await withTimeout(
        sendToHost({
          to: 'host',
          type: 'host/rekey',
          sessionId: effect.sessionId,
          key: effect.key,
        }),
      );
      return;
    case 'close-host':
      await closeHost().catch((error: unknown) => console.warn('closing the host failed', error));
      return;
    case 'warn':
      console.warn(`session: ${effect.message}`);
      return;
  }
}

async function startHost(effect: Extract<SessionEffect, { type: 'start-host' }>): Promise<void> {
  const { sessionId, peerId, key, settings } = effect;
  try {
    await openHost();
    const reply = (await sendToHost({
      to: 'host',
      type: 'host/start',
      sessionId,
      peerId,
      key,
      settings,
    })) as { ok: boolean } | undefined;
    if (!reply?.ok) throw new Error('the media host is busy with another session');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await dispatch({ type: 'host-failed', sessionId, error: appError('host-unavailable', detail) });
  }
}

function withTimeout(promise: Promise<unknown>): Promise<unknown> {
  return Promise.race([
    promise.catch(() => {}),
    new Promise((resolve) => setTimeout(resolve, HOST_STOP_TIMEOUT_MS)),
  ]);
}

/** On every wake: a session whose media host is gone has ended; a host with no session leaks. */
export function reconcile(): Promise<unknown> {
  return serial(async () => {
    const [state, exists] = await Promise.all([loadSession(), hostExists()]);
    if (state.kind !== 'idle' && !exists) return step({ type: 'host-lost' });
    if (state.kind === 'idle' && exists) return closeHost();
    return showBadge(state);
  });
}
