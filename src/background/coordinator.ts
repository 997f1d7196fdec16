import type { ControlEvent } from '../shared/control.js';
import { appError, assertNever } from '../shared/errors.js';
import type { BgToHost } from '../shared/protocol.js';
import {
  type SessionEffect,
  type SessionEvent,
  type SessionState,
  transition,
} from '../shared/session.js';
import { showBadge } from './badge.js';
import { controlOffer } from './control/offer.js';
import { attachExecutor, controlCounts, detachExecutor } from './control/runtime.js';
import { closeHost, hostExists, openHost, sendToHost } from './host-lifecycle.js';
import { loadSession, saveSession } from './session-store.js';
import { loadSettings } from './settings-store.js';
import { renewal } from './share-route.js';

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
  latest = state;
  await saveSession(state);
  await showBadge(state).catch(() => {});
  for (const effect of effects) await perform(effect);
  return state;
}

export function dispatch(event: SessionEvent): Promise<SessionState> {
  return serial(() => step(event));
}

/** A control event, stamped with the time and the current grant's counts for the audit log. */
export function dispatchControl(event: ControlEvent): Promise<SessionState> {
  return dispatch({ type: 'control', event, now: Date.now(), counts: controlCounts() });
}

/** The session as of the last transition: input checks read it without touching storage. */
let latest: SessionState | null = null;

export async function currentSession(): Promise<SessionState> {
  latest ??= await loadSession();
  return latest;
}

/** Effects that only tell the media host something: one message each (`toHost`). */
type HostEffect = Extract<
  SessionEffect,
  {
    type:
      | 'stop-host'
      | 'decide-guest'
      | 'rekey-host'
      | 'control-notify'
      | 'control-sync'
      | 'pointers-host';
  }
>;

function toHost(effect: HostEffect): BgToHost {
  const to = 'host';
  switch (effect.type) {
    case 'stop-host':
      return { to, type: 'host/stop', sessionId: effect.sessionId };
    case 'decide-guest': {
      const { sessionId, peerId, decision } = effect;
      return { to, type: 'host/decide', sessionId, peerId, decision };
    }
    case 'rekey-host': {
      const { sessionId, key, peerId, relay } = effect;
      return { to, type: 'host/rekey', sessionId, key, peerId, relay };
    }
    case 'control-notify': {
      const { sessionId, peerId, notice } = effect;
      return { to, type: 'host/control-notice', sessionId, peerId, notice };
    }
    case 'control-sync': {
      const { sessionId, epoch, holder } = effect;
      return { to, type: 'host/control-sync', sessionId, epoch, holder };
    }
    case 'pointers-host':
      return { to, type: 'host/pointers', sessionId: effect.sessionId, on: effect.on };
    default:
      return assertNever(effect);
  }
}

async function perform(effect: SessionEffect): Promise<void> {
  switch (effect.type) {
    case 'start-host':
      // Not awaited: a failure becomes an event, queued behind this one.
      void startHost(effect);
      return;
    case 'stop-host':
    case 'decide-guest':
    case 'rekey-host':
    case 'control-notify':
    case 'control-sync':
    case 'pointers-host':
      // A host that does not answer in time must not hold the queue (and so the session) up.
      await withTimeout(sendToHost(toHost(effect)));
      return;
    case 'renew-link':
      // Queued behind this event, never awaited here: the queue would wait for itself.
      if (latest?.kind === 'live') void renewLinkOf(latest.link);
      return;
    case 'check-control-offer':
      // Not awaited: probing the helper takes a moment; the answer is an event of its own.
      void controlOffer(effect.surface, effect.capturedTabId).then((offer) =>
        dispatch({ type: 'control-offer', sessionId: effect.sessionId, offer }),
      );
      return;
    case 'control-attach':
      try {
        await attachExecutor(effect.scope, effect.tabId, effect.epoch, () => {
          void dispatchControl({ type: 'executor-lost' });
        });
      } catch (error) {
        console.warn('control could not start', error);
        void dispatchControl({ type: 'executor-lost' });
      }
      return;
    case 'control-detach':
      await detachExecutor();
      return;
    case 'close-host':
      await closeHost().catch((error: unknown) => console.warn('closing the host failed', error));
      return;
    case 'warn':
      console.warn(`session: ${effect.message}`);
      return;
    default:
      assertNever(effect);
  }
}

/** A new link, made after a removal with admit-everyone on (session.ts `renew-link`). */
async function renewLinkOf(link: string): Promise<void> {
  const renewed = await renewal(link, await loadSettings());
  if (renewed.ok) await dispatch({ type: 'new-link', ...renewed.renewal });
  else console.warn('Deskbridge: no new link after the removal', renewed.error.message);
}

async function startHost(effect: Extract<SessionEffect, { type: 'start-host' }>): Promise<void> {
  const { sessionId, peerId, key, settings, relay } = effect;
  try {
    await openHost();
    const reply = (await sendToHost({
      to: 'host',
      type: 'host/start',
      sessionId,
      peerId,
      key,
      settings,
      relay,
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
