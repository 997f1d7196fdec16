import { implicitShifted, NO_SYMBOL } from './keysyms.js';

/**
 * The X server's core keyboard mapping (GetKeyboardMapping) as an index from keysym to the key
 * and shift level that produce it. Pure: the rows come in, positions come out.
 *
 * Core columns, as the XKB server fills them: 0 group 1 level 1, 1 group 1 level 2 (Shift),
 * 2–3 group 2, 4 group 1 level 3 (AltGr), 5 group 1 level 4 (AltGr+Shift).
 */
export interface KeyboardMapping {
  minKeycode: number;
  /** rows[i] lists the keysyms of keycode minKeycode + i. */
  rows: number[][];
}

/** 0 plain, 1 Shift, 2 AltGr (level 3), 3 AltGr+Shift. */
export type Level = 0 | 1 | 2 | 3;

export interface KeyPosition {
  keycode: number;
  level: Level;
}

const COLUMN_OF_LEVEL: Record<Level, number> = { 0: 0, 1: 1, 2: 4, 3: 5 };
const LEVELS: Level[] = [0, 1, 2, 3];

export class Keymap {
  private readonly positions = new Map<number, KeyPosition[]>();
  private readonly level0 = new Map<number, number>();
  readonly minKeycode: number;
  readonly maxKeycode: number;

  /** `exclude`: keycodes this host remaps for itself, which must not count as layout keys. */
  constructor(
    readonly mapping: KeyboardMapping,
    exclude: ReadonlySet<number> = new Set(),
  ) {
    this.minKeycode = mapping.minKeycode;
    this.maxKeycode = mapping.minKeycode + mapping.rows.length - 1;
    mapping.rows.forEach((row, index) => {
      const keycode = mapping.minKeycode + index;
      if (exclude.has(keycode)) return;
      for (const level of LEVELS) {
        let keysym = row[COLUMN_OF_LEVEL[level]] ?? NO_SYMBOL;
        if (level === 1 && keysym === NO_SYMBOL) keysym = implicitShifted(row[0] ?? NO_SYMBOL);
        if (keysym === NO_SYMBOL) continue;
        const list = this.positions.get(keysym) ?? [];
        list.push({ keycode, level });
        this.positions.set(keysym, list);
      }
      const first = row[0] ?? NO_SYMBOL;
      if (first !== NO_SYMBOL) this.level0.set(keycode, first);
    });
    // Lowest level first, then lowest keycode: the plainest way to type each keysym.
    for (const list of this.positions.values()) {
      list.sort((a, b) => a.level - b.level || a.keycode - b.keycode);
    }
  }

  /**
   * Where a keysym is, trying each candidate in turn (best first). `maxLevel` 1 leaves out the
   * AltGr levels, for keyboards without an AltGr key.
   */
  find(keysyms: readonly number[], maxLevel: Level = 3): KeyPosition | undefined {
    for (const keysym of keysyms) {
      const found = this.positions.get(keysym)?.find((position) => position.level <= maxLevel);
      if (found) return found;
    }
    return undefined;
  }

  /** The keycode of a key (Shift_L, Return, F5…), whatever level it sits on. */
  keycodeOf(keysym: number): number | undefined {
    return this.positions.get(keysym)?.[0]?.keycode;
  }

  /** The keysym a keycode makes without modifiers, or NoSymbol. */
  keysymOf(keycode: number): number {
    return this.level0.get(keycode) ?? NO_SYMBOL;
  }

  /** Keycodes with no keysym at all: free to bind for a character the layout lacks. */
  spareKeycodes(): number[] {
    const spare: number[] = [];
    this.mapping.rows.forEach((row, index) => {
      const keycode = this.mapping.minKeycode + index;
      // 8 is the lowest keycode the server allows and some drivers treat it specially.
      if (keycode > 8 && row.every((keysym) => keysym === NO_SYMBOL)) spare.push(keycode);
    });
    // From the top: the high keycodes are the least likely to be on a real keyboard.
    return spare.reverse();
  }
}
