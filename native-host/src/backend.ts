import type { XAction } from './actions.js';
import type { KeyboardMapping } from './keymap.js';
import type { StatusCode } from './protocol.js';

/** What the controller needs from an input backend (X11/XTEST today). */
export interface Connection {
  readonly display: string;
  readonly width: number;
  readonly height: number;
  readonly mapping: KeyboardMapping;
  /** Executes the actions in order; resolves once they are handed to the server. */
  run(actions: readonly XAction[]): Promise<void>;
  /** Whether Caps Lock is on now (a round trip). */
  lockOn(): Promise<boolean>;
  /** Resolves once the server has processed everything sent so far. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface BackendHooks {
  /** The connection died: nothing more can be injected through it. */
  lost(message: string): void;
  /** Someone else changed the keyboard mapping. */
  keymap(mapping: KeyboardMapping): void;
}

export interface Backend {
  /** Rejects with a BackendError that says why desktop control cannot work here. */
  open(hooks: BackendHooks): Promise<Connection>;
}

export class BackendError extends Error {
  constructor(
    readonly code: StatusCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackendError';
  }
}
