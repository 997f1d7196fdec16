import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ControlView } from './control-machine.js';
import { onFirstFrame } from './first-frame.js';
import { t } from './i18n.js';
import type { RemotePointer } from './laser.js';
import { PointerOverlay } from './pointer-overlay.js';
import { controllingText } from './texts.js';
import { type LaserTarget, useLaserPointer } from './use-laser.js';
import { type RemoteInput, useRemoteControl } from './use-remote-control.js';
import type { ViewMode } from './view-controls.js';

interface Props {
  stream: MediaStream | null;
  mode: ViewMode;
  stageRef: RefObject<HTMLDivElement>;
  onFrame: (stream: MediaStream) => void;
  control: ControlView;
  /** Set while the guest controls the host: the stage captures input for it. */
  input: RemoteInput | null;
  /** Set while the guest points with the laser: mouse moves over the picture go there. */
  laser: LaserTarget | null;
  /** The other guests' laser pointers. */
  pointers: readonly RemotePointer[];
  /** Starts true: browsers play a page's sound only after the user acts. */
  muted: boolean;
  /** Drawn over the picture (the statistics). */
  children?: ComponentChildren;
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

export function Stage({
  stream,
  mode,
  stageRef,
  onFrame,
  control,
  input,
  laser,
  pointers,
  muted,
  children,
}: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const sinkRef = useRef<HTMLTextAreaElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  const ratio = useDevicePixelRatio();
  useRemoteControl(videoRef, sinkRef, input);
  useLaserPointer(videoRef, laser);

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
    // The stage is what goes full screen; the view inside it scrolls in 1:1, so the banner and
    // the focus ring stay put over a scrolled picture.
    <div ref={stageRef} class="stage" data-control={control.kind}>
      <div
        class={`stage-view stage-view--${actual ? 'actual' : 'fit'}`}
        // A scrolling picture must be reachable by keyboard to be scrolled by keyboard.
        tabIndex={actual && !input ? 0 : undefined}
      >
        {/* 1:1 sizes the element to the frame in device pixels; Fit letterboxes (object-fit:
            contain). Remote control maps points through whichever applies. */}
        <video
          ref={videoRef}
          class="picture"
          aria-label={t('vSharedDesktop')}
          autoplay
          playsInline
          muted={muted}
          style={
            actual
              ? { width: `${size.width / ratio}px`, height: `${size.height / ratio}px` }
              : undefined
          }
        />
      </div>
      <PointerOverlay pointers={pointers} stageRef={stageRef} videoRef={videoRef} />
      {children}
      {!stream && (
        <div class="stage-note" aria-hidden="true">
          <span class="spinner" />
        </div>
      )}
      {/* Always rendered, so the change is announced; empty (and invisible) unless in control. */}
      <p class="control-banner" role="status">
        {controllingText(control)}
      </p>
      {input && (
        <textarea
          ref={sinkRef}
          class="keyboard-sink"
          aria-label={t('vKeyboardSink')}
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          rows={1}
        />
      )}
    </div>
  );
}
