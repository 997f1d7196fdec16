/**
 * What the planners ask the X server to do, as data: the planners stay pure and testable, and
 * the X backend only executes. Coordinates are root-window pixels, keycodes the server's.
 */
export type XAction =
  | { op: 'motion'; x: number; y: number }
  | { op: 'button'; button: number; down: boolean }
  | { op: 'key'; keycode: number; down: boolean }
  /** Bind `keycode` to `keysym` on every level; keysym 0 (NoSymbol) gives the keycode back. */
  | { op: 'remap'; keycode: number; keysym: number }
  /** A round trip, then a pause: lets clients catch up with a keymap change. */
  | { op: 'settle'; ms: number };
