import { describe, expect, it } from 'vitest';
import { Keymap } from '../../native-host/src/keymap.js';
import {
  charForKeysym,
  implicitShifted,
  keysymForCode,
  keysymForKeyName,
  keysymsForChar,
  modifierKind,
  XK,
} from '../../native-host/src/keysyms.js';
import { withRows, xvfbMapping } from './helpers.js';

describe('keysyms of characters', () => {
  it('uses the code point for Latin-1', () => {
    expect(keysymsForChar('a')).toEqual([0x61]);
    expect(keysymsForChar('A')).toEqual([0x41]);
    expect(keysymsForChar('é')).toEqual([0xe9]);
    expect(keysymsForChar('ß')).toEqual([0xdf]);
    expect(keysymsForChar(' ')).toEqual([0x20]);
  });

  it('uses 0x01000000 + code point beyond Latin-1, then the legacy keysym if there is one', () => {
    expect(keysymsForChar('€')).toEqual([0x010020ac, 0x20ac]);
    expect(keysymsForChar('ж')).toEqual([0x01000436, 0x6d6]);
    expect(keysymsForChar('ő')).toEqual([0x01000151, 0x1f5]);
    expect(keysymsForChar('😀')).toEqual([0x0101f600]);
    expect(keysymsForChar('中')).toEqual([0x01004e2d]);
  });

  it('types newline and tab as their keys, and refuses other control characters', () => {
    expect(keysymsForChar('\n')).toEqual([XK.Return]);
    expect(keysymsForChar('\t')).toEqual([XK.Tab]);
    expect(keysymsForChar('\u0007')).toEqual([]);
    expect(keysymsForChar('\u0085')).toEqual([]);
    expect(keysymsForChar('ab')).toEqual([]);
  });

  it('reads characters back from keysyms of all three kinds', () => {
    expect(charForKeysym(0x61)).toBe('a');
    expect(charForKeysym(0xe9)).toBe('é');
    expect(charForKeysym(0x20ac)).toBe('€');
    expect(charForKeysym(0x010020ac)).toBe('€');
    expect(charForKeysym(0x6c1)).toBe('а');
    expect(charForKeysym(XK.Return)).toBeUndefined();
    expect(charForKeysym(XK.Shift_L)).toBeUndefined();
  });

  it('knows the implicit upper case of a key that lists only its lower case', () => {
    expect(implicitShifted(0x61)).toBe(0x41);
    expect(implicitShifted(0xe9)).toBe(0xc9);
    expect(implicitShifted(0x6c1)).toBe(0x6e1);
    expect(implicitShifted(0x31)).toBe(0);
    expect(implicitShifted(XK.Escape)).toBe(0);
    expect(implicitShifted(0xdf)).toBe(0); // ß → "SS" is two characters
  });
});

describe('keysyms of keys', () => {
  it.each([
    ['Backspace', XK.BackSpace],
    ['Enter', XK.Return],
    ['Tab', XK.Tab],
    ['Escape', XK.Escape],
    ['ArrowLeft', XK.Left],
    ['ArrowUp', XK.Up],
    ['ArrowRight', XK.Right],
    ['ArrowDown', XK.Down],
    ['Delete', XK.Delete],
    ['Home', XK.Home],
    ['End', XK.End],
    ['PageUp', XK.Page_Up],
    ['PageDown', XK.Page_Down],
    ['F1', XK.F1],
    ['F12', XK.F1 + 11],
    ['ShiftLeft', XK.Shift_L],
    ['ShiftRight', XK.Shift_R],
    ['ControlLeft', XK.Control_L],
    ['AltLeft', XK.Alt_L],
    ['MetaLeft', XK.Super_L],
    ['Space', 0x20],
    ['KeyA', 0x61],
    ['KeyZ', 0x7a],
    ['Digit0', 0x30],
    ['Numpad7', XK.KP_0 + 7],
    ['Semicolon', 0x3b],
    ['Backquote', 0x60],
  ])('physical %s', (code, keysym) => {
    expect(keysymForCode(code)).toBe(keysym);
  });

  it('has no keysym for codes it does not know', () => {
    expect(keysymForCode('')).toBeUndefined();
    expect(keysymForCode('Lang1')).toBeUndefined();
    expect(keysymForCode('F25')).toBeUndefined();
  });

  it('falls back to the key name', () => {
    expect(keysymForKeyName('Enter')).toBe(XK.Return);
    expect(keysymForKeyName('AltGraph')).toBe(XK.ISO_Level3_Shift);
    expect(keysymForKeyName('F24')).toBe(XK.F1 + 23);
    expect(keysymForKeyName('a')).toBeUndefined();
  });

  it('classifies modifiers', () => {
    expect(modifierKind(XK.Shift_R)).toBe('shift');
    expect(modifierKind(XK.Super_L)).toBe('meta');
    expect(modifierKind(XK.ISO_Level3_Shift)).toBe('level3');
    expect(modifierKind(XK.Caps_Lock)).toBe('lock');
    expect(modifierKind(0x61)).toBeUndefined();
  });
});

describe('Keymap (the Xvfb US keymap)', () => {
  const keymap = new Keymap(xvfbMapping());

  it('finds letters, their shifted forms and named keys', () => {
    expect(keymap.find([0x61])).toEqual({ keycode: 38, level: 0 });
    expect(keymap.find([0x41])).toEqual({ keycode: 38, level: 1 });
    expect(keymap.find([0x21])).toEqual({ keycode: 10, level: 1 }); // "!" is Shift+1
    expect(keymap.keycodeOf(XK.Return)).toBe(36);
    expect(keymap.keycodeOf(XK.Shift_L)).toBe(50);
    expect(keymap.keycodeOf(XK.BackSpace)).toBe(22);
    expect(keymap.keycodeOf(XK.ISO_Level3_Shift)).toBe(92);
    expect(keymap.keysymOf(38)).toBe(0x61);
  });

  it('has no é, and lists the keycodes with no keysym, the highest first', () => {
    expect(keymap.find([0xe9])).toBeUndefined();
    const spare = keymap.spareKeycodes();
    expect(spare.length).toBeGreaterThan(10);
    expect(spare).toEqual([...spare].sort((a, b) => b - a));
    expect(spare).not.toContain(8);
    expect(keymap.keysymOf(spare[0] as number)).toBe(0);
  });

  it('reads the AltGr levels from columns 4 and 5', () => {
    const german = new Keymap(
      withRows(xvfbMapping(), { 26: [0x65, 0x45, 0x65, 0x45, 0x20ac, 0xa2] }),
    );
    expect(german.find(keysymsForChar('€'))).toEqual({ keycode: 26, level: 2 });
    expect(german.find([0xa2])).toEqual({ keycode: 26, level: 3 });
    expect(german.find(keysymsForChar('€'), 1)).toBeUndefined();
  });

  it('prefers the plainest position: lowest level, then lowest keycode', () => {
    // "<" is Shift+, (59) and also the unshifted key 94.
    expect(keymap.find([0x3c])).toEqual({ keycode: 94, level: 0 });
  });

  it('leaves out the keycodes it is told are its own', () => {
    const mapping = withRows(xvfbMapping(), { 250: [0xe9, 0xe9] });
    expect(new Keymap(mapping).find([0xe9])).toEqual({ keycode: 250, level: 0 });
    expect(new Keymap(mapping, new Set([250])).find([0xe9])).toBeUndefined();
  });
});
