import { t } from '../../extension-i18n.js';
import type { InputEvent } from '../../shared/input.js';
import type { Executor } from './executor.js';

export const NATIVE_HOST = 'dev.deskbridge.input';
const ANSWER_TIMEOUT_MS = 3_000;

type HostReply =
  | { type: 'status'; ok: true; screen: { width: number; height: number } }
  | { type: 'status'; ok: false; code: string; message: string }
  | { type: 'granted' | 'revoked'; epoch: number }
  | { type: 'error'; code: string; message: string };

/** Whether desktop control can work here, and if not, a sentence saying why (before any grant). */
export async function probeDesktop(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (typeof chrome.runtime.connectNative !== 'function') {
    return { ok: false, reason: t('helperNoNativeMessaging') };
  }
  const port = chrome.runtime.connectNative(NATIVE_HOST);
  try {
    const reply = await ask(port, { type: 'hello' }, 'status');
    if (reply.type === 'status' && reply.ok) return { ok: true };
    return { ok: false, reason: 'message' in reply ? reply.message : t('helperRefused') };
  } catch (error) {
    return { ok: false, reason: String(error instanceof Error ? error.message : error) };
  } finally {
    port.disconnect();
  }
}

/** Sends one message and waits for the reply of the given type, or the port's end. */
function ask(
  port: chrome.runtime.Port,
  message: object,
  expect: HostReply['type'],
): Promise<HostReply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(t('helperNoAnswer'))), ANSWER_TIMEOUT_MS);
    const onMessage = (reply: HostReply) => {
      if (reply.type === expect || reply.type === 'error') finish(null, reply);
    };
    const onDisconnect = () => {
      const why = disconnectReason(port);
      finish(
        new Error(
          /not found|No such native application/.test(why ?? '')
            ? t('helperNotInstalled')
            : t('helperStopped', why ?? '—'),
        ),
      );
    };
    function finish(error: Error | null, reply?: HostReply) {
      clearTimeout(timer);
      port.onMessage.removeListener(onMessage);
      port.onDisconnect.removeListener(onDisconnect);
      if (error) reject(error);
      else resolve(reply as HostReply);
    }
    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(onDisconnect);
    port.postMessage(message);
  });
}

/** Chrome puts it in `runtime.lastError`; Firefox on the port itself (`port.error`). */
function disconnectReason(port: chrome.runtime.Port): string | undefined {
  const firefoxError = (port as { error?: { message?: string } | null }).error;
  return chrome.runtime.lastError?.message ?? firefoxError?.message;
}

/**
 * Desktop control through the native helper (XTest on X11): one port per grant. The helper
 * itself refuses input without a grant and releases held keys on revoke.
 */
export class DesktopExecutor implements Executor {
  private port: chrome.runtime.Port | null = null;
  private epoch = 0;
  /** The helper drops input whose seq does not rise within a grant. */
  private seq = 0;

  constructor(private readonly onLost: () => void) {}

  async attach(epoch: number): Promise<void> {
    this.epoch = epoch;
    this.seq = 0;
    const port = chrome.runtime.connectNative(NATIVE_HOST);
    this.port = port;
    const status = await ask(port, { type: 'hello' }, 'status');
    if (status.type !== 'status' || !status.ok) {
      throw new Error('message' in status ? status.message : t('helperCannotInject'));
    }
    await ask(port, { type: 'grant', epoch }, 'granted');
    port.onDisconnect.addListener(() => {
      if (this.port === port) this.onLost();
    });
  }

  async inject(event: InputEvent): Promise<void> {
    this.seq += 1;
    this.port?.postMessage({ type: 'input', epoch: this.epoch, seq: this.seq, event });
  }

  async detach(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port) return;
    await ask(port, { type: 'revoke', epoch: this.epoch }, 'revoked').catch(() => {});
    port.disconnect();
  }
}
