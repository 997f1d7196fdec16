/** The little of the `x11` package (pure-JS X client, no types of its own) that the host uses. */
declare module 'x11' {
  export interface XScreen {
    root: number;
    pixel_width: number;
    pixel_height: number;
  }
  export interface XDisplay {
    client: XClient;
    screen: XScreen[];
    min_keycode: number;
    max_keycode: number;
    vendor: string;
  }
  export interface XEvent {
    name?: string;
    type: number;
    wid?: number;
    keycode?: number;
    buttons?: number;
    request?: number;
    firstKeyCode?: number;
    count?: number;
    width?: number;
    height?: number;
    [key: string]: unknown;
  }
  export interface XError extends Error {
    error?: number;
    majorOpcode?: number;
    minorOpcode?: number;
  }
  export interface XTest {
    KeyPress: number;
    KeyRelease: number;
    ButtonPress: number;
    ButtonRelease: number;
    MotionNotify: number;
    FakeInput(type: number, detail: number, time: number, wid: number, x: number, y: number): void;
  }
  export interface QueryExtensionReply {
    present: number | boolean;
    majorOpcode: number;
  }
  type Callback<T> = (error: XError | null | undefined, result: T) => unknown;
  export interface XClient {
    screenNum: number | string;
    on(event: 'event', listener: (event: XEvent) => void): this;
    on(event: 'error', listener: (error: XError) => void): this;
    on(event: 'end' | 'close', listener: () => void): this;
    removeAllListeners(event?: string): this;
    require(name: 'xtest', callback: (error: Error | null, ext: XTest) => void): void;
    QueryExtension(name: string, callback: Callback<QueryExtensionReply>): void;
    GetKeyboardMapping(first: number, count: number, callback: Callback<number[][]>): void;
    ChangeKeyboardMapping(first: number, keysymsPerKeycode: number, keysyms: number[]): void;
    ChangeWindowAttributes(wid: number, values: { eventMask: number }): void;
    GetGeometry(wid: number, callback: Callback<{ width: number; height: number }>): void;
    QueryPointer(
      wid: number,
      callback: Callback<{ rootX: number; rootY: number; keyMask: number }>,
    ): void;
    CreateWindow(
      wid: number,
      parent: number,
      x: number,
      y: number,
      width: number,
      height: number,
      borderWidth: number,
      depth: number,
      klass: number,
      visual: number,
      values: Record<string, number>,
    ): void;
    MapWindow(wid: number): void;
    SetInputFocus(wid: number, revertTo: number): void;
    AllocID(): number;
    sync(callback: (error: Error | null) => void): void;
    sync(): Promise<void>;
    close(callback?: (error?: Error) => void): void;
    terminate(): void;
    stream: { destroy(): void };
  }
  export function createClient(
    options: { display?: string; disableBigRequests?: boolean },
    callback: (error: Error | undefined, display: XDisplay) => void,
  ): XClient;
  export const eventMask: Record<string, number>;
  const x11: {
    createClient: typeof createClient;
    eventMask: typeof eventMask;
  };
  export default x11;
}
