import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppError, Result } from '../shared/errors.js';
import type { GuestDecision, SessionState } from '../shared/session.js';
import { activeTabId, askBackground, type PopupToBg } from './background-client.js';

export type ControlDecision = 'allow' | 'deny';

export interface Actions {
  share(): void;
  stop(): void;
  /** Resolves to the link the background made, or null when it made none. */
  newLink(): Promise<string | null>;
  decide(peerId: string, decision: GuestDecision): void;
  /** The answer to a control request. */
  decideControl(peerId: string, decision: ControlDecision): void;
  /** Never waits for anything else: taking back control must always get through. */
  takeBack(): void;
  /** A start, stop or new link is out; further clicks are ignored until it answers. */
  pending: boolean;
  /** Guests whose admit, deny or remove is out. */
  deciding: ReadonlySet<string>;
  /** Requesters whose Allow or Deny is out. */
  decidingControl: ReadonlySet<string>;
  /** Why the last request failed, until the session moves on. */
  error: AppError | null;
}

/** What the popup asks of the background. The new state arrives through `storage.session`. */
export function useActions(kind: SessionState['kind'] | undefined): Actions {
  const [pending, setPending] = useState(false);
  const [deciding, setDeciding] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<AppError | null>(null);
  const busy = useRef(false);
  const decidingNow = useRef(new Set<string>());
  const [decidingControl, setDecidingControl] = useState<ReadonlySet<string>>(new Set());
  const controlNow = useRef(new Set<string>());

  // An error about a request belongs to the state it was made in.
  useEffect(() => setError(null), [kind]);

  const run = async (message: () => Promise<PopupToBg>): Promise<Result<SessionState> | null> => {
    if (busy.current) return null;
    busy.current = true;
    setPending(true);
    setError(null);
    const reply = await askBackground(await message());
    busy.current = false;
    setPending(false);
    if (!reply.ok) setError(reply.error);
    return reply;
  };

  // Decisions do not wait for each other: admitting Ada must not swallow a click on Bob.
  const decide = async (peerId: string, decision: GuestDecision) => {
    if (decidingNow.current.has(peerId)) return;
    decidingNow.current.add(peerId);
    setDeciding(new Set(decidingNow.current));
    setError(null);
    const reply = await askBackground({ to: 'bg', type: 'guest/decide', peerId, decision });
    decidingNow.current.delete(peerId);
    setDeciding(new Set(decidingNow.current));
    if (!reply.ok) setError(reply.error);
  };

  // One answer per request: a double click must not also answer the next guest in line.
  const decideControl = async (peerId: string, decision: ControlDecision) => {
    if (controlNow.current.has(peerId)) return;
    controlNow.current.add(peerId);
    setDecidingControl(new Set(controlNow.current));
    setError(null);
    const reply = await askBackground({ to: 'bg', type: 'control/decide', peerId, decision });
    controlNow.current.delete(peerId);
    setDecidingControl(new Set(controlNow.current));
    if (!reply.ok) setError(reply.error);
  };

  const takeBack = async () => {
    setError(null);
    const reply = await askBackground({ to: 'bg', type: 'control/take-back' });
    if (!reply.ok) setError(reply.error);
  };

  return {
    pending,
    deciding,
    decidingControl,
    error,
    share: () =>
      void run(async () => ({ to: 'bg', type: 'share/start', tabId: await activeTabId() })),
    stop: () => void run(async () => ({ to: 'bg', type: 'share/stop' })),
    newLink: async () => {
      const reply = await run(async () => ({ to: 'bg', type: 'share/new-link' }));
      return reply?.ok && reply.value.kind === 'live' ? reply.value.link : null;
    },
    decide: (peerId, decision) => void decide(peerId, decision),
    decideControl: (peerId, decision) => void decideControl(peerId, decision),
    takeBack: () => void takeBack(),
  };
}
