import { LEGACY_KEYSYMS } from './keysym-legacy.js';

/**
 * X keysyms: the names of what keys produce. Pure tables and conversions, no X connection.
 * Latin-1 characters are their own keysym; every other character is 0x01000000 + code point,
 * and many also have an older number that keymaps still use (see keysym-legacy.ts).
 */
export const NO_SYMBOL = 0;

export const XK = {
  BackSpace: 0xff08,
  Tab: 0xff09,
  ISO_Left_Tab: 0xfe20,
  Return: 0xff0d,
  Pause: 0xff13,
  Scroll_Lock: 0xff14,
  Escape: 0xff1b,
  Home: 0xff50,
  Left: 0xff51,
  Up: 0xff52,
  Right: 0xff53,
  Down: 0xff54,
  Page_Up: 0xff55,
  Page_Down: 0xff56,
  End: 0xff57,
  Print: 0xff61,
  Insert: 0xff63,
  Menu: 0xff67,
  Num_Lock: 0xff7f,
  KP_Enter: 0xff8d,
  KP_Multiply: 0xffaa,
  KP_Add: 0xffab,
  KP_Separator: 0xffac,
  KP_Subtract: 0xffad,
  KP_Decimal: 0xffae,
  KP_Divide: 0xffaf,
  KP_0: 0xffb0,
  KP_Equal: 0xffbd,
  F1: 0xffbe,
  Shift_L: 0xffe1,
  Shift_R: 0xffe2,
  Control_L: 0xffe3,
  Control_R: 0xffe4,
  Caps_Lock: 0xffe5,
  Meta_L: 0xffe7,
  Meta_R: 0xffe8,
  Alt_L: 0xffe9,
  Alt_R: 0xffea,
  Super_L: 0xffeb,
  Super_R: 0xffec,
  ISO_Level3_Shift: 0xfe03,
  Mode_switch: 0xff7e,
  Delete: 0xffff,
  space: 0x20,
} as const;

/** What a modifier keysym is, for the planner that has to hold or lift modifiers. */
export type ModifierKind = 'shift' | 'control' | 'alt' | 'meta' | 'level3' | 'lock';

const MODIFIER_KINDS = new Map<number, ModifierKind>([
  [XK.Shift_L, 'shift'],
  [XK.Shift_R, 'shift'],
  [XK.Control_L, 'control'],
  [XK.Control_R, 'control'],
  [XK.Alt_L, 'alt'],
  [XK.Alt_R, 'alt'],
  [XK.Meta_L, 'meta'],
  [XK.Meta_R, 'meta'],
  [XK.Super_L, 'meta'],
  [XK.Super_R, 'meta'],
  [XK.ISO_Level3_Shift, 'level3'],
  [XK.Mode_switch, 'level3'],
  [XK.Caps_Lock, 'lock'],
]);

export function modifierKind(keysym: number): ModifierKind | undefined {
  return MODIFIER_KINDS.get(keysym);
}

/** Physical keys (KeyboardEvent.code) whose keysym does not depend on the layout. */
const NAMED_CODES: Record<string, number> = {
  Backspace: XK.BackSpace,
  Tab: XK.Tab,
  Enter: XK.Return,
  NumpadEnter: XK.KP_Enter,
  Escape: XK.Escape,
  Delete: XK.Delete,
  Insert: XK.Insert,
  Home: XK.Home,
  End: XK.End,
  PageUp: XK.Page_Up,
  PageDown: XK.Page_Down,
  ArrowLeft: XK.Left,
  ArrowUp: XK.Up,
  ArrowRight: XK.Right,
  ArrowDown: XK.Down,
  ShiftLeft: XK.Shift_L,
  ShiftRight: XK.Shift_R,
  ControlLeft: XK.Control_L,
  ControlRight: XK.Control_R,
  AltLeft: XK.Alt_L,
  AltRight: XK.Alt_R,
  MetaLeft: XK.Super_L,
  MetaRight: XK.Super_R,
  OSLeft: XK.Super_L,
  OSRight: XK.Super_R,
  CapsLock: XK.Caps_Lock,
  NumLock: XK.Num_Lock,
  ScrollLock: XK.Scroll_Lock,
  Pause: XK.Pause,
  PrintScreen: XK.Print,
  ContextMenu: XK.Menu,
  Space: XK.space,
  NumpadMultiply: XK.KP_Multiply,
  NumpadAdd: XK.KP_Add,
  NumpadSubtract: XK.KP_Subtract,
  NumpadDecimal: XK.KP_Decimal,
  NumpadDivide: XK.KP_Divide,
  NumpadComma: XK.KP_Separator,
  NumpadEqual: XK.KP_Equal,
};

/** Printable physical keys → the character they make on a US keyboard, unshifted. */
const US_CODES: Record<string, string> = {
  Backquote: '`',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  IntlBackslash: '<',
};

/** KeyboardEvent.key values of non-printing keys → keysym (for events whose `code` is unknown). */
const NAMED_KEYS: Record<string, number> = {
  Backspace: XK.BackSpace,
  Tab: XK.Tab,
  Enter: XK.Return,
  Escape: XK.Escape,
  Esc: XK.Escape,
  Delete: XK.Delete,
  Insert: XK.Insert,
  Home: XK.Home,
  End: XK.End,
  PageUp: XK.Page_Up,
  PageDown: XK.Page_Down,
  ArrowLeft: XK.Left,
  ArrowUp: XK.Up,
  ArrowRight: XK.Right,
  ArrowDown: XK.Down,
  Shift: XK.Shift_L,
  Control: XK.Control_L,
  Alt: XK.Alt_L,
  AltGraph: XK.ISO_Level3_Shift,
  Meta: XK.Super_L,
  OS: XK.Super_L,
  Super: XK.Super_L,
  CapsLock: XK.Caps_Lock,
  NumLock: XK.Num_Lock,
  ScrollLock: XK.Scroll_Lock,
  Pause: XK.Pause,
  PrintScreen: XK.Print,
  ContextMenu: XK.Menu,
};

function functionKey(name: string): number | undefined {
  const match = /^F([1-9]|1[0-9]|2[0-4])$/.exec(name);
  return match?.[1] ? XK.F1 + Number(match[1]) - 1 : undefined;
}

/**
 * A physical key's keysym on a US keyboard, unshifted: Backspace → BackSpace, KeyA → a,
 * Digit1 → 1, F5 → F5, Numpad7 → KP_7. Undefined for codes we do not know.
 */
export function keysymForCode(code: string): number | undefined {
  const named = NAMED_CODES[code];
  if (named !== undefined) return named;
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter) return letter.toLowerCase().charCodeAt(0);
  const digit = /^Digit([0-9])$/.exec(code)?.[1];
  if (digit) return digit.charCodeAt(0);
  const numpad = /^Numpad([0-9])$/.exec(code)?.[1];
  if (numpad) return XK.KP_0 + Number(numpad);
  const fn = functionKey(code);
  if (fn !== undefined) return fn;
  const us = US_CODES[code];
  return us === undefined ? undefined : us.charCodeAt(0);
}

/** A non-printing `key` value's keysym (Enter, ArrowLeft, F5, Shift…), or undefined. */
export function keysymForKeyName(key: string): number | undefined {
  return NAMED_KEYS[key] ?? functionKey(key);
}

const legacyByKeysym = new Map<number, number>();
const legacyByCodePoint = new Map<number, number>();
for (let i = 0; i + 1 < LEGACY_KEYSYMS.length; i += 2) {
  const keysym = LEGACY_KEYSYMS[i] as number;
  const codePoint = LEGACY_KEYSYMS[i + 1] as number;
  legacyByKeysym.set(keysym, codePoint);
  if (!legacyByCodePoint.has(codePoint)) legacyByCodePoint.set(codePoint, keysym);
}

/** Control characters that stand for a key. */
const CONTROL_CHARACTERS: Record<string, number> = {
  '\n': XK.Return,
  '\r': XK.Return,
  '\t': XK.Tab,
  '\b': XK.BackSpace,
};

/**
 * The keysyms that type one character (one code point), best first: the Unicode keysym that
 * a remapped key will carry, then the legacy one a keymap may already have. Empty for control
 * characters that have no key.
 */
export function keysymsForChar(char: string): number[] {
  const control = CONTROL_CHARACTERS[char];
  if (control !== undefined) return [control];
  const codePoint = char.codePointAt(0);
  if (codePoint === undefined || [...char].length !== 1) return [];
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return [];
  if (codePoint <= 0xff) return [codePoint];
  const unicode = 0x01000000 + codePoint;
  const legacy = legacyByCodePoint.get(codePoint);
  return legacy === undefined ? [unicode] : [unicode, legacy];
}

/** The character a keysym types, or undefined for keys that type nothing (Shift, F1…). */
export function charForKeysym(keysym: number): string | undefined {
  if ((keysym >= 0x20 && keysym <= 0x7e) || (keysym >= 0xa0 && keysym <= 0xff)) {
    return String.fromCodePoint(keysym);
  }
  if (keysym >= 0x01000100 && keysym <= 0x0110ffff)
    return String.fromCodePoint(keysym - 0x01000000);
  const legacy = legacyByKeysym.get(keysym);
  return legacy === undefined ? undefined : String.fromCodePoint(legacy);
}

/** A character with an upper and a lower case (what Caps Lock changes). */
export function isCased(char: string): boolean {
  return char.toLowerCase() !== char.toUpperCase();
}

/**
 * The core protocol's rule for a key that lists one keysym: if it is a letter, the second
 * (shifted) keysym is its upper case. Returns that upper-case keysym, or NoSymbol.
 */
export function implicitShifted(keysym: number): number {
  const char = charForKeysym(keysym);
  if (char === undefined) return NO_SYMBOL;
  const upper = char.toUpperCase();
  if (upper === char || [...upper].length !== 1) return NO_SYMBOL;
  return keysymsForChar(upper).at(-1) ?? NO_SYMBOL;
}
