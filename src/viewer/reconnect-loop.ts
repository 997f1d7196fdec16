import { nextAttemptDelay } from '../shared/reconnect.js';
import type { ViewerError, ViewerState } from './machine.js';

/** Failures of one attempt that a path coming back can cure; a refusal is final. */
const RETRYABLE = new Set<ViewerError>([
  'host-unreachable',
  'host-closed',
  'signalling-unreachable',
  'network-blocked',
]);

/** Each attempt's step gets this long: the path may still be down. */
export const ATTEMPT_TIMEOUT_MS = 5_000;

/**
 * The guest's side of a dropped connection (issue #6): join again with the rejoin token, with
 * backoff, for a bounded window; meanwhile every attempt's states read as "reconnecting".
 */
export class ReconnectLoop {
  #startedAt: number | null = null;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;

  get active(): boolean {
    return this.#startedAt !== null;
  }

  /** What the page shows for a session's new state; `attempt` joins once more. */
  filter(next: ViewerState, attempt: () => void): ViewerState {
    if (next.kind === 'reconnecting') {
      this.#startedAt ??= Date.now();
      return this.#schedule(attempt);
    }
    if (!this.active) return next;
    if (next.kind === 'connecting' || next.kind === 'checking' || next.kind === 'ready') {
      return { kind: 'reconnecting' };
    }
    if (next.kind === 'error' && RETRYABLE.has(next.reason)) return this.#schedule(attempt);
    this.stop();
    return next;
  }

  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#startedAt = null;
    this.#attempt = 0;
  }

  #schedule(attempt: () => void): ViewerState {
    const delay = nextAttemptDelay(this.#attempt, this.#startedAt ?? Date.now(), Date.now());
    if (delay === null) {
      this.stop();
      return { kind: 'ended', lost: true };
    }
    this.#attempt += 1;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      attempt();
    }, delay);
    return { kind: 'reconnecting' };
  }
}
