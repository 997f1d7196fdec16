import { describe, expect, it } from 'vitest';
import { type KeyInput, MODIFIER } from '../../src/shared/input.js';
import { cdpKeyEvent, typedText, virtualKeyCode } from '../../src/shared/keys.js';

const { alt, ctrl, meta, shift } = MODIFIER;
const down = (code: string, key: string, modifiers = 0): KeyInput => ({
  kind: 'key',
  action: 'down',
  code,
  key,
  modifiers,
});
const up = (code: string, key: string, modifiers = 0): KeyInput => ({
  ...down(code, key, modifiers),
  action: 'up',
});

/** Windows virtual-key codes, from the platform's table rather than from the module. */
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((l, i) => [`Key${l}`, 65 + i] as const);
const DIGITS = [...'0123456789'].map((d, i) => [`Digit${d}`, 48 + i] as const);
const NUMPAD = [...'0123456789'].map((d, i) => [`Numpad${d}`, 96 + i] as const);
const FUNCTION = Array.from({ length: 24 }, (_, i) => [`F${i + 1}`, 112 + i] as const);
const NAMED = [
  ['Backspace', 8],
  ['Tab', 9],
  ['Enter', 13],
  ['NumpadEnter', 13],
  ['ShiftLeft', 16],
  ['ShiftRight', 16],
  ['ControlLeft', 17],
  ['ControlRight', 17],
  ['AltLeft', 18],
  ['AltRight', 18],
  ['Pause', 19],
  ['CapsLock', 20],
  ['Escape', 27],
  ['Space', 32],
  ['PageUp', 33],
  ['PageDown', 34],
  ['End', 35],
  ['Home', 36],
  ['ArrowLeft', 37],
  ['ArrowUp', 38],
  ['ArrowRight', 39],
  ['ArrowDown', 40],
  ['PrintScreen', 44],
  ['Insert', 45],
  ['Delete', 46],
  ['MetaLeft', 91],
  ['MetaRight', 92],
  ['ContextMenu', 93],
  ['NumpadMultiply', 106],
  ['NumpadAdd', 107],
  ['NumpadSubtract', 109],
  ['NumpadDecimal', 110],
  ['NumpadDivide', 111],
  ['NumLock', 144],
  ['ScrollLock', 145],
  ['Semicolon', 186],
  ['Equal', 187],
  ['Comma', 188],
  ['Minus', 189],
  ['Period', 190],
  ['Slash', 191],
  ['Backquote', 192],
  ['BracketLeft', 219],
  ['Backslash', 220],
  ['BracketRight', 221],
  ['Quote', 222],
  ['IntlBackslash', 226],
] as const;

describe('virtualKeyCode', () => {
  it.each(LETTERS)('maps the letter %s to %i', (code, vk) => {
    expect(virtualKeyCode(code)).toBe(vk);
  });

  it.each(DIGITS)('maps the digit %s to %i', (code, vk) => {
    expect(virtualKeyCode(code)).toBe(vk);
  });

  it.each(NUMPAD)('maps the numpad digit %s to %i', (code, vk) => {
    expect(virtualKeyCode(code)).toBe(vk);
  });

  it.each(FUNCTION)('maps the function key %s to %i', (code, vk) => {
    expect(virtualKeyCode(code)).toBe(vk);
  });

  it.each(NAMED)('maps the named key %s to %i', (code, vk) => {
    expect(virtualKeyCode(code)).toBe(vk);
  });

  it.each([
    ['an empty code', ''],
    ['Unidentified', 'Unidentified'],
    ['a lower-case letter code', 'Keya'],
    ['two letters', 'KeyAB'],
    ['Digit10', 'Digit10'],
    ['Numpad10', 'Numpad10'],
    ['F0', 'F0'],
    ['F25', 'F25'],
    ['F01, with a leading zero', 'F01'],
    ['a code in lower case', 'enter'],
    ['a code with a prefix', 'XKeyA'],
    ['a key value rather than a code', 'a'],
    ['a media key', 'MediaPlayPause'],
    ['Fn', 'Fn'],
  ])('maps %s to 0', (_, code) => {
    expect(virtualKeyCode(code)).toBe(0);
  });

  // The wire lets any letters and digits through as a code, these included: they must not
  // reach the executor as Object.prototype's functions instead of a number.
  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'maps %s, a name Object.prototype has, to 0',
    (code) => {
      expect(virtualKeyCode(code)).toBe(0);
    },
  );

  it('always gives a whole number from 0 to 255', () => {
    for (const [code] of [...LETTERS, ...DIGITS, ...NUMPAD, ...FUNCTION, ...NAMED]) {
      const vk = virtualKeyCode(code);
      expect(Number.isInteger(vk) && vk > 0 && vk < 256, code).toBe(true);
    }
  });
});

describe('typedText', () => {
  it.each([
    ['a', down('KeyA', 'a'), 'a'],
    ['Shift+A', down('KeyA', 'A', shift), 'A'],
    ['a digit', down('Digit7', '7'), '7'],
    ['Shift+7 on a US keyboard', down('Digit7', '&', shift), '&'],
    ['é on a French keyboard (code Digit2)', down('Digit2', 'é'), 'é'],
    ['q on a French keyboard (code KeyA)', down('KeyA', 'q'), 'q'],
    ['the space bar', down('Space', ' '), ' '],
    ['Enter', down('Enter', 'Enter'), '\r'],
    ['Shift+Enter', down('Enter', 'Enter', shift), '\r'],
    ['the numpad Enter', down('NumpadEnter', 'Enter'), '\r'],
    ['a numpad digit', down('Numpad5', '5'), '5'],
    ['an emoji, one character of two UTF-16 units', down('', '😀'), '😀'],
    ['Option+e on a Mac (Alt only)', down('KeyE', '€', alt), '€'],
    ['Ctrl+C', down('KeyC', 'c', ctrl), ''],
    ['Ctrl+Shift+T', down('KeyT', 'T', ctrl | shift), ''],
    ['Meta+V', down('KeyV', 'v', meta), ''],
    ['Ctrl+Enter', down('Enter', 'Enter', ctrl), ''],
    ['Backspace', down('Backspace', 'Backspace'), ''],
    ['Tab', down('Tab', 'Tab'), ''],
    ['Escape', down('Escape', 'Escape'), ''],
    ['ArrowLeft', down('ArrowLeft', 'ArrowLeft'), ''],
    ['F5', down('F5', 'F5'), ''],
    ['Shift alone', down('ShiftLeft', 'Shift', shift), ''],
    ['Unidentified', down('', 'Unidentified'), ''],
    ['two letters from an input method', down('KeyA', 'ab'), ''],
    ['a letter with a combining accent (two code points)', down('KeyE', 'e\u0301'), ''],
  ])('for %s is %j', (_, input, text) => {
    expect(typedText(input)).toBe(text);
  });

  // On Windows, AltGr reaches the page as Ctrl+Alt: '@' on a German keyboard is AltGr+Q, and
  // Chromium itself inserts the character for Ctrl+Alt (Blink's ShouldInsertCharacter).
  it.each([
    ['@ on a German keyboard (AltGr+Q)', down('KeyQ', '@', ctrl | alt), '@'],
    ['ą on a Polish keyboard (AltGr+A)', down('KeyA', 'ą', ctrl | alt), 'ą'],
  ])('for %s, sent by Windows as Ctrl+Alt, is %j', (_, input, text) => {
    expect(typedText(input)).toBe(text);
  });
});

describe('cdpKeyEvent', () => {
  it('presses a letter as keyDown with its text', () => {
    expect(cdpKeyEvent(down('KeyA', 'a'))).toEqual({
      type: 'keyDown',
      key: 'a',
      code: 'KeyA',
      windowsVirtualKeyCode: 65,
      nativeVirtualKeyCode: 65,
      modifiers: 0,
      text: 'a',
      unmodifiedText: 'a',
    });
  });

  it('types "é" from code Digit2, whatever the sharer’s layout makes of Digit2', () => {
    expect(cdpKeyEvent(down('Digit2', 'é'))).toEqual({
      type: 'keyDown',
      key: 'é',
      code: 'Digit2',
      windowsVirtualKeyCode: 50,
      nativeVirtualKeyCode: 50,
      modifiers: 0,
      text: 'é',
      unmodifiedText: 'é',
    });
  });

  it('presses Shift+A as keyDown with text "A" and modifiers 8', () => {
    expect(cdpKeyEvent(down('KeyA', 'A', shift))).toEqual({
      type: 'keyDown',
      key: 'A',
      code: 'KeyA',
      windowsVirtualKeyCode: 65,
      nativeVirtualKeyCode: 65,
      modifiers: 8,
      text: 'A',
      unmodifiedText: 'A',
    });
  });

  it('presses Ctrl+C as rawKeyDown with no text and modifiers 2', () => {
    expect(cdpKeyEvent(down('KeyC', 'c', ctrl))).toEqual({
      type: 'rawKeyDown',
      key: 'c',
      code: 'KeyC',
      windowsVirtualKeyCode: 67,
      nativeVirtualKeyCode: 67,
      modifiers: 2,
    });
  });

  it('presses Meta+V as rawKeyDown with no text and modifiers 4', () => {
    const event = cdpKeyEvent(down('KeyV', 'v', meta));
    expect(event).toMatchObject({ type: 'rawKeyDown', modifiers: 4 });
    expect(event).not.toHaveProperty('text');
  });

  it('presses Enter as keyDown typing "\\r"', () => {
    expect(cdpKeyEvent(down('Enter', 'Enter'))).toEqual({
      type: 'keyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 13,
      nativeVirtualKeyCode: 13,
      modifiers: 0,
      text: '\r',
      unmodifiedText: '\r',
    });
  });

  it('presses ArrowLeft as rawKeyDown with no text and no location', () => {
    const event = cdpKeyEvent(down('ArrowLeft', 'ArrowLeft'));
    expect(event).toEqual({
      type: 'rawKeyDown',
      key: 'ArrowLeft',
      code: 'ArrowLeft',
      windowsVirtualKeyCode: 37,
      nativeVirtualKeyCode: 37,
      modifiers: 0,
    });
    expect(event).not.toHaveProperty('location');
  });

  it.each([
    ['Backspace', 8],
    ['Tab', 9],
    ['Escape', 27],
    ['Delete', 46],
    ['Home', 36],
    ['F12', 123],
  ])('presses the named key %s as rawKeyDown with code %i', (code, vk) => {
    expect(cdpKeyEvent(down(code, code))).toEqual({
      type: 'rawKeyDown',
      key: code,
      code,
      windowsVirtualKeyCode: vk,
      nativeVirtualKeyCode: vk,
      modifiers: 0,
    });
  });

  it.each([
    ['ShiftLeft', 'Shift', 1],
    ['ShiftRight', 'Shift', 2],
    ['ControlLeft', 'Control', 1],
    ['ControlRight', 'Control', 2],
    ['AltLeft', 'Alt', 1],
    ['AltRight', 'AltGraph', 2],
    ['MetaLeft', 'Meta', 1],
    ['MetaRight', 'Meta', 2],
  ])('tells %s apart by location %i, pressed and released', (code, key, location) => {
    expect(cdpKeyEvent(down(code, key))).toMatchObject({ type: 'rawKeyDown', location });
    expect(cdpKeyEvent(up(code, key))).toMatchObject({ type: 'keyUp', location });
  });

  it.each([
    'ArrowLeft',
    'ArrowRight',
    'KeyA',
    'Digit1',
    'Numpad1',
    'NumpadEnter',
    'Enter',
    'Space',
    'CapsLock',
    'ContextMenu',
    'IntlBackslash',
    'F1',
    '',
  ])('gives %j no location', (code) => {
    expect(cdpKeyEvent(down(code, 'x'))).not.toHaveProperty('location');
    expect(cdpKeyEvent(up(code, 'x'))).not.toHaveProperty('location');
  });

  it('releases a letter as keyUp with no text', () => {
    expect(cdpKeyEvent(up('KeyA', 'a'))).toEqual({
      type: 'keyUp',
      key: 'a',
      code: 'KeyA',
      windowsVirtualKeyCode: 65,
      nativeVirtualKeyCode: 65,
      modifiers: 0,
    });
  });

  it('never gives a key up any text, whatever the key and modifiers', () => {
    for (const key of ['a', 'A', 'é', 'Enter', ' ', '😀', 'ArrowLeft']) {
      for (let modifiers = 0; modifiers <= 15; modifiers++) {
        const event = cdpKeyEvent(up('KeyA', key, modifiers));
        expect(event.type).toBe('keyUp');
        expect(event).not.toHaveProperty('text');
        expect(event).not.toHaveProperty('unmodifiedText');
      }
    }
  });

  it('passes the modifier bits through unchanged', () => {
    for (let modifiers = 0; modifiers <= 15; modifiers++) {
      expect(cdpKeyEvent(down('KeyA', 'a', modifiers)).modifiers).toBe(modifiers);
    }
  });

  it('sends a key of unknown code with virtual-key code 0 and still types its text', () => {
    expect(cdpKeyEvent(down('', 'ß'))).toEqual({
      type: 'keyDown',
      key: 'ß',
      code: '',
      windowsVirtualKeyCode: 0,
      nativeVirtualKeyCode: 0,
      modifiers: 0,
      text: 'ß',
      unmodifiedText: 'ß',
    });
  });

  it('is keyDown exactly when there is text to type', () => {
    for (const input of [
      down('KeyA', 'a'),
      down('KeyA', 'a', ctrl),
      down('Enter', 'Enter'),
      down('Tab', 'Tab'),
      down('', 'Unidentified'),
    ]) {
      const event = cdpKeyEvent(input);
      expect(event.type === 'keyDown', input.key).toBe(typedText(input) !== '');
    }
  });

  it('gives every event a number as its virtual-key code, for a code Object.prototype knows too', () => {
    const event = cdpKeyEvent(down('constructor', 'x'));
    expect(event.windowsVirtualKeyCode).toBe(0);
    expect(event.nativeVirtualKeyCode).toBe(0);
  });
});
