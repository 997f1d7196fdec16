import { describe, expect, it } from 'vitest';
import type { XAction } from '../../native-host/src/actions.js';
import {
  type Backend,
  BackendError,
  type BackendHooks,
  type Connection,
} from '../../native-host/src/backend.js';
import { Controller, type ControllerOptions } from '../../native-host/src/controller.js';
import type { KeyboardMapping } from '../../native-host/src/keymap.js';
import type { Outgoing } from '../../native-host/src/protocol.js';
import type { InputEvent } from '../../src/shared/input.js';
import { XModel, xvfbMapping } from './helpers.js';

class FakeConnection implements Connection {
  readonly display = ':42';
  width = 1280;
  height = 800;
  readonly actions: XAction[] = [];
  readonly model: XModel;
  closed = false;
  lock = false;
  constructor(readonly mapping: KeyboardMapping) {
    this.model = new XModel(mapping);
  }
  async run(actions: readonly XAction[]) {
    this.actions.push(...actions);
    this.model.apply(actions);
  }
  async lockOn() {
    return this.lock;
  }
  async sync() {}
  async close() {
    this.closed = true;
  }
}

class FakeBackend implements Backend {
  connection: FakeConnection | null = null;
  hooks: BackendHooks | null = null;
  opens = 0;
  constructor(private readonly failure?: BackendError) {}
  async open(hooks: BackendHooks) {
    this.opens++;
    if (this.failure) throw this.failure;
    this.hooks = hooks;
    this.connection = new FakeConnection(xvfbMapping());
    return this.connection;
  }
}

function setup(options: ControllerOptions & { failure?: BackendError } = {}) {
  const backend = new FakeBackend(options.failure);
  const sent: Outgoing[] = [];
  let clock = 1_000_000;
  const controller = new Controller(backend, (message) => sent.push(message), {
    now: () => clock,
    ...options,
  });
  let seq = 0;
  const input = (event: InputEvent, epoch = 1, at = ++seq) =>
    controller.receive({ type: 'input', epoch, seq: at, event });
  const stats = async () => {
    controller.receive({ type: 'stats' });
    await controller.idle();
    return sent.filter((m) => m.type === 'stats').at(-1) as Extract<Outgoing, { type: 'stats' }>;
  };
  return {
    backend,
    controller,
    sent,
    input,
    stats,
    tick: (ms: number) => {
      clock += ms;
    },
    model: () => backend.connection?.model as XModel,
  };
}

const move = (nx: number, ny: number): InputEvent => ({
  kind: 'pointer',
  action: 'move',
  nx,
  ny,
  button: 'none',
  clicks: 0,
});
const press = (
  action: 'down' | 'up',
  button: 'left' | 'right' = 'left',
  nx = 0.5,
  ny = 0.5,
): InputEvent => ({
  kind: 'pointer',
  action,
  nx,
  ny,
  button,
  clicks: 1,
});
const key = (action: 'down' | 'up', code: string, k: string, modifiers = 0): InputEvent => ({
  kind: 'key',
  action,
  code,
  key: k,
  modifiers,
});

describe('Controller: hello', () => {
  it('answers with the screen when the backend works', async () => {
    const { controller, sent } = setup();
    controller.receive({ type: 'hello' });
    await controller.idle();
    expect(sent).toEqual([
      {
        type: 'status',
        ok: true,
        backend: 'xtest',
        display: ':42',
        screen: { width: 1280, height: 800 },
      },
    ]);
  });

  it('answers ok:false with the code and sentence, refuses the grant, and drops input', async () => {
    const failure = new BackendError(
      'wayland',
      'Desktop control needs an X11 session: this is Wayland without a portal.',
    );
    const { controller, sent, input, stats } = setup({ failure });
    controller.receive({ type: 'hello' });
    controller.receive({ type: 'grant', epoch: 1 });
    input(move(0.5, 0.5));
    await controller.idle();
    expect(sent.slice(0, 2)).toEqual([
      { type: 'status', ok: false, code: 'wayland', message: failure.message },
      { type: 'error', code: 'wayland', message: failure.message },
    ]);
    const result = await stats();
    expect(result.injected).toBe(0);
    expect(result.dropped).toBe(1);
  });
});

describe('Controller: grants', () => {
  it('drops input before the grant, injects during it, drops it after the revoke', async () => {
    const { controller, sent, input, stats, model } = setup();
    input(move(0.1, 0.1));
    controller.receive({ type: 'grant', epoch: 1 });
    input(move(0.25, 0.5));
    await controller.idle();
    expect(model().pointer).toEqual({ x: 320, y: 400 });
    controller.receive({ type: 'revoke', epoch: 1 });
    input(move(0.9, 0.9));
    await controller.idle();
    expect(model().pointer).toEqual({ x: 320, y: 400 });
    expect(sent.map((m) => m.type)).toEqual(['granted', 'revoked']);
    const result = await stats();
    expect(result).toMatchObject({ injected: 1, dropped: 2, droppedBy: { 'no-grant': 2 } });
  });

  it('accepts input sent right behind the grant, before "granted" went out', async () => {
    const { controller, input, stats } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    input(move(0.5, 0.5));
    input(move(0.6, 0.5));
    expect((await stats()).injected).toBe(2);
  });

  it('drops input with another epoch, and replays of old sequence numbers', async () => {
    const { controller, input, stats } = setup();
    controller.receive({ type: 'grant', epoch: 5 });
    input(move(0.5, 0.5), 4);
    input(move(0.5, 0.5), 6);
    input(move(0.5, 0.5), 5, 10);
    input(move(0.5, 0.5), 5, 10);
    input(move(0.5, 0.5), 5, 9);
    input(move(0.5, 0.5), 5, 11);
    const result = await stats();
    expect(result.injected).toBe(2);
    expect(result.droppedBy).toMatchObject({ 'stale-epoch': 2, 'stale-seq': 2 });
  });

  it('releases every held key and button on revoke, before saying "revoked"', async () => {
    const { controller, sent, input, stats, backend } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    input(key('down', 'ControlLeft', 'Control', 2));
    input(key('down', 'ShiftLeft', 'Shift', 10));
    input(press('down', 'left', 0.2, 0.2));
    input(press('down', 'right', 0.2, 0.2));
    let result = await stats();
    expect(result.held).toEqual({ keys: ['ControlLeft', 'ShiftLeft'], buttons: ['left', 'right'] });
    const connection = backend.connection as FakeConnection;
    expect(connection.model.down.size).toBe(2);
    expect(connection.model.buttonsDown.size).toBe(2);
    const before = connection.actions.length;
    controller.receive({ type: 'revoke', epoch: 1 });
    await controller.idle();
    expect(sent.at(-1)).toEqual({ type: 'revoked', epoch: 1 });
    // Buttons first (a Ctrl+drag ends as a Ctrl+drop), then keys.
    expect(connection.actions.slice(before)).toEqual([
      { op: 'button', button: 1, down: false },
      { op: 'button', button: 3, down: false },
      { op: 'key', keycode: 50, down: false },
      { op: 'key', keycode: 37, down: false },
    ]);
    expect(connection.model.down.size).toBe(0);
    expect(connection.model.buttonsDown.size).toBe(0);
    result = await stats();
    expect(result.held).toEqual({ keys: [], buttons: [] });
  });

  it('revokes whatever epoch the revoke names', async () => {
    const { controller, input, stats } = setup();
    controller.receive({ type: 'grant', epoch: 3 });
    controller.receive({ type: 'revoke', epoch: 99 });
    input(move(0.5, 0.5), 3);
    expect((await stats()).injected).toBe(0);
  });

  it('releases what the previous controller held when the grant moves to a new epoch', async () => {
    const { controller, input, backend } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    input(press('down'), 1);
    input(key('down', 'ShiftLeft', 'Shift', 8), 1);
    controller.receive({ type: 'grant', epoch: 2 });
    input(move(0.3, 0.3), 2, 1);
    await controller.idle();
    const model = (backend.connection as FakeConnection).model;
    expect(model.down.size).toBe(0);
    expect(model.buttonsDown.size).toBe(0);
    expect(model.pointer).toEqual({ x: 384, y: 240 });
  });

  it('ends the grant when the X connection is lost, and reconnects on the next hello', async () => {
    const { controller, input, sent, backend, stats } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    await controller.idle();
    backend.hooks?.lost('Desktop control lost its connection to the X display :42: gone.');
    expect(sent.slice(-2)).toEqual([
      { type: 'revoked', epoch: 1, reason: 'x-error' },
      {
        type: 'error',
        code: 'x-error',
        message: 'Desktop control lost its connection to the X display :42: gone.',
      },
    ]);
    input(move(0.5, 0.5));
    expect((await stats()).droppedBy['no-grant']).toBe(1);
    controller.receive({ type: 'hello' });
    await controller.idle();
    expect(backend.opens).toBe(2);
    expect(sent.at(-1)).toMatchObject({ type: 'status', ok: true });
  });
});

describe('Controller: input', () => {
  it('clicks, double-clicks, drags and scrolls', async () => {
    const { controller, input, backend } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    input(press('down', 'left', 0.1, 0.1));
    input(press('up', 'left', 0.1, 0.1));
    input({ kind: 'pointer', action: 'down', nx: 0.1, ny: 0.1, button: 'left', clicks: 2 });
    input({ kind: 'pointer', action: 'up', nx: 0.1, ny: 0.1, button: 'left', clicks: 2 });
    input(press('down', 'left', 0.2, 0.2));
    input({ kind: 'pointer', action: 'move', nx: 0.3, ny: 0.3, button: 'left', clicks: 0 });
    input(press('up', 'left', 0.4, 0.4));
    input({ kind: 'wheel', nx: 0.5, ny: 0.5, dx: 0, dy: 250 });
    input({ kind: 'wheel', nx: 0.5, ny: 0.5, dx: -100, dy: 0 });
    await controller.idle();
    const connection = backend.connection as FakeConnection;
    expect(connection.model.clicks).toEqual([1, 1, 1, 5, 5, 5, 6]);
    expect(connection.model.buttonsDown.size).toBe(0);
    expect(connection.model.pointer).toEqual({ x: 640, y: 400 });
    const motions = connection.actions.filter((a) => a.op === 'motion');
    expect(motions.slice(4, 7)).toEqual([
      { op: 'motion', x: 256, y: 160 },
      { op: 'motion', x: 384, y: 240 },
      { op: 'motion', x: 512, y: 320 },
    ]);
  });

  it('turns a second press without a release into a fresh click', async () => {
    const { controller, input, backend } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    input(press('down'));
    input(press('down'));
    input(press('up'));
    input(press('up'));
    await controller.idle();
    const buttons = (backend.connection as FakeConnection).actions.filter((a) => a.op === 'button');
    expect(buttons.map((a) => (a.op === 'button' ? a.down : null))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('types keys and text, asking for Caps Lock only when a letter is typed', async () => {
    const { controller, input, backend } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    await controller.idle();
    const connection = backend.connection as FakeConnection;
    connection.lock = true;
    connection.model.lock = true;
    input(key('down', 'ShiftLeft', 'Shift', 8));
    input(key('down', 'KeyH', 'H', 8));
    input(key('up', 'KeyH', 'H', 8));
    input(key('up', 'ShiftLeft', 'Shift'));
    input({ kind: 'text', text: 'i, ça va? 1+1' });
    await controller.idle();
    expect(connection.model.text).toBe('Hi, ça va? 1+1');
    expect(connection.model.lock).toBe(true);
  });

  it('gives bound keycodes back once idle', async () => {
    const { controller, input, backend } = setup({ bindingIdleMs: 20 });
    controller.receive({ type: 'grant', epoch: 1 });
    input({ kind: 'text', text: 'é' });
    await controller.idle();
    const connection = backend.connection as FakeConnection;
    expect(connection.model.rows).not.toEqual(xvfbMapping().rows);
    await new Promise((resolve) => setTimeout(resolve, 60));
    await controller.idle();
    expect(connection.model.rows).toEqual(xvfbMapping().rows);
  });
});

describe('Controller: limits and garbage', () => {
  it('caps a flood of pointer moves at the token bucket, never the releases', async () => {
    const { controller, input, stats, tick } = setup({
      moveRule: { capacity: 60, perSecond: 120 },
    });
    controller.receive({ type: 'grant', epoch: 1 });
    // 5 000 moves in one second, 1 every 0.2 ms.
    for (let i = 0; i < 5000; i++) {
      input(move((i % 100) / 100, 0.5));
      tick(0.2);
    }
    let result = await stats();
    expect(result.injected).toBeGreaterThanOrEqual(60 + 119);
    expect(result.injected).toBeLessThanOrEqual(60 + 121);
    expect(result.droppedBy['rate-limited']).toBe(5000 - result.injected);
    // Presses have their own bucket, and releases always pass.
    input(press('down'));
    for (let i = 0; i < 500; i++) input(key('down', 'KeyA', 'a'));
    input(press('up'));
    result = await stats();
    expect(result.held.buttons).toEqual([]);
  });

  it('refuses new presses beyond the queue limit, but not releases', async () => {
    const { controller, input, stats } = setup({
      maxPending: 5,
      pressRule: { capacity: 1000, perSecond: 1000 },
    });
    controller.receive({ type: 'grant', epoch: 1 });
    for (let i = 0; i < 20; i++) input(key('down', 'KeyA', 'a'));
    input(key('up', 'KeyA', 'a'));
    const result = await stats();
    expect(result.droppedBy.overload).toBe(16);
    expect(result.injected).toBe(5);
  });

  it('answers garbage with invalid-message errors (rate limited) and keeps working', async () => {
    const { controller, sent, stats } = setup();
    const garbage: unknown[] = [
      null,
      42,
      'hello',
      [],
      {},
      { type: 'grant', epoch: 'x' },
      { type: 'input', epoch: 1, seq: 1, event: { kind: 'pointer' } },
    ];
    for (const value of garbage) controller.receive(value);
    controller.reject('message of 2000000 bytes is over the 1048576-byte limit');
    const errors = sent.filter((m) => m.type === 'error');
    expect(errors).toHaveLength(garbage.length + 1);
    expect(
      errors.every(
        (m) => m.type === 'error' && m.code === 'invalid-message' && m.message.length > 0,
      ),
    ).toBe(true);
    for (let i = 0; i < 100; i++) controller.receive({ nope: i });
    expect(sent.filter((m) => m.type === 'error').length).toBeLessThan(30);
    controller.receive({ type: 'hello' });
    await controller.idle();
    expect(sent.at(-1)).toMatchObject({ type: 'status', ok: true });
    expect((await stats()).droppedBy.invalid).toBe(garbage.length + 1 + 100);
  });
});

describe('Controller: shutdown', () => {
  it('releases what is held, gives bound keycodes back and closes the connection', async () => {
    const { controller, input, backend } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    input(key('down', 'ShiftLeft', 'Shift', 8));
    input(press('down'));
    input({ kind: 'text', text: 'ж' });
    await controller.shutdown();
    const connection = backend.connection as FakeConnection;
    expect(connection.model.down.size).toBe(0);
    expect(connection.model.buttonsDown.size).toBe(0);
    expect(connection.model.rows).toEqual(xvfbMapping().rows);
    expect(connection.closed).toBe(true);
    input(move(0.5, 0.5));
    controller.receive({ type: 'hello' });
    await controller.idle();
  });
});

describe('Controller: long text', () => {
  it('stops typing a long text when a revoke arrives in the middle of it', async () => {
    const { controller, backend, sent } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    await controller.idle();
    const connection = backend.connection as FakeConnection;
    // Each run of a piece yields to the event loop, as the real X connection does.
    const run = connection.run.bind(connection);
    connection.run = async (actions) => {
      await run(actions);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const text = 'x'.repeat(256);
    controller.receive({ type: 'input', epoch: 1, seq: 1, event: { kind: 'text', text } });
    await new Promise((resolve) => setTimeout(resolve, 12));
    controller.receive({ type: 'revoke', epoch: 1 });
    await controller.idle();
    expect(sent.at(-1)).toEqual({ type: 'revoked', epoch: 1 });
    expect(connection.model.text.length).toBeGreaterThan(0);
    expect(connection.model.text.length).toBeLessThan(256);
    expect(connection.model.text.length % 32).toBe(0);
  });
});

describe('Controller: queued input', () => {
  it('drops what is still queued when a revoke arrives', async () => {
    const { controller, input, stats, backend } = setup();
    controller.receive({ type: 'grant', epoch: 1 });
    for (let i = 0; i < 10; i++) input(move(i / 10, 0.5));
    controller.receive({ type: 'revoke', epoch: 1 });
    const result = await stats();
    expect(result.injected).toBe(0);
    expect(result.droppedBy['no-grant']).toBe(10);
    expect(backend.connection?.actions.filter((a) => a.op === 'motion')).toEqual([]);
  });
});
