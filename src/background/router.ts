import * as v from 'valibot';
import { appError, fail, ok, type Result } from '../shared/errors.js';
import {
  type HostToBg,
  HostToBgSchema,
  PopupShareSchema,
  UiToBgSchema,
} from '../shared/protocol.js';
import { registerCaptureHandle } from './capture-handles.js';
import { decideControl } from './control/decide.js';
import { dispatch, dispatchControl } from './coordinator.js';
import { onHostMessage } from './host-messages.js';
import { rememberTab } from './session-push-firefox.js';
import { loadSession } from './session-store.js';
import { newLink, startShare } from './share-actions.js';

type Sender = chrome.runtime.MessageSender;

const extensionPage = (sender: Sender, page: string) =>
  sender.url === chrome.runtime.getURL(page) ||
  sender.url?.startsWith(`${chrome.runtime.getURL(page)}?`);

/**
 * The trust gate: a message is looked at only if it comes from this extension, and is then
 * parsed by the schema of the part that sent it. Web pages cannot reach this listener at all
 * (no `externally_connectable`); content scripts are told apart by `sender.tab`.
 */
export async function route(message: unknown, sender: Sender): Promise<Result<unknown>> {
  if (sender.id !== chrome.runtime.id) return fail(appError('invalid-message', 'foreign sender'));
  if (extensionPage(sender, 'offscreen.html')) {
    const parsed = v.safeParse(HostToBgSchema, message);
    if (!parsed.success) return rejected('host', parsed.issues[0].message);
    return ok(await onHostMessage(parsed.output as HostToBg));
  }
  const parsed = v.safeParse(UiToBgSchema, message);
  if (!parsed.success) return rejected('ui', parsed.issues[0].message);
  switch (parsed.output.type) {
    case 'share/start': {
      const tabId = sender.tab?.id ?? v.parse(PopupShareSchema, message).tabId ?? null;
      return startShare(tabId);
    }
    case 'share/stop':
      return ok(await dispatch({ type: 'stop' }));
    case 'share/new-link':
      return newLink();
    case 'guest/decide': {
      const { peerId, decision } = parsed.output;
      return ok(await dispatch({ type: 'guest-decision', peerId, decision }));
    }
    case 'control/decide':
      return decideControl(parsed.output.peerId, parsed.output.decision);
    case 'share/pointers':
      return ok(await dispatch({ type: 'pointers', on: parsed.output.on }));
    case 'control/take-back':
      return ok(await dispatchControl({ type: 'take-back' }));
    case 'tab/capture-handle':
      if (sender.tab?.id === undefined) return rejected('ui', 'a capture handle without a tab');
      await registerCaptureHandle(parsed.output.handle, sender.tab.id);
      return ok(null);
    case 'state/get':
      if (__BROWSER__ === 'firefox' && sender.tab?.id !== undefined)
        await rememberTab(sender.tab.id);
      return ok(await loadSession());
  }
}

function rejected(from: string, reason: string): Result<never> {
  console.warn(`dropped a malformed ${from} message: ${reason}`);
  return fail(appError('invalid-message', reason));
}
