import { retryDelayMs } from './reregister.js';

/**
 * A guest whose host fell silent (issue #6). The guest cannot tell a crashed host from its own
 * network dropping by the silence alone, so a second, throwaway signalling peer asks the server
 * in the meantime: did the host's PeerJS answer an offer, did the server answer at all?
 */
export type HostProbe =
  /** The host's peer answered an offer through the server: alive, only our path is broken. */
  | 'alive'
  /** The server says the host's peer is gone (`peer-unavailable`). */
  | 'gone'
  /** The server answered us but the host did not: a host whose browser died. */
  | 'silent'
  /** Not even the server answered: our own network is down, so nothing is known of the host. */
  | 'unreachable';

/** Reconnect (with the rejoin token) or say the share has ended. */
export function afterSilence(probe: HostProbe): 'reconnect' | 'end' {
  return probe === 'alive' || probe === 'unreachable' ? 'reconnect' : 'end';
}

/** How long a dropped guest keeps trying before it says the share has ended. */
export const RECONNECT_WINDOW_MS = 30_000;

/** The next attempt after `attempt` failed ones, or null once the window is spent. */
export function nextAttemptDelay(
  attempt: number,
  startedAt: number,
  now: number,
  windowMs = RECONNECT_WINDOW_MS,
): number | null {
  const delay = retryDelayMs(attempt);
  return now + delay - startedAt > windowMs ? null : delay;
}

/** The probe's data connection: the host answers its offer (PeerJS does) and closes it unheard. */
export const PROBE_LABEL = 'deskbridge-probe';
/** How long the host keeps a probe open: long enough for its answer to leave. */
export const PROBE_HOLD_MS = 3_000;
