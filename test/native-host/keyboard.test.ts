import { describe, expect, it } from 'vitest';
import { Keyboard, keyMode } from '../../native-host/src/keyboard.js';
import { Keymap } from '../../native-host/src/keymap.js';
import { XK } from '../../native-host/src/keysyms.js';
import type { KeyInput } from '../../src/shared/input.js';
import { withRows, XModel, xvfbMapping } from './helpers.js';

const SHIFT = 8;
const CTRL = 2;
const ALT = 1;
const META = 4;

const down = (code: string, key: string, modifiers = 0): KeyInput => ({
  kind: 'key',
  action: 'down',
  code,
  key,
  modifiers,
});
const up = (code: string, key: string, modifiers = 0): KeyInput => ({
  kind: 'key',
  action: 'up',
  code,
  key,
  modifiers,
});

/** What a US keyboard in the guest's browser sends for a string (Shift pressed around capitals). */
function usKeys(text: string): KeyInput[] {
  const shifted = '~!@#$%^&*()_+{}|:"<>?';
  const base = "`1234567890-=[]\\;',./";
  const codes: Record<string, string> = {
    ' ': 'Space',
    ',': 'Comma',
    '.': 'Period',
    '!': 'Digit1',
    '?': 'Slash',
    '1': 'Digit1',
  };
  const events: KeyInput[] = [];
  for (const char of text) {
    const upper = /[A-Z]/.test(char) || shifted.includes(char);
    const code =
      codes[char] ??
      (/[a-z]/i.test(char) ? `Key${char.toUpperCase()}` : `Digit${base.indexOf(char)}`);
    if (upper) events.push(down('ShiftLeft', 'Shift', SHIFT));
    events.push(down(code, char, upper ? SHIFT : 0), up(code, char, upper ? SHIFT : 0));
    if (upper) events.push(up('ShiftLeft', 'Shift'));
  }
  return events;
}

function setup(mapping = xvfbMapping(), lock = false) {
  const keyboard = new Keyboard(new Keymap(mapping));
  const model = new XModel(mapping, { lock });
  let now = 1000;
  const tick = () => {
    now += 10;
    return now;
  };
  const key = (input: KeyInput) => model.apply(keyboard.key(input, model.lock, tick()));
  const text = (value: string) => model.apply(keyboard.text(value, model.lock, tick()));
  return { keyboard, model, key, text };
}

describe('keyMode', () => {
  it.each([
    [down('KeyA', 'a'), 'text'],
    [down('KeyA', 'A', SHIFT), 'text'],
    [down('Space', ' '), 'text'],
    [down('KeyE', 'é'), 'text'],
    [down('KeyE', '€', CTRL | ALT), 'text'], // AltGr on Windows
    [down('KeyF', 'ƒ', ALT), 'text'], // Option+F on a Mac
    [down('KeyC', 'c', CTRL), 'physical'],
    [down('KeyC', 'C', CTRL | SHIFT), 'physical'],
    [down('KeyV', 'v', META), 'physical'],
    [down('KeyF', 'f', ALT), 'physical'], // Alt+F, a menu
    [down('Enter', 'Enter'), 'physical'],
    [down('ShiftLeft', 'Shift', SHIFT), 'physical'],
    [down('F5', 'F5'), 'physical'],
    [down('BracketLeft', 'Dead'), 'silent'],
    [down('KeyA', 'Process'), 'silent'],
  ])('%j is %s', (input, mode) => {
    expect(keyMode(input)).toBe(mode);
  });
});

describe('Keyboard: typing', () => {
  it('types "Hello, World!" from a US guest, Shift included, and leaves nothing held', () => {
    const { model, key, keyboard } = setup();
    for (const event of usKeys('Hello, World!')) key(event);
    expect(model.text).toBe('Hello, World!');
    expect(model.down.size).toBe(0);
    expect(keyboard.heldCodes()).toEqual([]);
  });

  it('types text in any layout, binding spare keycodes for what the keymap lacks', () => {
    const { model, text, keyboard } = setup();
    const sample = 'Grüße, €5 — ж, 中文 😀\n\tok';
    text(sample);
    expect(model.text).toBe(sample.replace('\n', '').replace('\t', ''));
    expect(model.typed.map((t) => t.keysym)).toContain(XK.Return);
    expect(model.typed.map((t) => t.keysym)).toContain(XK.Tab);
    expect(model.down.size).toBe(0);
    expect(keyboard.hasBindings()).toBe(true);
  });

  it('types "é" from a French guest with the key they pressed', () => {
    const { model, key } = setup();
    key(down('Digit2', 'é'));
    key(up('Digit2', 'é'));
    expect(model.text).toBe('é');
  });

  it('reuses a bound keycode for the same character', () => {
    const { text, keyboard } = setup();
    const first = keyboard.text('é', false, 1);
    const second = keyboard.text('é', false, 2);
    expect(first.filter((a) => a.op === 'remap')).toHaveLength(1);
    expect(second.filter((a) => a.op === 'remap')).toHaveLength(0);
    text('');
  });

  it('lifts a held Shift for a character that needs none (AZERTY Shift+& = "1")', () => {
    const { model, key } = setup();
    key(down('ShiftLeft', 'Shift', SHIFT));
    key(down('Digit1', '1', SHIFT));
    expect(model.text).toBe('1');
    expect(model.down).toEqual(new Set([50])); // Shift is held again afterwards
    key(up('Digit1', '1', SHIFT));
    key(up('ShiftLeft', 'Shift'));
    expect(model.down.size).toBe(0);
  });

  it('types the right case with Caps Lock on, and leaves it on', () => {
    const { model, key, text } = setup(xvfbMapping(), true);
    key(down('KeyA', 'a'));
    key(down('KeyB', 'B', SHIFT));
    text('xY é');
    expect(model.text).toBe('aBxY é');
    expect(model.lock).toBe(true);
  });

  it('types AltGr characters at level 3 (German "€" = AltGr+E), with Windows\' fake Ctrl lifted', () => {
    const german = withRows(xvfbMapping(), { 26: [0x65, 0x45, 0x65, 0x45, 0x20ac, 0xa2] });
    const { model, key, keyboard } = setup(german);
    key(down('ControlLeft', 'Control', CTRL));
    key(down('AltRight', 'AltGraph', CTRL | ALT));
    const actions = keyboard.key(down('KeyE', '€', CTRL | ALT), false, 5000);
    model.apply(actions);
    expect(model.text).toBe('€');
    expect(actions.some((a) => a.op === 'remap')).toBe(false);
    key(up('AltRight', 'AltGraph'));
    key(up('ControlLeft', 'Control'));
    expect(model.down.size).toBe(0);
  });

  it('presses Shift+AltGr for level 4', () => {
    const german = withRows(xvfbMapping(), { 26: [0x65, 0x45, 0x65, 0x45, 0x20ac, 0xa2] });
    const { model, text } = setup(german);
    text('¢');
    expect(model.text).toBe('¢');
  });

  it('ignores dead keys (the composed character comes with the next key)', () => {
    const { model, key } = setup();
    key(down('BracketLeft', 'Dead'));
    key(up('BracketLeft', 'Dead'));
    key(down('KeyE', 'ê'));
    expect(model.text).toBe('ê');
  });
});

describe('Keyboard: keys and shortcuts', () => {
  it('holds named keys until their keyup, and lets the server repeat them', () => {
    const { model, key, keyboard } = setup();
    key(down('Backspace', 'Backspace'));
    const repeat = keyboard.key(down('Backspace', 'Backspace'), false, 2000);
    expect(repeat).toEqual([]);
    expect(model.down).toEqual(new Set([22]));
    expect(keyboard.heldCodes()).toEqual(['Backspace']);
    key(up('Backspace', 'Backspace'));
    expect(model.down.size).toBe(0);
    expect(model.typed.map((t) => t.keysym)).toEqual([XK.BackSpace]);
  });

  it.each([
    ['Enter', XK.Return],
    ['Tab', XK.Tab],
    ['Escape', XK.Escape],
    ['ArrowLeft', XK.Left],
    ['ArrowDown', XK.Down],
    ['Delete', XK.Delete],
    ['Home', XK.Home],
    ['End', XK.End],
    ['PageUp', XK.Page_Up],
    ['PageDown', XK.Page_Down],
    ['F1', XK.F1],
    ['F12', XK.F1 + 11],
  ])('presses %s', (code, keysym) => {
    const { model, key } = setup();
    key(down(code, code));
    key(up(code, code));
    expect(model.typed.map((t) => t.keysym)).toEqual([keysym]);
    expect(model.down.size).toBe(0);
  });

  it('sends Ctrl+C as the C key with Ctrl held, typing nothing', () => {
    const { model, key } = setup();
    key(down('ControlLeft', 'Control', CTRL));
    key(down('KeyC', 'c', CTRL));
    key(up('KeyC', 'c', CTRL));
    key(up('ControlLeft', 'Control'));
    expect(model.text).toBe('');
    expect(model.typed).toEqual([{ keysym: 0x63, char: 'c', mods: ['control'] }]);
    expect(model.down.size).toBe(0);
  });

  it('holds Ctrl around the press when the event says Ctrl but no Ctrl keydown came', () => {
    const { model, key } = setup();
    key(down('KeyV', 'v', CTRL));
    expect(model.typed).toEqual([{ keysym: 0x76, char: 'v', mods: ['control'] }]);
    expect(model.down).toEqual(new Set([55])); // only V: the added Ctrl is released at once
    key(up('KeyV', 'v', CTRL));
    expect(model.down.size).toBe(0);
  });

  it('sends Ctrl+Shift+Z and Super+L', () => {
    const { model, key } = setup();
    key(down('ControlLeft', 'Control', CTRL));
    key(down('ShiftLeft', 'Shift', CTRL | SHIFT));
    key(down('KeyZ', 'Z', CTRL | SHIFT));
    expect(model.typed.at(-1)).toEqual({ keysym: 0x5a, char: 'Z', mods: ['control', 'shift'] });
    key(up('KeyZ', 'Z', CTRL | SHIFT));
    key(up('ShiftLeft', 'Shift', CTRL));
    key(up('ControlLeft', 'Control'));
    key(down('KeyL', 'l', META));
    expect(model.typed.at(-1)).toEqual({ keysym: 0x6c, char: 'l', mods: ['meta'] });
  });

  it("takes the shortcut letter from the guest's layout (AZERTY Ctrl+A is on the Q key)", () => {
    const { model, key } = setup();
    key(down('KeyQ', 'a', CTRL));
    expect(model.typed).toEqual([{ keysym: 0x61, char: 'a', mods: ['control'] }]);
  });

  it('falls back to the physical key when the layout has no such letter', () => {
    const { model, key } = setup();
    key(down('KeyC', 'с', CTRL)); // Cyrillic es, on the C key of a Russian layout
    expect(model.typed).toEqual([{ keysym: 0x63, char: 'c', mods: ['control'] }]);
  });

  it('binds a spare keycode for a named key the keymap lacks, and keeps it while held', () => {
    const { model, key, keyboard } = setup();
    key(down('F24', 'F24'));
    expect(model.typed.map((t) => t.keysym)).toEqual([XK.F1 + 23]);
    expect(keyboard.restoreBindings()).toEqual([]); // held: not given back
    key(up('F24', 'F24'));
    expect(keyboard.restoreBindings()).toHaveLength(1);
  });
});

describe('Keyboard: release and restore', () => {
  it('releases every held key, last pressed first', () => {
    const { model, key, keyboard } = setup();
    key(down('ControlLeft', 'Control', CTRL));
    key(down('ShiftLeft', 'Shift', CTRL | SHIFT));
    key(down('ArrowLeft', 'ArrowLeft', CTRL | SHIFT));
    expect(keyboard.heldCodes()).toEqual(['ControlLeft', 'ShiftLeft', 'ArrowLeft']);
    const actions = keyboard.releaseAll();
    expect(actions).toEqual([
      { op: 'key', keycode: 113, down: false },
      { op: 'key', keycode: 50, down: false },
      { op: 'key', keycode: 37, down: false },
    ]);
    model.apply(actions);
    expect(model.down.size).toBe(0);
    expect(keyboard.heldCodes()).toEqual([]);
    // A keyup after the release does nothing.
    expect(keyboard.key(up('ArrowLeft', 'ArrowLeft'), false, 0)).toEqual([]);
  });

  it('gives bound keycodes back to NoSymbol', () => {
    const { model, text, keyboard } = setup();
    text('éж');
    const restore = keyboard.restoreBindings();
    expect(restore).toHaveLength(2);
    expect(restore.every((a) => a.op === 'remap' && a.keysym === 0)).toBe(true);
    model.apply(restore);
    expect(model.rows).toEqual(xvfbMapping().rows);
    expect(keyboard.hasBindings()).toBe(false);
  });

  it('recycles the least recently used binding when the spare keycodes run out', () => {
    const { model, text, keyboard } = setup();
    const spare = new Keymap(xvfbMapping()).spareKeycodes().length;
    const chars = Array.from({ length: spare + 5 }, (_, i) =>
      String.fromCodePoint(0x4e00 + i),
    ).join('');
    const actions = keyboard.text(chars, false, 1000);
    model.apply(actions);
    expect(model.text).toBe(chars);
    expect(actions.filter((a) => a.op === 'remap')).toHaveLength(spare + 5);
    // Bound in two batches (all the spare keycodes, then the rest): one pause after each batch
    // of bindings before its keys are pressed, plus one before rebinding keycodes just used.
    const ops = actions.map((a) => a.op);
    let sinceRemap = false;
    for (const op of ops) {
      if (op === 'remap') sinceRemap = true;
      if (op === 'settle') sinceRemap = false;
      if (op === 'key') expect(sinceRemap).toBe(false);
    }
    expect(ops.filter((op) => op === 'settle')).toHaveLength(3);
    // Never a keycode of the layout.
    const layout = new Set(
      xvfbMapping().rows.flatMap((row, i) => (row.some(Boolean) ? [8 + i] : [])),
    );
    expect(actions.some((a) => a.op === 'remap' && layout.has(a.keycode))).toBe(false);
    text('');
  });

  it('types right a long text that cycles through more characters than spare keycodes', () => {
    const { model, text } = setup();
    const spare = new Keymap(xvfbMapping()).spareKeycodes().length;
    const cycle = Array.from({ length: spare + 7 }, (_, i) => String.fromCodePoint(0x0410 + i));
    const sample = [...cycle, 'a', ...cycle.slice(0, 3), ...cycle.reverse(), 'é', 'é'].join('');
    text(sample);
    text(sample);
    expect(model.text).toBe(sample + sample);
    expect(model.down.size).toBe(0);
  });

  it('keeps its own keycodes out of a reloaded keymap', () => {
    const mapping = xvfbMapping();
    const keyboard = new Keyboard(new Keymap(mapping));
    const model = new XModel(mapping);
    model.apply(keyboard.text('é', false, 1));
    // The server's mapping now has é on a spare keycode; a reload must not adopt it as layout.
    const reloaded = { minKeycode: mapping.minKeycode, rows: model.rows.map((row) => [...row]) };
    keyboard.setKeymap(new Keymap(reloaded, keyboard.ownKeycodes));
    model.apply(keyboard.restoreBindings());
    expect(model.rows).toEqual(mapping.rows);
    model.apply(keyboard.text('é', false, 2));
    expect(model.text).toBe('éé');
  });
});
