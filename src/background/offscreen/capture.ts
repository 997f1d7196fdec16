import {
  captureBounds,
  DEFAULT_QUALITY,
  PRESET_TUNING,
  type QualitySettings,
} from '../../shared/quality.js';
import type { Surface, SurfaceKind } from '../../shared/session.js';
import { guessSurfaceKind } from '../../shared/surface-guess.js';

/** The picker is not attached to a tab here, so a forgotten picker must not hang a session. */
export const PICKER_TIMEOUT_MS = 120_000;

export class CaptureError extends Error {
  constructor(
    readonly code: 'capture-cancelled' | 'capture-failed' | 'capture-timeout',
    detail: string,
  ) {
    super(detail);
  }
}

/** Chrome's extra getDisplayMedia options, not yet in the DOM typings. */
interface DisplayMediaOptions extends DisplayMediaStreamOptions {
  systemAudio?: 'include' | 'exclude';
}

/**
 * Opens the browser's picker; resolves with a stream tuned for legible text. Audio is asked for
 * so the picker offers "Share tab audio" / "Share system audio"; the sharer decides there, and
 * a share without sound simply has no audio track.
 */
export async function captureDisplay(
  quality: QualitySettings = DEFAULT_QUALITY,
  timeoutMs = PICKER_TIMEOUT_MS,
): Promise<MediaStream> {
  const options: DisplayMediaOptions = {
    // Without explicit bounds Chromium captured at 800×450; these cap, they do not upscale.
    video: videoBounds(quality),
    audio: true,
    systemAudio: 'include',
  };
  const request = navigator.mediaDevices.getDisplayMedia(options);
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new CaptureError('capture-timeout', 'picker timed out'));
    }, timeoutMs);
  });
  // A stream that arrives after the timeout must not keep capturing unseen.
  request.then(
    (late) => {
      if (timedOut) for (const track of late.getTracks()) track.stop();
    },
    () => {},
  );
  try {
    const stream = await Promise.race([request, timeout]);
    for (const track of stream.getVideoTracks()) {
      track.contentHint = PRESET_TUNING[quality.preset].contentHint;
    }
    return stream;
  } catch (error) {
    if (error instanceof CaptureError) throw error;
    const name = error instanceof DOMException ? error.name : '';
    const detail = error instanceof Error ? error.message : String(error);
    throw new CaptureError(
      name === 'NotAllowedError' ? 'capture-cancelled' : 'capture-failed',
      detail,
    );
  } finally {
    clearTimeout(timer);
  }
}

/** applyConstraints replaces them all, so the frame rate goes with the bounds every time. */
function videoBounds(quality: QualitySettings) {
  const { width, height } = captureBounds(quality.maxHeight);
  return { width: { max: width }, height: { max: height }, frameRate: { ideal: 30, max: 30 } };
}

/** A new preset or maximum resolution during a share: the one captured track follows it. */
export async function retuneCapture(
  stream: MediaStream,
  quality: QualitySettings,
  resized: boolean,
): Promise<void> {
  for (const track of stream.getVideoTracks()) {
    track.contentHint = PRESET_TUNING[quality.preset].contentHint;
    if (!resized) continue;
    await track.applyConstraints(videoBounds(quality)).catch((error: unknown) => {
      console.warn('capture bounds not applied', error);
    });
  }
}

export function describeSurface(stream: MediaStream, quality: QualitySettings): Surface {
  const settings = stream.getVideoTracks()[0]?.getSettings() ?? {};
  const surface = (settings as { displaySurface?: string }).displaySurface;
  const kind: SurfaceKind =
    surface === 'monitor' || surface === 'window' || surface === 'browser'
      ? surface
      : surface === undefined
        ? guessFromScreen(settings, captureBounds(quality.maxHeight))
        : 'unknown';
  return { kind, width: settings.width ?? 0, height: settings.height ?? 0 };
}

/** Firefox says nothing of the surface: the frame's size against this page's screen tells. */
function guessFromScreen(
  settings: MediaTrackSettings,
  cap: { width: number; height: number },
): SurfaceKind {
  const frame = { width: settings.width ?? 0, height: settings.height ?? 0 };
  const dpr = globalThis.devicePixelRatio || 1;
  const screenSize = {
    width: Math.round(screen.width * dpr),
    height: Math.round(screen.height * dpr),
  };
  // The capture is bounded by the maximum resolution: a bigger screen arrives scaled to it.
  return guessSurfaceKind(frame, screenSize, cap);
}

/** The capture handle the captured tab set (Chrome's Capture Handle API), if any. */
export function captureHandleOf(stream: MediaStream): string | null {
  const track = stream.getVideoTracks()[0] as
    | (MediaStreamTrack & { getCaptureHandle?: () => { handle?: string } | null })
    | undefined;
  return track?.getCaptureHandle?.()?.handle || null;
}
