/// <reference path="./x11.d.ts" />
import x11, { type XClient, type XDisplay, type XError, type XEvent, type XTest } from 'x11';
import type { XAction } from './actions.js';
import { type Backend, BackendError, type BackendHooks, type Connection } from './backend.js';
import type { KeyboardMapping } from './keymap.js';
import type { Log } from './log.js';

/**
 * Injection through the XTEST extension over one persistent X connection (the `x11` package,
 * pure JavaScript: no xdotool process per event, no native module).
 */
export const MESSAGES = {
  noDisplay:
    'Desktop control needs an X11 session, and no X display was found (DISPLAY is not set).',
  wayland: 'Desktop control needs an X11 session: this is Wayland without a portal.',
  xwayland: (display: string) =>
    `Desktop control needs an X11 session: this is Wayland, and the X display ${display} is ` +
    'XWayland, where injected input would reach only X11 windows.',
  xtestMissing: (display: string) =>
    `Desktop control needs the XTEST extension, which the X server on ${display} does not offer.`,
  connect: (display: string, reason: string) =>
    `Desktop control could not connect to the X display ${display}: ${reason}.`,
  lost: (display: string, reason: string) =>
    `Desktop control lost its connection to the X display ${display}: ${reason}.`,
};

const LOCK_MASK = 2;
const MAPPING_KEYBOARD = 1;

export interface X11BackendOptions {
  env?: NodeJS.ProcessEnv;
  log?: Log;
  connectTimeoutMs?: number;
}

export class X11Backend implements Backend {
  private readonly env: NodeJS.ProcessEnv;
  private readonly log: Log;
  private readonly connectTimeoutMs: number;

  constructor(options: X11BackendOptions = {}) {
    this.env = options.env ?? process.env;
    this.log = options.log ?? (() => {});
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
  }

  async open(hooks: BackendHooks): Promise<Connection> {
    const display = this.env.DISPLAY?.trim();
    if (!display) {
      if (this.env.WAYLAND_DISPLAY) throw new BackendError('wayland', MESSAGES.wayland);
      throw new BackendError('no-display', MESSAGES.noDisplay);
    }
    const xdisplay = await this.connect(display);
    const client = xdisplay.client;
    try {
      const xtest = await requireXTest(client).catch(() => {
        throw new BackendError('xtest-missing', MESSAGES.xtestMissing(display));
      });
      const xwayland = await queryExtension(client, 'XWAYLAND');
      if (xwayland && !this.env.DESKBRIDGE_ALLOW_XWAYLAND) {
        throw new BackendError('wayland', MESSAGES.xwayland(display));
      }
      const mapping = await keyboardMapping(client, xdisplay.min_keycode, xdisplay.max_keycode);
      const screen = xdisplay.screen[Number(client.screenNum) || 0] ?? xdisplay.screen[0];
      if (!screen) throw new BackendError('x-error', MESSAGES.connect(display, 'it has no screen'));
      return new X11Connection(display, xdisplay, screen.root, xtest, mapping, hooks, this.log);
    } catch (error) {
      client.terminate();
      if (error instanceof BackendError) throw error;
      throw new BackendError('x-error', MESSAGES.connect(display, (error as Error).message));
    }
  }

  private connect(display: string): Promise<XDisplay> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (reason: string) => {
        if (settled) return;
        settled = true;
        reject(new BackendError('x-error', MESSAGES.connect(display, reason)));
      };
      const timer = setTimeout(() => {
        fail(`no answer within ${this.connectTimeoutMs} ms`);
        try {
          client?.terminate();
        } catch {}
      }, this.connectTimeoutMs);
      let client: XClient | undefined;
      try {
        client = x11.createClient({ display }, (error, xdisplay) => {
          clearTimeout(timer);
          if (error) return fail(error.message || String(error));
          if (settled) return xdisplay.client.terminate();
          settled = true;
          resolve(xdisplay);
        });
        // Until the connection's own handlers are attached, errors are setup failures.
        client.on('error', (error) => fail(error.message));
      } catch (error) {
        clearTimeout(timer);
        fail((error as Error).message);
      }
    });
  }
}

function requireXTest(client: XClient): Promise<XTest> {
  return new Promise((resolve, reject) => {
    client.require('xtest', (error, ext) => (error ? reject(error) : resolve(ext)));
  });
}

function queryExtension(client: XClient, name: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    client.QueryExtension(name, (error, ext) => (error ? reject(error) : resolve(!!ext?.present)));
  });
}

function keyboardMapping(client: XClient, min: number, max: number): Promise<KeyboardMapping> {
  return new Promise((resolve, reject) => {
    client.GetKeyboardMapping(min, max - min + 1, (error, rows) =>
      error ? reject(error) : resolve({ minKeycode: min, rows }),
    );
  });
}

class X11Connection implements Connection {
  width: number;
  height: number;
  mapping: KeyboardMapping;
  private readonly client: XClient;
  /** Keycodes this host rebound: their MappingNotify is our own echo. */
  private readonly rebound = new Set<number>();
  private dead: string | null = null;
  private closing = false;

  constructor(
    readonly display: string,
    private readonly xdisplay: XDisplay,
    private readonly root: number,
    private readonly xtest: XTest,
    mapping: KeyboardMapping,
    private readonly hooks: BackendHooks,
    private readonly log: Log,
  ) {
    this.client = xdisplay.client;
    this.mapping = mapping;
    const screen = xdisplay.screen.find((candidate) => candidate.root === root);
    this.width = screen?.pixel_width ?? 0;
    this.height = screen?.pixel_height ?? 0;
    this.client.removeAllListeners?.('error');
    this.client.on('error', (error) => this.onError(error));
    this.client.on('end', () => this.die('the X server closed the connection'));
    this.client.on('event', (event) => this.onEvent(event));
    // ConfigureNotify on the root window: the screen was resized (RandR).
    this.client.ChangeWindowAttributes(root, {
      eventMask: x11.eventMask.StructureNotify ?? 0x20000,
    });
  }

  async run(actions: readonly XAction[]): Promise<void> {
    if (this.dead) throw new Error(this.dead);
    const { xtest } = this;
    for (const action of actions) {
      switch (action.op) {
        case 'motion':
          xtest.FakeInput(xtest.MotionNotify, 0, 0, this.root, action.x, action.y);
          break;
        case 'button':
          xtest.FakeInput(
            action.down ? xtest.ButtonPress : xtest.ButtonRelease,
            action.button,
            0,
            0,
            0,
            0,
          );
          break;
        case 'key':
          xtest.FakeInput(
            action.down ? xtest.KeyPress : xtest.KeyRelease,
            action.keycode,
            0,
            0,
            0,
            0,
          );
          break;
        case 'remap':
          this.rebound.add(action.keycode);
          this.client.ChangeKeyboardMapping(action.keycode, 2, [action.keysym, action.keysym]);
          break;
        case 'settle':
          await this.sync();
          await new Promise((resolve) => setTimeout(resolve, action.ms));
          break;
      }
    }
  }

  lockOn(): Promise<boolean> {
    return this.withTimeout(
      new Promise((resolve, reject) => {
        this.client.QueryPointer(this.root, (error, pointer) =>
          error ? reject(error) : resolve((pointer.keyMask & LOCK_MASK) !== 0),
        );
      }),
    );
  }

  sync(): Promise<void> {
    if (this.dead) return Promise.reject(new Error(this.dead));
    return this.withTimeout(
      new Promise((resolve, reject) => {
        this.client.sync((error) => (error ? reject(error) : resolve()));
      }),
    );
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.dead) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        try {
          this.client.terminate();
        } catch {}
        resolve();
      }, 500);
      try {
        this.client.close(() => {
          clearTimeout(timer);
          resolve();
        });
      } catch {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** A round trip that never comes back means the server is gone or wedged. */
  private withTimeout<T>(promise: Promise<T>, ms = 2000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`the X server did not answer within ${ms} ms`));
      }, ms);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  private onError(error: XError): void {
    if (typeof error.error === 'number') {
      // A protocol error for one request (a keycode the server refused…): the connection lives.
      this.log(
        'warn',
        `X error ${error.error} (${error.message}) for request ${error.majorOpcode}.${error.minorOpcode}`,
      );
      return;
    }
    this.die(error.message || String(error));
  }

  private die(reason: string): void {
    if (this.dead || this.closing) return;
    this.dead = MESSAGES.lost(this.display, reason);
    this.hooks.lost(this.dead);
  }

  private onEvent(event: XEvent): void {
    if (event.name === 'ConfigureNotify' && event.wid === this.root) {
      if (
        event.width &&
        event.height &&
        (event.width !== this.width || event.height !== this.height)
      ) {
        this.log('info', `screen resized to ${event.width}x${event.height}`);
        this.width = event.width;
        this.height = event.height;
      }
      return;
    }
    if (event.name === 'MappingNotify') {
      this.log(
        'debug',
        `MappingNotify request=${event.request} first=${event.firstKeyCode} count=${event.count}`,
      );
    }
    if (event.name === 'MappingNotify' && event.request === MAPPING_KEYBOARD) {
      const first = event.firstKeyCode ?? 0;
      const count = event.count ?? 0;
      let ours = count > 0;
      for (let keycode = first; keycode < first + count; keycode++) {
        if (!this.rebound.has(keycode)) ours = false;
      }
      if (ours) return;
      keyboardMapping(this.client, this.xdisplay.min_keycode, this.xdisplay.max_keycode).then(
        (mapping) => {
          this.mapping = mapping;
          this.hooks.keymap(mapping);
        },
        (error: unknown) => this.log('warn', `could not reload the keyboard mapping: ${error}`),
      );
    }
  }
}
