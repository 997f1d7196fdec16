import type { Surface, SurfaceKind } from '../../shared/session.js';
import { guessSurfaceKind } from '../../shared/surface-guess.js';

/** The picker is not attached to a tab here, so a forgotten picker must not hang a session. */
export const PICKER_TIMEOUT_MS = 120_000;

const CAPTURE_CAP = { width: 3840, height: 2160 };

export class CaptureError extends Error {
  constructor(
    readonly code: 'capture-cancelled' | 'capture-failed' | 'capture-timeout',
    detail: string,
  ) {
    super(detail);
  }
}

/** Opens the browser's picker; resolves with a stream tuned for legible text. */
export async function captureDisplay(timeoutMs = PICKER_TIMEOUT_MS): Promise<MediaStream> {
  const request = navigator.mediaDevices.getDisplayMedia({
    // Without explicit bounds Chromium captured at 800×450; these cap at 4K, not upscale.
    video: {
      width: { max: CAPTURE_CAP.width },
      height: { max: CAPTURE_CAP.height },
      frameRate: { ideal: 30, max: 30 },
    },
    audio: false,
  });
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
    for (const track of stream.getVideoTracks()) track.contentHint = 'detail';
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

export function describeSurface(stream: MediaStream): Surface {
  const settings = stream.getVideoTracks()[0]?.getSettings() ?? {};
  const surface = (settings as { displaySurface?: string }).displaySurface;
  const kind: SurfaceKind =
    surface === 'monitor' || surface === 'window' || surface === 'browser'
      ? surface
      : surface === undefined
        ? guessFromScreen(settings)
        : 'unknown';
  return { kind, width: settings.width ?? 0, height: settings.height ?? 0 };
}

/** Firefox says nothing of the surface: the frame's size against this page's screen tells. */
function guessFromScreen(settings: MediaTrackSettings): SurfaceKind {
  const frame = { width: settings.width ?? 0, height: settings.height ?? 0 };
  const dpr = globalThis.devicePixelRatio || 1;
  const screenSize = {
    width: Math.round(screen.width * dpr),
    height: Math.round(screen.height * dpr),
  };
  return guessSurfaceKind(frame, screenSize, CAPTURE_CAP);
}

/** The capture handle the captured tab set (Chrome's Capture Handle API), if any. */
export function captureHandleOf(stream: MediaStream): string | null {
  const track = stream.getVideoTracks()[0] as
    | (MediaStreamTrack & { getCaptureHandle?: () => { handle?: string } | null })
    | undefined;
  return track?.getCaptureHandle?.()?.handle || null;
}
