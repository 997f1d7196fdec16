import { type KeyInput, MODIFIER } from '../../src/shared/input.js';
import type { XAction } from './actions.js';
import type { Keymap, KeyPosition, Level } from './keymap.js';
import {
  charForKeysym,
  isCased,
  keysymForCode,
  keysymForKeyName,
  keysymsForChar,
  type ModifierKind,
  modifierKind,
  XK,
} from './keysyms.js';

/**
 * Turns a guest's keys and text into X key presses, given the server's keymap. Pure: it keeps
 * which keys the guest holds and which spare keycodes it has bound, and returns actions.
 *
 * Two ways to press a key:
 * - text (a printable `key` without Ctrl/Meta, or with AltGr = Ctrl+Alt): typed by keysym, so
 *   "é" typed on a French keyboard is "é" here whatever the local layout. Found in the keymap at
 *   its shift level, or bound for a moment to a spare keycode (as xdotool does). The key is tapped
 *   on keydown; the guest's auto-repeat keydowns type it again.
 * - physical (named keys, modifiers, shortcuts): the key is pressed on keydown and held until
 *   keyup, with the event's modifiers held around the press when the guest's were not seen.
 */

/** `key` values that type nothing by themselves. */
const SILENT_KEYS = new Set(['Dead', 'Unidentified', 'Process', 'Compose']);

/** When a keysym has no key here, the nearest that does. */
const FALLBACK_KEYSYMS: Record<number, number> = {
  [XK.Shift_R]: XK.Shift_L,
  [XK.Control_R]: XK.Control_L,
  [XK.Alt_R]: XK.Alt_L,
  [XK.Super_L]: XK.Meta_L,
  [XK.Super_R]: XK.Super_L,
  [XK.ISO_Level3_Shift]: XK.Mode_switch,
  [XK.KP_Enter]: XK.Return,
};

/** The keysym pressed to add a missing modifier (Shift_L for shift…). */
const MODIFIER_KEYSYMS: Record<Exclude<ModifierKind, 'lock'>, number[]> = {
  shift: [XK.Shift_L, XK.Shift_R],
  control: [XK.Control_L, XK.Control_R],
  alt: [XK.Alt_L, XK.Alt_R, XK.Meta_L],
  meta: [XK.Super_L, XK.Super_R, XK.Meta_L],
  level3: [XK.ISO_Level3_Shift, XK.Mode_switch],
};

const EVENT_MODIFIERS: Array<[number, Exclude<ModifierKind, 'lock'>]> = [
  [MODIFIER.ctrl, 'control'],
  [MODIFIER.alt, 'alt'],
  [MODIFIER.meta, 'meta'],
  [MODIFIER.shift, 'shift'],
];

/**
 * Binding a spare keycode has to reckon with clients that read keymap changes out of step with
 * the key events around them. Chromium (measured under Xvfb) takes note of a keymap change when
 * it reads it, but looks a key event's keysym up when it dispatches it, later: a key pressed
 * just before its keycode was rebound came out as the new character, one pressed just after as
 * the old one, about one in ten with no pauses. Hence:
 * - a keycode is rebound only once its last press is REBIND_QUIET_MS old (we wait if needed);
 * - after binding, a pause before the key is pressed: BIND_SETTLE_MS for a keycode that had no
 *   keysym (those came out right even without one), REBIND_SETTLE_MS after a rebinding.
 * Bindings are made in batches (every free keycode at once, one pause), so this costs a pause
 * per batch of ~20 characters, not per character, and only for characters the layout lacks.
 */
export const REBIND_QUIET_MS = 400;
export const BIND_SETTLE_MS = 50;
export const REBIND_SETTLE_MS = 150;

interface HeldKey {
  keycode: number;
  keysym: number;
}

interface Binding {
  keysym: number;
  lastUsed: number;
}

export type KeyMode = 'text' | 'physical' | 'silent';

/** How a key event is pressed: see the comment at the top of this file. */
export function keyMode(input: KeyInput): KeyMode {
  if (SILENT_KEYS.has(input.key)) return 'silent';
  const printable = [...input.key].length === 1 && keysymsForChar(input.key).length > 0;
  if (!printable) return 'physical';
  const ctrl = (input.modifiers & MODIFIER.ctrl) !== 0;
  const alt = (input.modifiers & MODIFIER.alt) !== 0;
  const meta = (input.modifiers & MODIFIER.meta) !== 0;
  const altGr = ctrl && alt && !meta;
  if (meta || (ctrl && !altGr)) return 'physical';
  // Alt+F is a menu shortcut; Option+F on a Mac types "ƒ", which is text.
  if (alt && !ctrl && /^[\x20-\x7e]$/.test(input.key)) return 'physical';
  return 'text';
}

export class Keyboard {
  private keymap: Keymap;
  /** Keys the guest holds, by `code` (or `key:` + key when the code is empty). */
  private readonly held = new Map<string, HeldKey>();
  /** Spare keycodes this host may bind, and what each is bound to now. */
  private spare: number[];
  private readonly bindings = new Map<number, Binding>();
  /**
   * When the actions planned so far will have run: the caller's clock, plus the pauses planned
   * since. The actions run in order right after planning, so this dates the last press of each
   * bound keycode well enough to know when it may be rebound.
   */
  private clock = 0;

  constructor(keymap: Keymap) {
    this.keymap = keymap;
    this.spare = keymap.spareKeycodes();
  }

  /** The keycodes this host binds for itself (never part of the layout). */
  get ownKeycodes(): ReadonlySet<number> {
    return new Set(this.spare);
  }

  /** The server's mapping changed under us (setxkbmap, a layout switch): use the new one. */
  setKeymap(keymap: Keymap): void {
    this.keymap = keymap;
    const fresh = keymap.spareKeycodes().filter((keycode) => !this.spare.includes(keycode));
    this.spare = [...this.spare, ...fresh];
  }

  /** The `code`s of the keys held now. */
  heldCodes(): string[] {
    return [...this.held.keys()];
  }

  /** Whether handling this event types a letter, for which the Caps Lock state matters. */
  needsLockState(input: KeyInput): boolean {
    return input.action === 'down' && keyMode(input) === 'text' && isCased(input.key);
  }

  textNeedsLockState(text: string): boolean {
    return [...text].some(isCased);
  }

  hasBindings(): boolean {
    return this.bindings.size > 0;
  }

  key(input: KeyInput, lockOn: boolean, now: number): XAction[] {
    this.clock = Math.max(this.clock, now);
    const id = input.code || `key:${input.key}`;
    if (input.action === 'up') {
      const held = this.held.get(id);
      if (!held) return [];
      this.held.delete(id);
      return [{ op: 'key', keycode: held.keycode, down: false }];
    }
    // A repeat of a key still held: the X server repeats held keys itself.
    if (this.held.has(id)) return [];
    const mode = keyMode(input);
    if (mode === 'silent') return [];
    if (mode === 'text') return this.type([input.key], lockOn);
    return this.press(id, input);
  }

  text(text: string, lockOn: boolean, now: number): XAction[] {
    this.clock = Math.max(this.clock, now);
    return this.type([...text], lockOn);
  }

  /** Releases every key the guest still holds (revoke, guest gone, exit). */
  releaseAll(): XAction[] {
    const actions: XAction[] = [...this.held.values()]
      .reverse()
      .map((held) => ({ op: 'key', keycode: held.keycode, down: false }));
    this.held.clear();
    return actions;
  }

  /** Gives back every spare keycode bound for a character, except those held now. */
  restoreBindings(): XAction[] {
    const actions: XAction[] = [];
    for (const keycode of [...this.bindings.keys()]) {
      if (this.isHeld(keycode)) continue;
      this.bindings.delete(keycode);
      actions.push({ op: 'remap', keycode, keysym: 0 });
    }
    return actions;
  }

  /** Forgets all state without releasing anything (the X connection is gone). */
  reset(): void {
    this.held.clear();
    this.bindings.clear();
  }

  private isHeld(keycode: number): boolean {
    for (const held of this.held.values()) if (held.keycode === keycode) return true;
    return false;
  }

  private heldOfKind(kind: ModifierKind): HeldKey[] {
    return [...this.held.values()].filter((held) => modifierKind(held.keysym) === kind);
  }

  private modifierKeycode(kind: Exclude<ModifierKind, 'lock'>): number | undefined {
    for (const keysym of MODIFIER_KEYSYMS[kind]) {
      const keycode = this.keymap.keycodeOf(keysym);
      if (keycode !== undefined) return keycode;
    }
    return undefined;
  }

  /** A keysym's keycode: the layout's, else a spare one bound to it. */
  private keycodeFor(keysym: number, actions: XAction[]): number | undefined {
    const layout = this.keymap.keycodeOf(keysym);
    if (layout !== undefined) return layout;
    const fallback = FALLBACK_KEYSYMS[keysym];
    const nearest = fallback === undefined ? undefined : this.keymap.keycodeOf(fallback);
    if (nearest !== undefined) return nearest;
    return this.bind(keysym, actions);
  }

  private pause(actions: XAction[], ms: number): void {
    if (ms <= 0) return;
    actions.push({ op: 'settle', ms });
    this.clock += ms;
  }

  /** Marks a bound keycode as pressed at the current plan time. */
  private touch(keycode: number): void {
    const binding = this.bindings.get(keycode);
    if (binding) binding.lastUsed = this.clock;
  }

  /** Binds a spare keycode to `keysym` (or finds the one already bound), pausing after. */
  private bind(keysym: number, actions: XAction[]): number | undefined {
    const bound = this.boundKeycode([keysym]);
    if (bound !== undefined) return bound;
    const allocation = this.allocate(keysym, new Set());
    if (!allocation) return undefined;
    this.pause(actions, allocation.wait);
    actions.push(allocation.remap);
    this.pause(actions, allocation.rebind ? REBIND_SETTLE_MS : BIND_SETTLE_MS);
    this.touch(allocation.remap.keycode);
    return allocation.remap.keycode;
  }

  /** The spare keycode already bound to one of these keysyms. */
  private boundKeycode(keysyms: readonly number[]): number | undefined {
    for (const [keycode, binding] of this.bindings) {
      if (keysyms.includes(binding.keysym)) return keycode;
    }
    return undefined;
  }

  /**
   * Takes a spare keycode for `keysym`: a free one, else the least recently used binding that
   * is neither held down nor in `busy` (about to be pressed). Undefined when there is none.
   * `wait`: how long to pause first, so that the keycode's last press is REBIND_QUIET_MS old.
   */
  private allocate(
    keysym: number,
    busy: ReadonlySet<number>,
  ): { remap: Extract<XAction, { op: 'remap' }>; rebind: boolean; wait: number } | undefined {
    let keycode = this.spare.find((candidate) => !this.bindings.has(candidate));
    let rebind = false;
    let wait = 0;
    if (keycode === undefined) {
      let oldest: [number, Binding] | undefined;
      for (const entry of this.bindings) {
        if (busy.has(entry[0]) || this.isHeld(entry[0])) continue;
        if (!oldest || entry[1].lastUsed < oldest[1].lastUsed) oldest = entry;
      }
      if (!oldest) return undefined;
      keycode = oldest[0];
      rebind = true;
      // Its last press may not have been looked up yet by the focused client.
      wait = Math.max(0, REBIND_QUIET_MS - (this.clock - oldest[1].lastUsed));
    }
    this.bindings.set(keycode, { keysym, lastUsed: this.clock });
    return { remap: { op: 'remap', keycode, keysym }, rebind, wait };
  }

  private press(id: string, input: KeyInput): XAction[] {
    const keysym = this.physicalKeysym(input);
    if (keysym === undefined) return [];
    const actions: XAction[] = [];
    const keycode = this.keycodeFor(keysym, actions);
    if (keycode === undefined) return [];
    // Modifiers the event says are down but whose keydown we never saw (e.g. the guest's
    // window took focus with Ctrl held): held just around this press.
    // Not around a modifier key itself: a lone Alt tap opens menus.
    const isModifier = modifierKind(keysym) !== undefined;
    const temporary: number[] = [];
    for (const [bit, kind] of EVENT_MODIFIERS) {
      if (isModifier || !(input.modifiers & bit)) continue;
      if (this.heldOfKind(kind).length > 0) continue;
      const modifier = this.modifierKeycode(kind);
      if (modifier === undefined || temporary.includes(modifier)) continue;
      temporary.push(modifier);
      actions.push({ op: 'key', keycode: modifier, down: true });
    }
    actions.push({ op: 'key', keycode, down: true });
    for (const modifier of temporary.reverse())
      actions.push({ op: 'key', keycode: modifier, down: false });
    this.held.set(id, { keycode, keysym });
    return actions;
  }

  /** The keysym for a key pressed as itself rather than typed. */
  private physicalKeysym(input: KeyInput): number | undefined {
    if (input.code === 'AltRight' && input.key === 'AltGraph') {
      if (this.keymap.keycodeOf(XK.ISO_Level3_Shift) !== undefined) return XK.ISO_Level3_Shift;
    }
    const chars = [...input.key];
    if (chars.length === 1 && input.key > ' ') {
      // A shortcut: Ctrl+Z means the key that makes "z" here, as the guest's layout meant it.
      const lower = input.key.toLowerCase();
      const found =
        this.keymap.find(keysymsForChar(lower), 1) ??
        this.keymap.find(keysymsForChar(input.key), 1);
      if (found) return this.keymap.keysymOf(found.keycode) || keysymsForChar(lower)[0];
    }
    return keysymForCode(input.code) ?? keysymForKeyName(input.key) ?? keysymsForChar(input.key)[0];
  }

  /**
   * Types characters by keysym, each with exactly the modifiers its level needs. Characters
   * the keymap lacks are bound in batches: every spare keycode it can take at once, one pause,
   * then the keys — one pause per batch rather than one per character.
   */
  private type(chars: string[], lockOn: boolean): XAction[] {
    const actions: XAction[] = [];
    const capsKeycode = this.keymap.keycodeOf(XK.Caps_Lock);
    // Caps Lock would turn "a" into "A": switch it off around the text, then back on.
    const toggleLock = lockOn && capsKeycode !== undefined && chars.some(isCased);
    const tapLock = () => {
      if (capsKeycode === undefined) return;
      actions.push({ op: 'key', keycode: capsKeycode, down: true });
      actions.push({ op: 'key', keycode: capsKeycode, down: false });
    };
    const level3Keycode = this.modifierKeycode('level3');
    const maxLevel = level3Keycode === undefined ? 1 : 3;

    // One batch: the bindings it needs, then its keys.
    let taps: KeyPosition[] = [];
    let remaps: XAction[] = [];
    let settle = 0;
    let wait = 0;
    const flush = () => {
      this.pause(actions, wait);
      actions.push(...remaps);
      this.pause(actions, settle);
      for (const position of taps) {
        this.tap(position, level3Keycode, actions);
        this.touch(position.keycode);
      }
      taps = [];
      remaps = [];
      settle = 0;
      wait = 0;
    };

    if (toggleLock) tapLock();
    for (const char of chars) {
      const keysyms = keysymsForChar(char);
      if (keysyms.length === 0) continue;
      const bound = this.boundKeycode(keysyms);
      let position: KeyPosition | undefined =
        bound === undefined ? this.keymap.find(keysyms, maxLevel) : { keycode: bound, level: 0 };
      if (!position) {
        const busy = () => new Set(taps.map((tap) => tap.keycode));
        let allocation = this.allocate(keysyms[0] as number, busy());
        if (!allocation && taps.length > 0) {
          flush(); // this batch used every spare keycode: type it, then start another
          allocation = this.allocate(keysyms[0] as number, busy());
        }
        if (!allocation) continue;
        remaps.push(allocation.remap);
        settle = Math.max(settle, allocation.rebind ? REBIND_SETTLE_MS : BIND_SETTLE_MS);
        wait = Math.max(wait, allocation.wait);
        position = { keycode: allocation.remap.keycode, level: 0 };
      }
      taps.push(position);
    }
    flush();
    if (toggleLock) tapLock();
    return actions;
  }

  /** Presses and releases one key at one level, lifting and restoring held modifiers. */
  private tap(position: KeyPosition, level3Keycode: number | undefined, actions: XAction[]): void {
    const level: Level = position.level;
    const wantShift = level === 1 || level === 3;
    const wantLevel3 = level >= 2;
    // Modifiers the guest holds that would change what this key types (or make it a shortcut).
    const lifted: number[] = [];
    for (const held of this.held.values()) {
      const kind = modifierKind(held.keysym);
      if (kind === undefined || kind === 'lock') continue;
      if ((kind === 'shift' && wantShift) || (kind === 'level3' && wantLevel3)) continue;
      if (!lifted.includes(held.keycode)) lifted.push(held.keycode);
    }
    const added: number[] = [];
    if (wantShift && this.heldOfKind('shift').length === 0) {
      const shift = this.modifierKeycode('shift');
      if (shift !== undefined) added.push(shift);
    }
    if (wantLevel3 && this.heldOfKind('level3').length === 0 && level3Keycode !== undefined) {
      added.push(level3Keycode);
    }
    for (const keycode of lifted) actions.push({ op: 'key', keycode, down: false });
    for (const keycode of added) actions.push({ op: 'key', keycode, down: true });
    actions.push({ op: 'key', keycode: position.keycode, down: true });
    actions.push({ op: 'key', keycode: position.keycode, down: false });
    for (const keycode of [...added].reverse()) actions.push({ op: 'key', keycode, down: false });
    for (const keycode of [...lifted].reverse()) actions.push({ op: 'key', keycode, down: true });
  }
}

/** For logs: the character a keysym types, or its number. */
export function describeKeysym(keysym: number): string {
  return charForKeysym(keysym) ?? `0x${keysym.toString(16)}`;
}
