import { type KeyInput, MODIFIER } from './input.js';

/**
 * A guest's key event → the parameters of CDP `Input.dispatchKeyEvent`. `code` gives the
 * physical key (Windows virtual-key code, which Chromium needs for Backspace, arrows and
 * shortcuts); `key` gives the text it makes in the guest's layout, so "é" on a French keyboard
 * types "é" whatever the sharer's layout is.
 */
const NAMED_KEYS: Record<string, number> = {
  Backspace: 8,
  Tab: 9,
  Enter: 13,
  NumpadEnter: 13,
  ShiftLeft: 16,
  ShiftRight: 16,
  ControlLeft: 17,
  ControlRight: 17,
  AltLeft: 18,
  AltRight: 18,
  Pause: 19,
  CapsLock: 20,
  Escape: 27,
  Space: 32,
  PageUp: 33,
  PageDown: 34,
  End: 35,
  Home: 36,
  ArrowLeft: 37,
  ArrowUp: 38,
  ArrowRight: 39,
  ArrowDown: 40,
  PrintScreen: 44,
  Insert: 45,
  Delete: 46,
  MetaLeft: 91,
  MetaRight: 92,
  ContextMenu: 93,
  NumpadMultiply: 106,
  NumpadAdd: 107,
  NumpadSubtract: 109,
  NumpadDecimal: 110,
  NumpadDivide: 111,
  NumLock: 144,
  ScrollLock: 145,
  Semicolon: 186,
  Equal: 187,
  Comma: 188,
  Minus: 189,
  Period: 190,
  Slash: 191,
  Backquote: 192,
  BracketLeft: 219,
  Backslash: 220,
  BracketRight: 221,
  Quote: 222,
  IntlBackslash: 226,
};

export function virtualKeyCode(code: string): number {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter?.[1]) return letter[1].charCodeAt(0);
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit?.[1]) return 48 + Number(digit[1]);
  const numpad = /^Numpad([0-9])$/.exec(code);
  if (numpad?.[1]) return 96 + Number(numpad[1]);
  const fn = /^F([1-9]|1[0-9]|2[0-4])$/.exec(code);
  if (fn?.[1]) return 111 + Number(fn[1]);
  // Own keys only: `constructor` or `toString` from a guest must not read Object's properties.
  return Object.hasOwn(NAMED_KEYS, code) ? (NAMED_KEYS[code] ?? 0) : 0;
}

/** The text a key press types, or '' (named keys, and shortcuts with Ctrl or Meta). */
export function typedText(input: KeyInput): string {
  // Ctrl or Meta make a shortcut; but Ctrl+Alt is how AltGr reaches a page on Windows ("@" on a
  // German keyboard), and Chromium types those characters too.
  const { modifiers } = input;
  if (modifiers & MODIFIER.meta) return '';
  if (modifiers & MODIFIER.ctrl && !(modifiers & MODIFIER.alt)) return '';
  if (input.key === 'Enter') return '\r';
  return [...input.key].length === 1 ? input.key : '';
}

export interface CdpKeyEvent {
  type: 'keyDown' | 'rawKeyDown' | 'keyUp';
  key: string;
  code: string;
  windowsVirtualKeyCode: number;
  nativeVirtualKeyCode: number;
  modifiers: number;
  text?: string;
  unmodifiedText?: string;
  location?: number;
}

/** Left and right Shift, Ctrl, Alt and Meta are told apart by location (1 left, 2 right). */
function modifierLocation(code: string): { location?: number } {
  const side = /^(?:Shift|Control|Alt|Meta)(Left|Right)$/.exec(code)?.[1];
  return side === undefined ? {} : { location: side === 'Left' ? 1 : 2 };
}

export function cdpKeyEvent(input: KeyInput): CdpKeyEvent {
  const vk = virtualKeyCode(input.code);
  const base = {
    key: input.key,
    code: input.code,
    windowsVirtualKeyCode: vk,
    nativeVirtualKeyCode: vk,
    modifiers: input.modifiers,
    ...modifierLocation(input.code),
  };
  if (input.action === 'up') return { type: 'keyUp', ...base };
  const text = typedText(input);
  return text
    ? { type: 'keyDown', ...base, text, unmodifiedText: text }
    : { type: 'rawKeyDown', ...base };
}
