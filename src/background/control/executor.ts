import type { InputEvent } from '../../shared/input.js';

/**
 * Turns approved input into real, trusted input: the tab executor through the debugger, the
 * desktop executor through the native helper. One at a time, attached for one grant.
 */
export interface Executor {
  /** Starts a grant; throws with a sentence the sharer can act on when it cannot. */
  attach(epoch: number): Promise<void>;
  inject(event: InputEvent): Promise<void>;
  /** Releases every key and button still held, then lets go of the target. */
  detach(): Promise<void>;
}

/** Keys and buttons currently held down, so a revoke can release exactly those. */
export class HeldInputs {
  readonly keys = new Map<string, InputEvent & { kind: 'key' }>();
  readonly buttons = new Set<string>();
  private at = { nx: 0.5, ny: 0.5 };

  track(event: InputEvent): boolean {
    if (event.kind === 'pointer' || event.kind === 'wheel')
      this.at = { nx: event.nx, ny: event.ny };
    if (event.kind === 'key') {
      if (event.action === 'down') this.keys.set(event.code || event.key, event);
      else if (!this.keys.delete(event.code || event.key)) return false;
    }
    if (event.kind === 'pointer' && event.button !== 'none') {
      if (event.action === 'down') this.buttons.add(event.button);
      else if (event.action === 'up' && !this.buttons.delete(event.button)) return false;
    }
    return true;
  }

  /** The `up` events that release everything held, and forgets them. */
  releases(): InputEvent[] {
    const keys = [...this.keys.values()].map((key) => ({ ...key, action: 'up' as const }));
    const buttons = [...this.buttons].map(
      (button) => ({ kind: 'pointer', action: 'up', ...this.at, button, clicks: 1 }) as InputEvent,
    );
    this.keys.clear();
    this.buttons.clear();
    return [...keys, ...buttons];
  }
}
