import type { Button, InputEvent } from '../../src/shared/input.js';
import { type Bucket, type BucketRule, fullBucket, take } from '../../src/shared/token-bucket.js';
import type { XAction } from './actions.js';
import { type Backend, BackendError, type Connection } from './backend.js';
import { BIND_SETTLE_MS, Keyboard } from './keyboard.js';
import { Keymap } from './keymap.js';
import type { Log } from './log.js';
import { BUTTON_NUMBER, toPixel, wheelButtons } from './pointer.js';
import { type DropReason, type Outgoing, parseIncoming, type StatusCode } from './protocol.js';

/**
 * The host's state machine: one grant at a time, identified by the coordinator's control epoch.
 * Input is checked twice — when it arrives (in message order, so an input right behind its grant
 * is accepted and one right behind a revoke is not) and again when it runs — and everything is
 * executed in arrival order on one queue, so "revoked" is sent only after the releases reached
 * the X server and nothing from the old grant can follow it.
 */
export interface ControllerOptions {
  now?: () => number;
  log?: Log;
  /** Pointer moves: defence in depth behind the viewer's own coalescing. */
  moveRule?: BucketRule;
  /** Presses (key down, button down, wheel, text). Releases are never limited. */
  pressRule?: BucketRule;
  /** Error replies, so a flood of garbage does not become a flood of answers. */
  errorRule?: BucketRule;
  /** Events waiting to run before new presses and moves are refused. */
  maxPending?: number;
  /** Spare keycodes bound for characters are given back after this long unused. */
  bindingIdleMs?: number;
}

export const DEFAULT_MOVE_RULE: BucketRule = { capacity: 60, perSecond: 120 };
export const DEFAULT_PRESS_RULE: BucketRule = { capacity: 120, perSecond: 60 };
const DEFAULT_ERROR_RULE: BucketRule = { capacity: 20, perSecond: 10 };

/** Text is typed this many characters at a time, checking for a revoke in between. */
const TEXT_PIECE = 32;

const DROP_REASONS: DropReason[] = [
  'no-grant',
  'stale-epoch',
  'stale-seq',
  'rate-limited',
  'invalid',
  'overload',
  'unavailable',
];

type Send = (message: Outgoing) => void;

export class Controller {
  private readonly now: () => number;
  private readonly log: Log;
  private readonly moveRule: BucketRule;
  private readonly pressRule: BucketRule;
  private readonly errorRule: BucketRule;
  private readonly maxPending: number;
  private readonly bindingIdleMs: number;
  private moveBucket: Bucket;
  private pressBucket: Bucket;
  private errorBucket: Bucket;

  /** The grant as of the last message received (checked on arrival). */
  private acceptEpoch: number | null = null;
  private lastSeq = -1;
  /** The grant in force for the event being executed. */
  private activeEpoch: number | null = null;

  private connection: Connection | null = null;
  private connecting: Promise<Connection | BackendError> | null = null;
  private keyboard: Keyboard | null = null;
  private readonly buttons = new Set<Exclude<Button, 'none'>>();

  private tail: Promise<void> = Promise.resolve();
  private pending = 0;
  private restoreTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  private injected = 0;
  private readonly droppedBy = Object.fromEntries(
    DROP_REASONS.map((reason) => [reason, 0]),
  ) as Record<DropReason, number>;

  constructor(
    private readonly backend: Backend,
    private readonly send: Send,
    options: ControllerOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.moveRule = options.moveRule ?? DEFAULT_MOVE_RULE;
    this.pressRule = options.pressRule ?? DEFAULT_PRESS_RULE;
    this.errorRule = options.errorRule ?? DEFAULT_ERROR_RULE;
    this.maxPending = options.maxPending ?? 1000;
    this.bindingIdleMs = options.bindingIdleMs ?? 3000;
    const now = this.now();
    this.moveBucket = fullBucket(this.moveRule, now);
    this.pressBucket = fullBucket(this.pressRule, now);
    this.errorBucket = fullBucket(this.errorRule, now);
  }

  /** A message as decoded from a frame (anything at all). */
  receive(value: unknown): void {
    if (this.closed) return;
    const parsed = parseIncoming(value);
    if (!parsed.ok) {
      this.reject(parsed.message);
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'hello':
        this.enqueue(async () => this.send(await this.status()));
        return;
      case 'grant': {
        const { epoch } = message;
        this.acceptEpoch = epoch;
        this.lastSeq = -1;
        this.enqueue(() => this.grant(epoch));
        return;
      }
      case 'revoke': {
        const { epoch } = message;
        // Whatever epoch it names: a revoke always stops injection.
        this.acceptEpoch = null;
        this.enqueue(() => this.revoke(epoch));
        return;
      }
      case 'input':
        this.accept(message.epoch, message.seq, message.event);
        return;
      case 'stats':
        this.enqueue(() => this.send(this.stats()));
        return;
    }
  }

  /** A frame that could not be decoded (too large, not JSON). */
  reject(message: string): void {
    this.drop('invalid');
    const now = this.now();
    const { bucket, allowed } = take(this.errorBucket, this.errorRule, now);
    this.errorBucket = bucket;
    if (allowed) this.send({ type: 'error', code: 'invalid-message', message });
    this.log('debug', `invalid message: ${message}`);
  }

  /** Resolves when everything received so far has been handled. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.tail;
  }

  /**
   * The browser closed the port (or a signal): stop, release everything held, give back bound
   * keycodes, close the X connection.
   */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.acceptEpoch = null;
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    this.enqueue(async () => {
      this.activeEpoch = null;
      const connection = this.connection;
      const keyboard = this.keyboard;
      if (!connection || !keyboard) return;
      await connection.run(this.releaseAll());
      const restore = keyboard.restoreBindings();
      if (restore.length > 0)
        await connection.run([{ op: 'settle', ms: BIND_SETTLE_MS }, ...restore]);
      await connection.sync();
    });
    await this.idle();
    this.closed = true;
    const connection = this.connection;
    this.connection = null;
    await connection?.close();
  }

  private accept(epoch: number, seq: number, event: InputEvent): void {
    const refused = this.admit(epoch, seq, event);
    if (refused) this.drop(refused);
    else this.enqueue(() => this.inject(epoch, event));
  }

  /** Why an arriving event is refused, or null to run it. */
  private admit(epoch: number, seq: number, event: InputEvent): DropReason | null {
    if (this.acceptEpoch === null) return 'no-grant';
    if (epoch !== this.acceptEpoch) return 'stale-epoch';
    if (seq <= this.lastSeq) return 'stale-seq';
    this.lastSeq = seq;
    if (isRelease(event)) return null;
    if (this.pending >= this.maxPending) return 'overload';
    const now = this.now();
    if (event.kind === 'pointer' && event.action === 'move') {
      const { bucket, allowed } = take(this.moveBucket, this.moveRule, now);
      this.moveBucket = bucket;
      return allowed ? null : 'rate-limited';
    }
    const { bucket, allowed } = take(this.pressBucket, this.pressRule, now);
    this.pressBucket = bucket;
    return allowed ? null : 'rate-limited';
  }

  private drop(reason: DropReason): void {
    this.droppedBy[reason]++;
  }

  private enqueue(job: () => Promise<void> | void): void {
    this.pending++;
    this.tail = this.tail
      .then(job)
      .catch((error: unknown) => this.log('error', `failed: ${(error as Error)?.stack ?? error}`))
      .finally(() => {
        this.pending--;
      });
  }

  private async connect(): Promise<Connection | BackendError> {
    if (this.connection) return this.connection;
    if (this.connecting) return this.connecting;
    const connectionRef: { current: Connection | null } = { current: null };
    this.connecting = this.backend
      .open({
        lost: (message) => this.lost(connectionRef, message),
        keymap: (mapping) => {
          if (this.connection === connectionRef.current && this.keyboard) {
            this.keyboard.setKeymap(new Keymap(mapping, this.keyboard.ownKeycodes));
            this.log('debug', 'keyboard mapping changed: reloaded');
          }
        },
      })
      .then(
        (connection) => {
          connectionRef.current = connection;
          this.connection = connection;
          this.keyboard = new Keyboard(new Keymap(connection.mapping));
          this.log(
            'info',
            `connected to ${connection.display} (${connection.width}x${connection.height})`,
          );
          return connection;
        },
        (error: unknown) =>
          error instanceof BackendError
            ? error
            : new BackendError(
                'x-error',
                `Could not use the X display: ${(error as Error)?.message ?? error}.`,
              ),
      )
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private lost(ref: { current: Connection | null }, message: string): void {
    if (!ref.current || this.connection !== ref.current) return;
    this.log('warn', `X connection lost: ${message}`);
    this.connection = null;
    this.keyboard?.reset();
    this.keyboard = null;
    this.buttons.clear();
    if (this.closed) return;
    const epoch = this.activeEpoch ?? this.acceptEpoch;
    this.activeEpoch = null;
    this.acceptEpoch = null;
    if (epoch !== null) this.send({ type: 'revoked', epoch, reason: 'x-error' });
    this.send({ type: 'error', code: 'x-error', message });
  }

  private async status(): Promise<Outgoing> {
    const result = await this.connect();
    if (result instanceof BackendError) {
      this.log('warn', `desktop control unavailable (${result.code}): ${result.message}`);
      return { type: 'status', ok: false, code: result.code, message: result.message };
    }
    return {
      type: 'status',
      ok: true,
      backend: 'xtest',
      display: result.display,
      screen: { width: result.width, height: result.height },
    };
  }

  private async grant(epoch: number): Promise<void> {
    const result = await this.connect();
    if (result instanceof BackendError) {
      if (this.acceptEpoch === epoch) this.acceptEpoch = null;
      this.send({ type: 'error', code: result.code as StatusCode, message: result.message });
      return;
    }
    if (this.activeEpoch !== null && this.activeEpoch !== epoch) {
      // Control passes to someone else: nothing the previous controller held stays down.
      await result.run(this.releaseAll());
    }
    this.activeEpoch = epoch;
    this.log('info', `granted (epoch ${epoch})`);
    this.send({ type: 'granted', epoch });
  }

  private async revoke(epoch: number): Promise<void> {
    this.activeEpoch = null;
    const connection = this.connection;
    if (connection) {
      await connection.run(this.releaseAll());
      await connection.sync();
      this.scheduleRestore();
    }
    this.log('info', `revoked (epoch ${epoch})`);
    this.send({ type: 'revoked', epoch });
  }

  /** Buttons first: a Ctrl+drag must end as a Ctrl+drop. */
  private releaseAll(): XAction[] {
    const actions: XAction[] = [...this.buttons].map((button) => ({
      op: 'button',
      button: BUTTON_NUMBER[button],
      down: false,
    }));
    this.buttons.clear();
    return [...actions, ...(this.keyboard?.releaseAll() ?? [])];
  }

  private async inject(epoch: number, event: InputEvent): Promise<void> {
    // Also refused once a revoke or another grant has arrived, even if not yet handled: taking
    // back control stops what is still queued, too.
    if (this.activeEpoch !== epoch || this.acceptEpoch !== epoch) {
      return this.drop(this.acceptEpoch === null ? 'no-grant' : 'stale-epoch');
    }
    const connection = this.connection;
    const keyboard = this.keyboard;
    if (!connection || !keyboard) return this.drop('unavailable');
    const now = this.now();
    let actions: XAction[];
    switch (event.kind) {
      case 'pointer': {
        const { x, y } = toPixel(event.nx, event.ny, connection.width, connection.height);
        actions = [{ op: 'motion', x, y }];
        if (event.button !== 'none' && event.action !== 'move') {
          const button = BUTTON_NUMBER[event.button];
          const held = this.buttons.has(event.button);
          if (event.action === 'down') {
            // A press while held means the release was lost: make it a fresh click.
            if (held) actions.push({ op: 'button', button, down: false });
            actions.push({ op: 'button', button, down: true });
            this.buttons.add(event.button);
          } else if (held) {
            actions.push({ op: 'button', button, down: false });
            this.buttons.delete(event.button);
          }
        }
        break;
      }
      case 'wheel': {
        const { x, y } = toPixel(event.nx, event.ny, connection.width, connection.height);
        actions = [{ op: 'motion', x, y }];
        for (const { button, count } of wheelButtons(event.dx, event.dy)) {
          for (let i = 0; i < count; i++) {
            actions.push(
              { op: 'button', button, down: true },
              { op: 'button', button, down: false },
            );
          }
        }
        break;
      }
      case 'key': {
        const lockOn = keyboard.needsLockState(event) ? await connection.lockOn() : false;
        actions = keyboard.key(event, lockOn, now);
        break;
      }
      case 'text': {
        const lockOn = keyboard.textNeedsLockState(event.text) ? await connection.lockOn() : false;
        const chars = [...event.text];
        for (let i = 0; i < chars.length; i += TEXT_PIECE) {
          // Binding keycodes takes pauses: a revoke that arrives meanwhile stops a long text.
          if (i > 0 && this.acceptEpoch !== epoch) break;
          const piece = chars.slice(i, i + TEXT_PIECE).join('');
          await connection.run(keyboard.text(piece, lockOn, this.now()));
        }
        actions = [];
        break;
      }
    }
    if (actions.length > 0) await connection.run(actions);
    this.injected++;
    if (keyboard.hasBindings()) this.scheduleRestore();
  }

  private scheduleRestore(): void {
    if (this.closed || !this.keyboard?.hasBindings()) return;
    if (this.restoreTimer) clearTimeout(this.restoreTimer);
    this.restoreTimer = setTimeout(() => {
      this.restoreTimer = null;
      this.enqueue(async () => {
        const connection = this.connection;
        const keyboard = this.keyboard;
        if (!connection || !keyboard) return;
        const actions = keyboard.restoreBindings();
        if (actions.length > 0) await connection.run(actions);
        // Some are still held down: try again later.
        if (keyboard.hasBindings()) this.scheduleRestore();
      });
    }, this.bindingIdleMs);
    this.restoreTimer.unref?.();
  }

  private stats(): Outgoing {
    const dropped = Object.values(this.droppedBy).reduce((sum, count) => sum + count, 0);
    return {
      type: 'stats',
      injected: this.injected,
      dropped,
      droppedBy: { ...this.droppedBy },
      held: { keys: this.keyboard?.heldCodes() ?? [], buttons: [...this.buttons] },
    };
  }
}

/** Releases are never rate limited or refused for load: a lost keyup is a stuck key. */
function isRelease(event: InputEvent): boolean {
  return (event.kind === 'pointer' || event.kind === 'key') && event.action === 'up';
}
