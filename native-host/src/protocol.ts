import * as v from 'valibot';
import { type InputEvent, InputEventSchema } from '../../src/shared/input.js';

/**
 * The host's protocol with the extension, over native messaging. Every incoming message is
 * parsed from `unknown`; the outgoing ones are typed here so both sides can read one file.
 */
export const HOST_NAME = 'dev.deskbridge.input';

const epoch = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const seq = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

export const IncomingSchema = v.variant('type', [
  v.object({ type: v.literal('hello') }),
  v.object({ type: v.literal('grant'), epoch }),
  v.object({ type: v.literal('revoke'), epoch }),
  v.object({ type: v.literal('input'), epoch, seq, event: v.unknown() }),
  v.object({ type: v.literal('stats') }),
]);

export type Incoming = v.InferOutput<typeof IncomingSchema>;

export type StatusCode = 'no-display' | 'wayland' | 'xtest-missing' | 'x-error';

export type DropReason =
  | 'no-grant'
  | 'stale-epoch'
  | 'stale-seq'
  | 'rate-limited'
  | 'invalid'
  | 'overload'
  | 'unavailable';

export type Outgoing =
  | {
      type: 'status';
      ok: true;
      backend: 'xtest';
      display: string;
      screen: { width: number; height: number };
    }
  | { type: 'status'; ok: false; code: StatusCode; message: string }
  | { type: 'granted'; epoch: number }
  | { type: 'revoked'; epoch: number; reason?: 'x-error' }
  | {
      type: 'stats';
      injected: number;
      dropped: number;
      droppedBy: Record<DropReason, number>;
      held: { keys: string[]; buttons: string[] };
    }
  | { type: 'error'; code: 'invalid-message' | StatusCode; message: string };

export type ParsedMessage =
  | { ok: true; message: Exclude<Incoming, { type: 'input' }> }
  | { ok: true; message: { type: 'input'; epoch: number; seq: number; event: InputEvent } }
  | { ok: false; message: string };

/** Shortens valibot's issues to one sentence that names the path that was wrong. */
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid message';
  const path = issue.path?.map((item) => String(item.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function parseIncoming(value: unknown): ParsedMessage {
  const envelope = v.safeParse(IncomingSchema, value);
  if (!envelope.success) return { ok: false, message: describe(envelope.issues) };
  const message = envelope.output;
  if (message.type !== 'input') return { ok: true, message };
  const event = v.safeParse(InputEventSchema, message.event);
  if (!event.success) return { ok: false, message: `event.${describe(event.issues)}` };
  return {
    ok: true,
    message: { type: 'input', epoch: message.epoch, seq: message.seq, event: event.output },
  };
}
