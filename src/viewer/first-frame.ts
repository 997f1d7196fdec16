/**
 * Calls `onFrame` once the first frame of the video's current source is presented, until
 * `signal` aborts. `requestVideoFrameCallback` fires on presentation; Firefox before 132 lacks
 * it, and there 'playing' is the nearest signal.
 */
export function onFirstFrame(
  video: HTMLVideoElement,
  signal: AbortSignal,
  onFrame: () => void,
): void {
  if ('requestVideoFrameCallback' in video) {
    const handle = video.requestVideoFrameCallback(() => {
      if (!signal.aborted) onFrame();
    });
    signal.addEventListener('abort', () => video.cancelVideoFrameCallback(handle), { once: true });
    return;
  }
  (video as HTMLVideoElement).addEventListener('playing', onFrame, { once: true, signal });
}
