import type { ControlScope } from '../../shared/control.js';
import type { InputEvent } from '../../shared/input.js';
import { DesktopExecutor } from './desktop-executor.js';
import type { Executor } from './executor.js';
import { TabExecutor } from './tab-executor.js';

/**
 * The executor of the current grant, and its counts. In memory on purpose: the grant itself is
 * in the persisted session; a restarted worker re-attaches on the next event (see `ensure`).
 */
interface Attached {
  epoch: number;
  scope: ControlScope;
  executor: Executor;
}

let attached: Attached | null = null;
let counts = { injected: 0, dropped: 0 };
/** Input is injected strictly in arrival order, one event at a time. */
let injecting: Promise<unknown> = Promise.resolve();

export function controlCounts(): { injected: number; dropped: number } {
  return { ...counts };
}

export async function attachExecutor(
  scope: ControlScope,
  tabId: number | null,
  epoch: number,
  onLost: () => void,
): Promise<void> {
  await detachExecutor();
  if (scope === 'tab' && tabId === null) throw new Error('No controllable tab is being shared.');
  // The build constant keeps the debugger-based executor out of Firefox's bundle.
  const executor =
    scope === 'tab' && __BROWSER__ === 'chrome'
      ? new TabExecutor(tabId as number)
      : new DesktopExecutor(onLost);
  await executor.attach(epoch);
  attached = { epoch, scope, executor };
  counts = { injected: 0, dropped: 0 };
}

export async function detachExecutor(): Promise<void> {
  const current = attached;
  attached = null;
  await injecting;
  await current?.executor.detach();
}

export function countDropped(n = 1): void {
  counts.dropped += n;
}

/** Injects one approved event; the caller has already checked the grant and epoch. */
export function inject(epoch: number, event: InputEvent): Promise<void> {
  const run = injecting.then(async () => {
    if (attached?.epoch !== epoch) {
      counts.dropped += 1;
      return;
    }
    await attached.executor.inject(event);
    counts.injected += 1;
  });
  injecting = run.catch((error: unknown) => console.warn('input not injected', error));
  return run;
}

export function attachedEpoch(): number | null {
  return attached?.epoch ?? null;
}
