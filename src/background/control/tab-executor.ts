import { type InputEvent, MODIFIER } from '../../shared/input.js';
import { cdpKeyEvent } from '../../shared/keys.js';
import { toViewport } from '../../shared/mapping.js';
import { type Executor, HeldInputs } from './executor.js';

const PROTOCOL_VERSION = '1.3';
/** Moves may reuse a viewport size this fresh; presses and wheel always measure. */
const MOVE_SIZE_MAX_AGE_MS = 250;

const BUTTON_BITS: Record<string, number> = { left: 1, right: 2, middle: 4 };
const MODIFIER_OF_CODE: Record<string, number> = {
  Alt: MODIFIER.alt,
  Control: MODIFIER.ctrl,
  Meta: MODIFIER.meta,
  Shift: MODIFIER.shift,
};

/**
 * Tab control through `chrome.debugger` and CDP `Input.*`: trusted events in the shared tab.
 * Coordinates are mapped against the viewport as it is at each event: attaching shows an infobar
 * that shrinks the viewport, and a cached size sent clicks tens of pixels off (DESIGN §7).
 */
export class TabExecutor implements Executor {
  private readonly held = new HeldInputs();
  private size: { width: number; height: number; at: number } | null = null;

  constructor(private readonly tabId: number) {}

  private get target(): chrome.debugger.Debuggee {
    return { tabId: this.tabId };
  }

  private send(method: string, params?: object): Promise<unknown> {
    return chrome.debugger.sendCommand(this.target, method, params);
  }

  async attach(): Promise<void> {
    try {
      await chrome.debugger.attach(this.target, PROTOCOL_VERSION);
    } catch (error) {
      // Already attached by us (a worker restart mid-grant) is fine; anything else is not.
      if (!String(error).includes('Another debugger is already attached')) throw error;
    }
  }

  async inject(event: InputEvent): Promise<void> {
    if (this.held.track(event)) await this.dispatch(event);
  }

  async detach(): Promise<void> {
    for (const release of this.held.releases()) await this.dispatch(release).catch(() => {});
    await chrome.debugger.detach(this.target).catch(() => {});
  }

  private async dispatch(event: InputEvent): Promise<void> {
    switch (event.kind) {
      case 'pointer': {
        const { x, y } = await this.point(
          event.nx,
          event.ny,
          event.aspect,
          event.action === 'move',
        );
        const type =
          event.action === 'move'
            ? 'mouseMoved'
            : event.action === 'down'
              ? 'mousePressed'
              : 'mouseReleased';
        const buttons = [...this.held.buttons].reduce((bits, b) => bits | (BUTTON_BITS[b] ?? 0), 0);
        await this.send('Input.dispatchMouseEvent', {
          type,
          x,
          y,
          button: event.button,
          buttons,
          clickCount: event.action === 'move' ? 0 : Math.max(1, event.clicks),
          modifiers: this.modifiers(),
        });
        return;
      }
      case 'wheel': {
        const { x, y } = await this.point(event.nx, event.ny, event.aspect, false);
        await this.send('Input.dispatchMouseEvent', {
          type: 'mouseWheel',
          x,
          y,
          deltaX: event.dx,
          deltaY: event.dy,
          modifiers: this.modifiers(),
        });
        return;
      }
      case 'key':
        await this.send('Input.dispatchKeyEvent', cdpKeyEvent(event));
        return;
      case 'text':
        await this.send('Input.insertText', { text: event.text });
        return;
    }
  }

  /** Modifier keys the guest holds right now, in CDP's bits (for clicks like Shift+click). */
  private modifiers(): number {
    let bits = 0;
    for (const code of this.held.keys.keys())
      bits |= MODIFIER_OF_CODE[code.replace(/(Left|Right)$/, '')] ?? 0;
    return bits;
  }

  private async point(
    nx: number,
    ny: number,
    aspect: number | undefined,
    mayReuse: boolean,
  ): Promise<{ x: number; y: number }> {
    const fresh = this.size && mayReuse && Date.now() - this.size.at < MOVE_SIZE_MAX_AGE_MS;
    if (!fresh) {
      const result = (await this.send('Runtime.evaluate', {
        expression: '[innerWidth, innerHeight]',
        returnByValue: true,
      })) as { result: { value: [number, number] } };
      const [width, height] = result.result.value;
      this.size = { width, height, at: Date.now() };
    }
    const { width, height } = this.size as { width: number; height: number };
    return toViewport(nx, ny, width, height, aspect);
  }
}
