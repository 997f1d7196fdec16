import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { onFirstFrame } from './first-frame.js';
import type { ViewMode } from './view-controls.js';

interface Props {
  stream: MediaStream | null;
  mode: ViewMode;
  stageRef: RefObject<HTMLDivElement>;
  onFrame: (stream: MediaStream) => void;
}

interface Size {
  width: number;
  height: number;
}

/** 1:1 means one video pixel per device pixel, so divide by the page's zoom and screen density. */
function useDevicePixelRatio(): number {
  const [ratio, setRatio] = useState(() => devicePixelRatio);
  useEffect(() => {
    const controller = new AbortController();
    addEventListener('resize', () => setRatio(devicePixelRatio), { signal: controller.signal });
    return () => controller.abort();
  }, []);
  return ratio;
}

export function Stage({ stream, mode, stageRef, onFrame }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  const ratio = useDevicePixelRatio();

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.srcObject = stream;
    if (!stream) return;
    const controller = new AbortController();
    onFirstFrame(video, controller.signal, () => onFrame(stream));
    // The shared surface can change shape mid-share (a resized window, an infobar).
    const measure = () => setSize({ width: video.videoWidth, height: video.videoHeight });
    video.addEventListener('resize', measure, { signal: controller.signal });
    video.addEventListener('loadedmetadata', measure, { signal: controller.signal });
    return () => {
      controller.abort();
      video.srcObject = null;
    };
  }, [stream, onFrame]);

  const actual = mode === 'actual' && size !== null && size.width > 0;
  return (
    <div
      ref={stageRef}
      class={`stage stage--${actual ? 'actual' : 'fit'}`}
      // A scrolling picture must be reachable by keyboard to be scrolled by keyboard.
      tabIndex={actual ? 0 : undefined}
    >
      <video
        ref={videoRef}
        class="picture"
        aria-label="Shared desktop"
        autoplay
        playsInline
        muted
        style={
          actual
            ? { width: `${size.width / ratio}px`, height: `${size.height / ratio}px` }
            : undefined
        }
      />
      {!stream && (
        <div class="stage-note" aria-hidden="true">
          <span class="spinner" />
        </div>
      )}
    </div>
  );
}
