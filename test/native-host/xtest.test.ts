/// <reference path="../../native-host/src/x11.d.ts" />

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { XDisplay, XEvent } from 'x11';
import { charForKeysym, implicitShifted } from '../../native-host/src/keysyms.js';
import {
  buildHost,
  HostProcess,
  openDisplay,
  startXvfb,
  until,
  type Xvfb,
  xcall,
} from './harness.js';

/**
 * The real thing: the built host, a real X server (Xvfb), the framed protocol over the host's
 * stdin/stdout, and an X client of our own that watches what XTEST did.
 */
const SHIFT_MASK = 1;
const CONTROL_MASK = 4;
const BUTTON1_MASK = 0x100;

function hostEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.XDG_SESSION_TYPE;
  return { ...env, ...extra };
}

interface SeenKey {
  keycode: number;
  state: number;
  keysym: number;
  char: string | undefined;
}

/** A window covering the screen, focused, recording keys and buttons with their keysyms. */
async function watcher(xdisplay: XDisplay) {
  const X = xdisplay.client;
  const screen = xdisplay.screen[0] as XDisplay['screen'][number] & { root_visual?: number };
  const wid = X.AllocID();
  const mask = 0x1 | 0x2 | 0x4 | 0x8; // KeyPress, KeyRelease, ButtonPress, ButtonRelease
  X.CreateWindow(wid, screen.root, 0, 0, 1280, 800, 0, 0, 1, 0, {
    eventMask: mask,
    overrideRedirect: 1,
  });
  X.MapWindow(wid);
  X.SetInputFocus(wid, 1);
  await X.sync();
  const keys: SeenKey[] = [];
  const releases: number[] = [];
  const buttons: Array<{ button: number; x: number; y: number }> = [];
  const pending: Promise<void>[] = [];
  X.on('event', (event: XEvent) => {
    if (event.name === 'KeyPress') {
      const keycode = event.keycode as number;
      const state = event.buttons as number;
      // Asked at once, while any keycode the host bound for a character is still bound.
      pending.push(
        xcall<number[][]>((cb) => X.GetKeyboardMapping(keycode, 1, cb)).then((rows) => {
          const row = rows[0] ?? [];
          const base = row[0] ?? 0;
          const keysym = state & SHIFT_MASK ? row[1] || implicitShifted(base) || base : base;
          keys.push({ keycode, state, keysym, char: charForKeysym(keysym) });
        }),
      );
    } else if (event.name === 'KeyRelease') {
      releases.push(event.keycode as number);
    } else if (event.name === 'ButtonPress') {
      buttons.push({
        button: event.keycode as number,
        x: event.rootx as number,
        y: event.rooty as number,
      });
    }
  });
  return {
    wid,
    keys,
    releases,
    buttons,
    /** Waits until every key press seen so far has its keysym. */
    settled: async () => {
      await X.sync();
      await Promise.all(pending);
    },
  };
}

describe('native host over XTEST (Xvfb)', { timeout: 30_000 }, () => {
  let xvfb: Xvfb;
  let xdisplay: XDisplay;
  let host: HostProcess;
  /** The spare keycode the host bound for "é" (this keymap has none). */
  let boundForE = 0;

  beforeAll(async () => {
    buildHost();
    xvfb = await startXvfb();
    xdisplay = await openDisplay(xvfb.display);
    host = new HostProcess(hostEnv({ DISPLAY: xvfb.display }));
  }, 60_000);

  afterAll(async () => {
    host?.kill();
    xdisplay?.client.terminate();
    await xvfb?.stop();
  });

  const pointer = () =>
    xcall<{ rootX: number; rootY: number; keyMask: number }>((cb) =>
      xdisplay.client.QueryPointer(xdisplay.screen[0]?.root as number, cb),
    );

  it('says hello with the X screen size', async () => {
    const status = await host.request({ type: 'hello' }, 'status');
    expect(status).toEqual({
      type: 'status',
      ok: true,
      backend: 'xtest',
      display: xvfb.display,
      screen: { width: 1280, height: 800 },
    });
  });

  it('drops input before a grant', async () => {
    host.send({
      type: 'input',
      epoch: 1,
      seq: 1,
      event: { kind: 'pointer', action: 'move', nx: 0.9, ny: 0.9, button: 'none', clicks: 0 },
    });
    const stats = await host.stats();
    expect(stats).toMatchObject({ injected: 0, dropped: 1, droppedBy: { 'no-grant': 1 } });
    const position = await pointer();
    expect([position.rootX, position.rootY]).not.toEqual([1152, 720]);
  });

  it('answers a malformed message with an error and stays up', async () => {
    const error = host.next('error');
    host.writeRaw(Buffer.concat([Buffer.from([5, 0, 0, 0]), Buffer.from('{oops')]));
    expect(await error).toMatchObject({ type: 'error', code: 'invalid-message' });
    const bad = await host.request(
      { type: 'input', epoch: 1, seq: 1, event: { kind: 'laser' } },
      'error',
    );
    expect(bad.message).toMatch(/event/);
  });

  it('moves the X pointer after a grant: nx 0.25, ny 0.5 is (320, 400)', async () => {
    expect(await host.request({ type: 'grant', epoch: 7 }, 'granted')).toEqual({
      type: 'granted',
      epoch: 7,
    });
    host.send({
      type: 'input',
      epoch: 7,
      seq: 1,
      event: { kind: 'pointer', action: 'move', nx: 0.25, ny: 0.5, button: 'none', clicks: 0 },
    });
    await host.stats();
    const position = await until(pointer, (p) => p.rootX === 320 && p.rootY === 400);
    expect({ x: position.rootX, y: position.rootY }).toEqual({ x: 320, y: 400 });
    host.send({
      type: 'input',
      epoch: 7,
      seq: 2,
      event: { kind: 'pointer', action: 'move', nx: 1, ny: 1, button: 'none', clicks: 0 },
    });
    const corner = await until(pointer, (p) => p.rootX === 1279);
    expect({ x: corner.rootX, y: corner.rootY }).toEqual({ x: 1279, y: 799 });
  });

  it('types a, Shift+A, é (a layout without é), text, and Ctrl+C into a focused X window', async () => {
    const seen = await watcher(xdisplay);
    let seq = 10;
    const key = (action: 'down' | 'up', code: string, k: string, modifiers = 0) =>
      host.send({
        type: 'input',
        epoch: 7,
        seq: seq++,
        event: { kind: 'key', action, code, key: k, modifiers },
      });
    key('down', 'KeyA', 'a');
    key('up', 'KeyA', 'a');
    key('down', 'ShiftLeft', 'Shift', 8);
    key('down', 'KeyA', 'A', 8);
    key('up', 'KeyA', 'A', 8);
    key('up', 'ShiftLeft', 'Shift');
    key('down', 'KeyE', 'é');
    key('up', 'KeyE', 'é');
    host.send({ type: 'input', epoch: 7, seq: seq++, event: { kind: 'text', text: 'Hi €ß!' } });
    key('down', 'ControlLeft', 'Control', 2);
    key('down', 'KeyC', 'c', 2);
    key('up', 'KeyC', 'c', 2);
    key('up', 'ControlLeft', 'Control');
    key('down', 'Backspace', 'Backspace');
    key('up', 'Backspace', 'Backspace');
    const stats = await host.stats();
    expect(stats.injected).toBe(2 + 15);
    await until(
      async () => {
        await seen.settled();
        return seen.keys.length;
      },
      (count) => count >= 14,
    );
    await seen.settled();
    const printable = seen.keys.filter((k) => k.char !== undefined);
    const typed = printable
      .filter((k) => !(k.state & CONTROL_MASK))
      .map((k) => k.char)
      .join('');
    expect(typed).toBe('aAéHi €ß!');
    boundForE = printable.find((k) => k.char === 'é')?.keycode ?? 0;
    expect(boundForE).toBeGreaterThan(0);
    const shortcut = printable.filter((k) => k.state & CONTROL_MASK);
    expect(shortcut.map((k) => k.char)).toEqual(['c']);
    expect(seen.keys.at(-1)?.keysym).toBe(0xff08); // BackSpace
    // Every press was released.
    expect(seen.releases.length).toBe(seen.keys.length);
    expect((await pointer()).keyMask & (SHIFT_MASK | CONTROL_MASK)).toBe(0);
  });

  it('clicks and scrolls at the right place', async () => {
    const seen = await watcher(xdisplay);
    let seq = 100;
    const send = (event: unknown) => host.send({ type: 'input', epoch: 7, seq: seq++, event });
    send({ kind: 'pointer', action: 'down', nx: 0.5, ny: 0.5, button: 'left', clicks: 1 });
    send({ kind: 'pointer', action: 'up', nx: 0.5, ny: 0.5, button: 'left', clicks: 1 });
    send({ kind: 'pointer', action: 'down', nx: 0.1, ny: 0.2, button: 'right', clicks: 1 });
    send({ kind: 'pointer', action: 'up', nx: 0.1, ny: 0.2, button: 'right', clicks: 1 });
    send({ kind: 'wheel', nx: 0.75, ny: 0.25, dx: 0, dy: 200 });
    send({ kind: 'wheel', nx: 0.75, ny: 0.25, dx: -50, dy: 0 });
    await host.stats();
    await until(
      async () => {
        await seen.settled();
        return seen.buttons.length;
      },
      (count) => count >= 5,
    );
    expect(seen.buttons).toEqual([
      { button: 1, x: 640, y: 400 },
      { button: 3, x: 128, y: 160 },
      { button: 5, x: 960, y: 200 },
      { button: 5, x: 960, y: 200 },
      { button: 6, x: 960, y: 200 },
    ]);
  });

  it('caps a flood of 5 000 pointer moves at the rate limit and stays responsive', async () => {
    const before = await host.stats();
    const started = performance.now();
    const frames: unknown[] = [];
    for (let i = 0; i < 5000; i++) {
      frames.push({
        type: 'input',
        epoch: 7,
        seq: 1000 + i,
        event: {
          kind: 'pointer',
          action: 'move',
          nx: (i % 100) / 100,
          ny: 0.5,
          button: 'none',
          clicks: 0,
        },
      });
    }
    for (const frame of frames) host.send(frame);
    const after = await host.stats();
    const seconds = (performance.now() - started) / 1000;
    const injected = after.injected - before.injected;
    // Burst of 60, then 120 per second.
    expect(injected).toBeLessThanOrEqual(60 + Math.ceil(120 * seconds) + 1);
    expect(after.droppedBy['rate-limited'] - before.droppedBy['rate-limited']).toBe(
      5000 - injected,
    );
    expect(await host.request({ type: 'hello' }, 'status')).toMatchObject({ ok: true });
  });

  it('releases held keys and buttons on revoke, then drops input', async () => {
    let seq = 10_000;
    const send = (event: unknown) => host.send({ type: 'input', epoch: 7, seq: seq++, event });
    send({ kind: 'key', action: 'down', code: 'ShiftLeft', key: 'Shift', modifiers: 8 });
    send({ kind: 'pointer', action: 'down', nx: 0.5, ny: 0.5, button: 'left', clicks: 1 });
    const held = await host.stats();
    expect(held.held).toEqual({ keys: ['ShiftLeft'], buttons: ['left'] });
    const mask = await until(
      pointer,
      (p) => (p.keyMask & (SHIFT_MASK | BUTTON1_MASK)) === (SHIFT_MASK | BUTTON1_MASK),
    );
    expect(mask.keyMask & (SHIFT_MASK | BUTTON1_MASK)).toBe(SHIFT_MASK | BUTTON1_MASK);

    expect(await host.request({ type: 'revoke', epoch: 7 }, 'revoked')).toEqual({
      type: 'revoked',
      epoch: 7,
    });
    // "revoked" comes after a round trip to the X server: the releases are already done.
    expect((await pointer()).keyMask & (SHIFT_MASK | BUTTON1_MASK)).toBe(0);

    const before = await host.stats();
    expect(before.held).toEqual({ keys: [], buttons: [] });
    send({ kind: 'pointer', action: 'move', nx: 0.1, ny: 0.1, button: 'none', clicks: 0 });
    send({ kind: 'key', action: 'down', code: 'KeyA', key: 'a', modifiers: 0 });
    const after = await host.stats();
    expect(after.injected).toBe(before.injected);
    expect(after.dropped).toBe(before.dropped + 2);
    const position = await pointer();
    expect({ x: position.rootX, y: position.rootY }).toEqual({ x: 640, y: 400 });
  });

  it('exits within 1 s when stdin closes, giving back the keycode it bound for é', async () => {
    const mapped = await xcall<number[][]>((cb) =>
      xdisplay.client.GetKeyboardMapping(boundForE, 1, cb),
    );
    expect(mapped[0]?.[0]).toBe(0xe9);
    const closed = performance.now();
    host.child.stdin?.end();
    const { code, at } = await host.exited;
    expect(code).toBe(0);
    expect(at - closed).toBeLessThan(1000);
    const [row] = await xcall<number[][]>((cb) =>
      xdisplay.client.GetKeyboardMapping(boundForE, 1, cb),
    );
    expect(row?.every((keysym) => keysym === 0)).toBe(true);
  });
});

describe('native host where desktop control cannot work', { timeout: 30_000 }, () => {
  const hello = async (env: NodeJS.ProcessEnv) => {
    const host = new HostProcess(hostEnv(env));
    try {
      const status = await host.request({ type: 'hello' }, 'status');
      host.send({ type: 'grant', epoch: 1 });
      const refused = await host.next('error');
      host.send({
        type: 'input',
        epoch: 1,
        seq: 1,
        event: { kind: 'pointer', action: 'move', nx: 0.5, ny: 0.5, button: 'none', clicks: 0 },
      });
      const stats = await host.stats();
      host.child.stdin?.end();
      expect((await host.exited).code).toBe(0);
      return { status, refused, stats };
    } finally {
      host.kill();
    }
  };

  beforeAll(() => buildHost(), 60_000);

  it('no DISPLAY: no-display', async () => {
    const { status, refused, stats } = await hello({});
    expect(status).toMatchObject({ ok: false, code: 'no-display' });
    expect(status.ok === false && status.message).toMatch(/X11 session.*DISPLAY is not set/);
    expect(refused).toMatchObject({ code: 'no-display' });
    expect(stats.injected).toBe(0);
  });

  it('Wayland without DISPLAY: wayland, in a sentence the sharer can read', async () => {
    const { status } = await hello({ WAYLAND_DISPLAY: 'wayland-0' });
    expect(status).toEqual({
      type: 'status',
      ok: false,
      code: 'wayland',
      message: 'Desktop control needs an X11 session: this is Wayland without a portal.',
    });
  });

  it('a display nobody serves: x-error', async () => {
    const { status } = await hello({ DISPLAY: ':4321' });
    expect(status).toMatchObject({ ok: false, code: 'x-error' });
    expect(status.ok === false && status.message).toMatch(
      /could not connect to the X display :4321/,
    );
  });

  it('an X server without XTEST: xtest-missing', async () => {
    const bare = await startXvfb(['-tst']);
    try {
      const { status, stats } = await hello({ DISPLAY: bare.display });
      expect(status).toMatchObject({ ok: false, code: 'xtest-missing' });
      expect(status.ok === false && status.message).toMatch(/XTEST/);
      expect(stats.droppedBy['no-grant']).toBe(1);
    } finally {
      await bare.stop();
    }
  });
});
