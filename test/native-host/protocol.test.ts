import { describe, expect, it } from 'vitest';
import { parseIncoming } from '../../native-host/src/protocol.js';

const move = { kind: 'pointer', action: 'move', nx: 0.5, ny: 0.5, button: 'none', clicks: 0 };

describe('parseIncoming', () => {
  it.each([
    [{ type: 'hello' }],
    [{ type: 'grant', epoch: 0 }],
    [{ type: 'revoke', epoch: 7 }],
    [{ type: 'stats' }],
  ])('accepts %j', (message) => {
    expect(parseIncoming(message)).toEqual({ ok: true, message });
  });

  it('accepts input with every event kind of src/shared/input.ts', () => {
    const events = [
      move,
      { kind: 'pointer', action: 'down', nx: 0, ny: 1, button: 'left', clicks: 2 },
      { kind: 'wheel', nx: 0.1, ny: 0.2, dx: 0, dy: -120 },
      { kind: 'key', action: 'down', code: 'KeyA', key: 'a', modifiers: 0 },
      { kind: 'text', text: 'héllo €' },
    ];
    for (const event of events) {
      expect(parseIncoming({ type: 'input', epoch: 1, seq: 2, event })).toEqual({
        ok: true,
        message: { type: 'input', epoch: 1, seq: 2, event },
      });
    }
  });

  it('clamps wheel deltas instead of refusing them (the shared schema)', () => {
    const parsed = parseIncoming({
      type: 'input',
      epoch: 1,
      seq: 1,
      event: { kind: 'wheel', nx: 0, ny: 0, dx: -1e9, dy: 1e9 },
    });
    expect(parsed).toMatchObject({ ok: true, message: { event: { dx: -1200, dy: 1200 } } });
  });

  it('drops unknown fields', () => {
    expect(parseIncoming({ type: 'hello', extra: 'x' })).toEqual({
      ok: true,
      message: { type: 'hello' },
    });
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [{ type: 'hello' }]],
    ['an unknown type', { type: 'reboot' }],
    ['a grant without epoch', { type: 'grant' }],
    ['a negative epoch', { type: 'grant', epoch: -1 }],
    ['a fractional epoch', { type: 'revoke', epoch: 1.5 }],
    ['a string epoch', { type: 'grant', epoch: '1' }],
    ['an input without seq', { type: 'input', epoch: 1, event: move }],
    ['an input with a huge seq', { type: 'input', epoch: 1, seq: 2 ** 60, event: move }],
    ['an input without event', { type: 'input', epoch: 1, seq: 1 }],
    ['a pointer outside 0..1', { type: 'input', epoch: 1, seq: 1, event: { ...move, nx: 1.5 } }],
    ['a NaN-ish pointer', { type: 'input', epoch: 1, seq: 1, event: { ...move, ny: 'NaN' } }],
    ['an unknown button', { type: 'input', epoch: 1, seq: 1, event: { ...move, button: 'back' } }],
    [
      'a text over 256 characters',
      { type: 'input', epoch: 1, seq: 1, event: { kind: 'text', text: 'x'.repeat(257) } },
    ],
    [
      'a code with punctuation',
      {
        type: 'input',
        epoch: 1,
        seq: 1,
        event: { kind: 'key', action: 'down', code: '../x', key: 'a', modifiers: 0 },
      },
    ],
    [
      'modifiers over 15',
      {
        type: 'input',
        epoch: 1,
        seq: 1,
        event: { kind: 'key', action: 'down', code: 'KeyA', key: 'a', modifiers: 16 },
      },
    ],
  ])('rejects %s with a sentence', (_, value) => {
    const parsed = parseIncoming(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message.length).toBeGreaterThan(5);
  });

  it('names the field that was wrong', () => {
    const parsed = parseIncoming({ type: 'input', epoch: 1, seq: 1, event: { ...move, nx: 2 } });
    expect(parsed).toMatchObject({ ok: false, message: expect.stringMatching(/^event\.nx: /) });
  });
});
