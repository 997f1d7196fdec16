import * as v from 'valibot';
import type { MessageKey } from './i18n.js';

/** Problems are message keys: the options page says them in the reader's language. */
const m = (key: MessageKey): string => key;

/** What the sharer picks in the options page; each preset is a set of sender parameters. */
export const QUALITY_PRESETS = ['sharp-text', 'balanced', 'smooth-motion'] as const;
export type QualityPreset = (typeof QUALITY_PRESETS)[number];

export const MIN_RESOLUTION = 360;
export const MAX_RESOLUTION = 2160;

export const QualitySettingsSchema = v.object({
  preset: v.picklist(QUALITY_PRESETS, m('settingsPreset')),
  /** Lines of the captured picture (1080 = 1920×1080 for a 16:9 screen). */
  maxHeight: v.pipe(
    v.number(m('settingsResolutionNumber')),
    v.integer(m('settingsResolutionWhole')),
    v.minValue(MIN_RESOLUTION, m('settingsResolutionRange')),
    v.maxValue(MAX_RESOLUTION, m('settingsResolutionRange')),
  ),
});

export type QualitySettings = v.InferOutput<typeof QualitySettingsSchema>;

export const DEFAULT_QUALITY: QualitySettings = { preset: 'balanced', maxHeight: 1080 };

export type ContentHint = 'text' | 'detail' | 'motion';
export type Degradation = 'maintain-resolution' | 'maintain-framerate' | 'balanced';

/** Per guest: every guest has its own sender, so each gets this ceiling. */
export interface SenderTuning {
  contentHint: ContentHint;
  degradationPreference: Degradation;
  maxBitrate: number;
  maxFramerate: number;
  /**
   * A guest's first frame scaled down to FIRST_FRAME_LINES, then full resolution: the screen
   * ~100 ms sooner, and sharp ~100 ms later. Not for Sharp text, where the first frame that
   * can be read is the one that counts.
   */
  softStart: boolean;
}

/**
 * Text keeps its pixels in all but Smooth motion, which trades them for frames. The frame rate
 * is a ceiling: Chromium's screen capturer delivers frames only when the picture changes, so a
 * static screen sends a frame or two a second whatever the preset (measured in the e2e test).
 */
export const PRESET_TUNING: Record<QualityPreset, SenderTuning> = {
  'sharp-text': {
    contentHint: 'text',
    degradationPreference: 'maintain-resolution',
    maxBitrate: 2_500_000,
    maxFramerate: 15,
    softStart: false,
  },
  balanced: {
    contentHint: 'detail',
    degradationPreference: 'maintain-resolution',
    maxBitrate: 4_000_000,
    maxFramerate: 30,
    softStart: true,
  },
  'smooth-motion': {
    contentHint: 'motion',
    degradationPreference: 'balanced',
    maxBitrate: 6_000_000,
    maxFramerate: 30,
    softStart: true,
  },
};

/** Bounds for the capture: the height, and a 16:9 box's width so a wide screen is bounded too. */
export function captureBounds(maxHeight: number): { width: number; height: number } {
  return { width: Math.round((maxHeight * 16) / 9), height: maxHeight };
}

/**
 * With `softStart`, a guest's first frame is encoded at no more than this many lines, then the
 * picture goes to full resolution: a 1080-line key frame in software AV1 takes ~100 ms more to
 * encode and send on this machine's 2 cores, so the guest sees the screen that much sooner.
 */
export const FIRST_FRAME_LINES = 540;

/** How much to scale the first frame down for a capture `height` lines high (1: not at all). */
export function firstFrameScale(height: number | undefined): number {
  return height !== undefined && height > FIRST_FRAME_LINES ? height / FIRST_FRAME_LINES : 1;
}

export interface EncodingLike {
  maxBitrate?: number;
  maxFramerate?: number;
  scaleResolutionDownBy?: number;
}

export interface SendParametersLike<E extends EncodingLike> {
  encodings: E[];
  degradationPreference?: string;
}

/** The sender's parameters with the tuning applied; everything else (transaction id) kept. */
export function tunedParameters<E extends EncodingLike, P extends SendParametersLike<E>>(
  parameters: P,
  tuning: SenderTuning,
  /** 1 but for a guest's first frame (firstFrameScale). */
  scaleDownBy = 1,
): P & { degradationPreference: Degradation } {
  // The number of encodings is fixed by negotiation: changing it is refused, so only fill them.
  return {
    ...parameters,
    degradationPreference: tuning.degradationPreference,
    encodings: parameters.encodings.map((encoding) => ({
      ...encoding,
      maxBitrate: tuning.maxBitrate,
      maxFramerate: tuning.maxFramerate,
      scaleResolutionDownBy: scaleDownBy,
    })),
  };
}
