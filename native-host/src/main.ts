import { endianness } from 'node:os';
import { Controller } from './controller.js';
import { encodeMessage, FrameDecoder } from './framing.js';
import { stderrLog } from './log.js';
import { HOST_NAME, type Outgoing } from './protocol.js';
import { X11Backend } from './x11-backend.js';

/**
 * The native messaging host `dev.deskbridge.input`. The browser starts it when the extension
 * calls `runtime.connectNative`, talks to it over stdin/stdout, and closes stdin when the port
 * is disconnected: the host then releases everything it holds and exits.
 */
const log = stderrLog(process.env.DESKBRIDGE_LOG === 'debug');
const order = endianness();
const decoder = new FrameDecoder(order);

// Chrome passes the caller's origin, Firefox the manifest path and the extension id.
log(
  'info',
  `${HOST_NAME} started (pid ${process.pid}) by ${process.argv.slice(2).join(' ') || 'hand'}`,
);

let outputOpen = true;
function send(message: Outgoing): void {
  if (!outputOpen) return;
  try {
    process.stdout.write(encodeMessage(message, order));
  } catch (error) {
    log('error', `could not send ${message.type}: ${(error as Error).message}`);
  }
}
process.stdout.on('error', (error) => {
  // EPIPE: the browser is gone. Stop writing; the end of stdin follows.
  outputOpen = false;
  log('warn', `stdout: ${error.message}`);
  void stop(0);
});

const controller = new Controller(new X11Backend({ log }), send, { log });

process.stdin.on('data', (chunk: Buffer) => {
  for (const frame of decoder.push(chunk)) {
    if (frame.ok) controller.receive(frame.value);
    else controller.reject(frame.message);
  }
});
process.stdin.on('end', () => {
  log('info', 'stdin closed: the browser disconnected');
  void stop(0);
});
process.stdin.on('error', (error) => {
  log('warn', `stdin: ${error.message}`);
  void stop(0);
});

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Never outlive the port by more than a moment, whatever the X server does.
  setTimeout(() => process.exit(code), 800).unref();
  try {
    await controller.shutdown();
  } catch (error) {
    log('error', `shutdown: ${(error as Error).message}`);
  }
  process.exit(code);
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log('info', `${signal}: stopping`);
    void stop(0);
  });
}

process.on('uncaughtException', (error) => {
  // One bad reply from the X library must not leave keys held down: release and exit.
  log('error', `uncaught: ${error.stack ?? error}`);
  void stop(1);
});
process.on('unhandledRejection', (reason) => {
  log('error', `unhandled rejection: ${(reason as Error)?.stack ?? reason}`);
});
