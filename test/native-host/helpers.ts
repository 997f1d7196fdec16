import { readFileSync } from 'node:fs';
import type { XAction } from '../../native-host/src/actions.js';
import type { KeyboardMapping } from '../../native-host/src/keymap.js';
import {
  charForKeysym,
  implicitShifted,
  isCased,
  type ModifierKind,
  modifierKind,
  XK,
} from '../../native-host/src/keysyms.js';

/** The real keymap of this machine's Xvfb (US layout), captured once into a fixture. */
export function xvfbMapping(): KeyboardMapping {
  const text = readFileSync(new URL('./fixtures/xvfb-us-keymap.txt', import.meta.url), 'utf8');
  const rows: number[][] = [];
  let minKeycode = 0;
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [keycode, ...keysyms] = line.split(' ');
    if (rows.length === 0) minKeycode = Number(keycode);
    rows.push(keysyms.map((hex) => Number.parseInt(hex, 16)));
  }
  return { minKeycode, rows };
}

/** A copy of a mapping with some keycodes' rows replaced (a German-like AltGr layer…). */
export function withRows(
  mapping: KeyboardMapping,
  rows: Record<number, number[]>,
): KeyboardMapping {
  const copy = mapping.rows.map((row) => [...row]);
  for (const [keycode, keysyms] of Object.entries(rows)) {
    const row = Array.from({ length: copy[0]?.length ?? 7 }, (_, i) => keysyms[i] ?? 0);
    copy[Number(keycode) - mapping.minKeycode] = row;
  }
  return { minKeycode: mapping.minKeycode, rows: copy };
}

export interface Typed {
  keysym: number;
  char: string | undefined;
  /** Control, alt and meta held at the time (a shortcut when not empty). */
  mods: ModifierKind[];
}

/**
 * A small model of what a client reading the X server would see from a list of actions: the
 * keymap (changed by remaps), the keys down, Shift/AltGr levels and Caps Lock. Enough to check
 * that the planners type what they mean.
 */
export class XModel {
  readonly rows: number[][];
  readonly down = new Set<number>();
  readonly buttonsDown = new Set<number>();
  lock: boolean;
  pointer = { x: 0, y: 0 };
  readonly typed: Typed[] = [];
  readonly clicks: number[] = [];

  constructor(
    readonly mapping: KeyboardMapping,
    options: { lock?: boolean } = {},
  ) {
    this.rows = mapping.rows.map((row) => [...row]);
    this.lock = options.lock ?? false;
  }

  /** The text typed without Ctrl/Alt/Meta held. */
  get text(): string {
    return this.typed
      .filter((typed) => typed.mods.length === 0)
      .map((typed) => typed.char ?? '')
      .join('');
  }

  private row(keycode: number): number[] {
    return this.rows[keycode - this.mapping.minKeycode] ?? [];
  }

  private heldKinds(): Set<ModifierKind> {
    const kinds = new Set<ModifierKind>();
    for (const keycode of this.down) {
      const kind = modifierKind(this.row(keycode)[0] ?? 0);
      if (kind) kinds.add(kind);
    }
    return kinds;
  }

  apply(actions: readonly XAction[]): this {
    for (const action of actions) {
      switch (action.op) {
        case 'motion':
          this.pointer = { x: action.x, y: action.y };
          break;
        case 'button':
          if (action.down) {
            if (this.buttonsDown.has(action.button))
              throw new Error(`button ${action.button} pressed twice`);
            this.buttonsDown.add(action.button);
            this.clicks.push(action.button);
          } else this.buttonsDown.delete(action.button);
          break;
        case 'remap': {
          const row = this.row(action.keycode);
          row.fill(0);
          row[0] = action.keysym;
          row[1] = action.keysym;
          break;
        }
        case 'settle':
          break;
        case 'key':
          if (!action.down) {
            if (!this.down.delete(action.keycode))
              throw new Error(`key ${action.keycode} released while up`);
            break;
          }
          this.down.add(action.keycode);
          this.press(action.keycode);
          break;
      }
    }
    return this;
  }

  private press(keycode: number): void {
    const row = this.row(keycode);
    const base = row[0] ?? 0;
    if (base === XK.Caps_Lock) {
      this.lock = !this.lock;
      return;
    }
    if (modifierKind(base)) return;
    const kinds = this.heldKinds();
    const shift = kinds.has('shift');
    const level = (kinds.has('level3') ? 2 : 0) + (shift ? 1 : 0);
    const column = [0, 1, 4, 5][level] as number;
    let keysym = row[column] ?? 0;
    if (!keysym && level === 1) keysym = implicitShifted(base) || base;
    if (!keysym) keysym = base;
    let char = charForKeysym(keysym);
    if (char && this.lock && isCased(char)) char = shift ? char.toLowerCase() : char.toUpperCase();
    const mods = (['control', 'alt', 'meta'] as const).filter((kind) => kinds.has(kind));
    this.typed.push({
      keysym,
      char,
      mods: mods.length > 0 && shift ? [...mods, 'shift'] : [...mods],
    });
  }
}
