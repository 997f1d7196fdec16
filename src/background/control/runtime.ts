import type { ControlScope } from '../../shared/control.js';
import type { InputEvent } from '../../shared/input.js';
import { DesktopExecutor } from './desktop-executor.js';
import type { Executor } from './executor.js';
import { TabExecutor } from './tab-executor.js';

/**
 * The executor of the current grant, and its counts. In memory on purpose: the grant itself is
 * in the persisted session; a restarted worker re-attaches on the next event (see `inject`).
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
  await startExecutor(scope, tabId, epoch, onLost);
  counts = { injected: 0, dropped: 0 };
}

async function startExecutor(
  scope: ControlScope,
  tabId: number | null,
  epoch: number,
  onLost: () => void,
): Promise<void> {
  if (scope === 'tab' && tabId === null) throw new Error('No controllable tab is being shared.');
  // The build constant keeps the debugger-based executor out of Firefox's bundle.
  const executor =
    scope === 'tab' && __BROWSER__ === 'chrome'
      ? new TabExecutor(tabId as number)
      : new DesktopExecutor(onLost);
  await executor.attach(epoch);
  attached = { epoch, scope, executor };
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

/** The grant an event was approved under, as the persisted session states it. */
export interface Grant {
  scope: ControlScope;
  tabId: number | null;
  epoch: number;
  onLost: () => void;
  /** Asked again just before re-attaching: a revoke may have come in the meantime. */
  stillGranted: () => Promise<boolean>;
}

/**
 * Injects one approved event; the caller has already checked the grant and epoch. A worker that
 * Chrome stopped mid-grant wakes with no executor in memory: the first event re-attaches it.
 */
export function inject(grant: Grant, event: InputEvent): Promise<void> {
  const { epoch } = grant;
  const run = injecting.then(async () => {
    if (attached === null) await reattach(grant);
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

async function reattach({ scope, tabId, epoch, onLost, stillGranted }: Grant): Promise<void> {
  if (!(await stillGranted())) return;
  try {
    // Not attachExecutor: it waits for the injection queue, which this runs in.
    await startExecutor(scope, tabId, epoch, onLost);
  } catch (error) {
    console.warn('control could not resume after a worker restart', error);
    onLost();
  }
}
