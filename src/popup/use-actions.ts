import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppError } from '../shared/errors.js';
import type { SessionState } from '../shared/session.js';
import { activeTabId, askBackground, type PopupToBg } from './background-client.js';

export interface Actions {
  share(): void;
  stop(): void;
  /** A request is out; further clicks are ignored until it answers. */
  pending: boolean;
  /** Why the last request failed, until the session moves on. */
  error: AppError | null;
}

/** Start and stop. The new state arrives through `storage.session`, not from the reply. */
export function useActions(kind: SessionState['kind'] | undefined): Actions {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const busy = useRef(false);

  // An error about a request belongs to the state it was made in.
  useEffect(() => setError(null), [kind]);

  const run = async (message: () => Promise<PopupToBg>) => {
    if (busy.current) return;
    busy.current = true;
    setPending(true);
    setError(null);
    const reply = await askBackground(await message());
    busy.current = false;
    setPending(false);
    if (!reply.ok) setError(reply.error);
  };

  return {
    pending,
    error,
    share: () =>
      void run(async () => ({ to: 'bg', type: 'share/start', tabId: await activeTabId() })),
    stop: () => void run(async () => ({ to: 'bg', type: 'share/stop' })),
  };
}
