import * as v from 'valibot';
import type { ControlNotice } from './control.js';
import type { AppError } from './errors.js';
import { type InputEvent, InputEventSchema } from './input.js';
import type { RelayTicket } from './link.js';
import { MediaStatsSchema } from './media-stats.js';
import type { QualitySettings } from './quality.js';
import type { GuestDecision, GuestView, SessionState, Surface } from './session.js';
import type { Settings } from './settings.js';

/**
 * Runtime messages between the extension's own parts. `to` names the receiver, because
 * `runtime.sendMessage` reaches every extension page (the offscreen document hears what the
 * popup says to the background). Names read sender→receiver: `ui→bg` is popup or content script
 * to background; `host→bg` is the media host (offscreen document) to background.
 */

const errorSchema = v.object({
  code: v.string(),
  message: v.pipe(v.string(), v.maxLength(500)),
  detail: v.optional(v.pipe(v.string(), v.maxLength(500))),
});

/** From the popup or a content script. */
const peerId = v.pipe(v.string(), v.maxLength(64), v.regex(/^[A-Za-z0-9_-]+$/));

export const UiToBgSchema = v.variant('type', [
  v.object({ to: v.literal('bg'), type: v.literal('share/start') }),
  v.object({ to: v.literal('bg'), type: v.literal('share/stop') }),
  v.object({ to: v.literal('bg'), type: v.literal('share/new-link') }),
  v.object({ to: v.literal('bg'), type: v.literal('state/get') }),
  v.object({
    to: v.literal('bg'),
    type: v.literal('guest/decide'),
    peerId,
    decision: v.picklist(['admit', 'deny', 'remove']),
  }),
  v.object({
    to: v.literal('bg'),
    type: v.literal('control/decide'),
    peerId,
    decision: v.picklist(['allow', 'deny']),
  }),
  v.object({ to: v.literal('bg'), type: v.literal('control/take-back') }),
  v.object({ to: v.literal('bg'), type: v.literal('share/pointers'), on: v.boolean() }),
  /** A call tab's capture handle: lets the sharer know which tab a tab share shows. */
  v.object({
    to: v.literal('bg'),
    type: v.literal('tab/capture-handle'),
    handle: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/)),
  }),
]);

/** The popup names the tab it acts for; a content script's tab comes from the checked sender. */
export const PopupShareSchema = v.object({
  to: v.literal('bg'),
  type: v.literal('share/start'),
  tabId: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

const guestSchema = v.object({
  peerId: v.string(),
  name: v.string(),
  status: v.picklist([
    'checking',
    'waiting',
    'watching',
    'reconnecting',
    'denied',
    'removed',
    'left',
    'unreachable',
  ]),
  since: v.number(),
  framesSent: v.number(),
  bytesSent: v.number(),
  rttMs: v.nullable(v.number()),
  dropped: v.number(),
  media: v.optional(v.nullable(MediaStatsSchema)),
  words: v.optional(
    v.nullable(v.pipe(v.array(v.pipe(v.string(), v.maxLength(16))), v.maxLength(4))),
  ),
});

const surfaceSchema = v.object({
  kind: v.picklist(['monitor', 'window', 'browser', 'unknown']),
  width: v.number(),
  height: v.number(),
});

/** From the media host. */
export const HostToBgSchema = v.variant('type', [
  v.object({
    to: v.literal('bg'),
    type: v.literal('host/ready'),
    sessionId: v.string(),
    surface: surfaceSchema,
    captureHandle: v.nullable(v.pipe(v.string(), v.maxLength(1024))),
  }),
  v.object({
    to: v.literal('bg'),
    type: v.literal('host/control'),
    sessionId: v.string(),
    peerId,
    request: v.picklist(['request', 'release']),
  }),
  v.object({
    to: v.literal('bg'),
    type: v.literal('host/input'),
    sessionId: v.string(),
    peerId,
    epoch: v.number(),
    seq: v.number(),
    event: InputEventSchema,
  }),
  v.object({
    to: v.literal('bg'),
    type: v.literal('host/input-stats'),
    sessionId: v.string(),
    dropped: v.number(),
  }),
  v.object({
    to: v.literal('bg'),
    type: v.literal('host/pointer'),
    sessionId: v.string(),
    id: v.pipe(v.string(), v.maxLength(16)),
    name: v.pipe(v.string(), v.maxLength(64)),
    nx: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
    ny: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  }),
  v.object({
    to: v.literal('bg'),
    type: v.literal('host/failed'),
    sessionId: v.string(),
    error: errorSchema,
  }),
  v.object({ to: v.literal('bg'), type: v.literal('host/ended'), sessionId: v.string() }),
  v.object({
    to: v.literal('bg'),
    type: v.literal('host/guests'),
    sessionId: v.string(),
    guests: v.array(guestSchema),
    rejectedAttempts: v.number(),
  }),
]);

export type UiToBg = v.InferOutput<typeof UiToBgSchema>;
export type HostToBg =
  | {
      to: 'bg';
      type: 'host/ready';
      sessionId: string;
      surface: Surface;
      captureHandle: string | null;
    }
  | {
      to: 'bg';
      type: 'host/control';
      sessionId: string;
      peerId: string;
      request: 'request' | 'release';
    }
  | {
      to: 'bg';
      type: 'host/input';
      sessionId: string;
      peerId: string;
      epoch: number;
      seq: number;
      event: InputEvent;
    }
  /** A guest's laser pointer (null position: hidden), for the shared tab's overlay. */
  | {
      to: 'bg';
      type: 'host/pointer';
      sessionId: string;
      id: string;
      name: string;
      nx: number | null;
      ny: number | null;
    }
  /** Input the host dropped before forwarding (not the holder, stale epoch, over the rate). */
  | { to: 'bg'; type: 'host/input-stats'; sessionId: string; dropped: number }
  | { to: 'bg'; type: 'host/failed'; sessionId: string; error: AppError }
  | { to: 'bg'; type: 'host/ended'; sessionId: string }
  | {
      to: 'bg';
      type: 'host/guests';
      sessionId: string;
      guests: GuestView[];
      rejectedAttempts: number;
    };

/** To the media host; only the background sends these. */
export type BgToHost =
  | {
      to: 'host';
      type: 'host/start';
      sessionId: string;
      peerId: string;
      key: string;
      settings: Settings;
      relay: RelayTicket | null;
    }
  | { to: 'host'; type: 'host/stop'; sessionId: string }
  | {
      to: 'host';
      type: 'host/decide';
      sessionId: string;
      peerId: string;
      decision: GuestDecision;
    }
  | {
      to: 'host';
      type: 'host/rekey';
      sessionId: string;
      key: string;
      peerId: string;
      relay: RelayTicket | null;
    }
  | {
      to: 'host';
      type: 'host/control-notice';
      sessionId: string;
      peerId: string;
      notice: ControlNotice;
    }
  | {
      to: 'host';
      type: 'host/control-sync';
      sessionId: string;
      epoch: number;
      holder: string | null;
    }
  | { to: 'host'; type: 'host/pointers'; sessionId: string; on: boolean }
  /** The sharer changed the picture quality in the options during the share. */
  | { to: 'host'; type: 'host/quality'; sessionId: string; quality: QualitySettings }
  | { to: 'host'; type: 'host/ping' };

/** From the worker to one content script: a guest's laser pointer, for the shared tab's overlay. */
export type BgToCs =
  | {
      to: 'cs';
      type: 'pointer';
      id: string;
      name: string;
      nx: number | null;
      ny: number | null;
    }
  /** Firefox only: content scripts cannot read `storage.session` there (no setAccessLevel). */
  | { to: 'cs'; type: 'session'; state: SessionState };

/** Where the coordinator keeps its state, in `storage.session`. */
export const SESSION_STORAGE_KEY = 'deskbridge:session';
export const SETTINGS_STORAGE_KEY = 'deskbridge:settings';
/** Capture handle → tab id, registered by content scripts (`storage.session`). */
export const HANDLES_STORAGE_KEY = 'deskbridge:capture-handles';
