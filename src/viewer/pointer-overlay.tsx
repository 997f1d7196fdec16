import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Box } from '../shared/mapping.js';
import { pointerHue, type RemotePointer } from './laser.js';
import { videoGeometry } from './use-remote-control.js';

interface Props {
  pointers: readonly RemotePointer[];
  stageRef: RefObject<HTMLDivElement>;
  videoRef: RefObject<HTMLVideoElement>;
}

const sameBox = (a: Box | null, b: Box) =>
  a !== null && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/**
 * Where the picture's pixels are on the stage (CSS pixels from its top left), kept up to date
 * through resizes, scrolling in 1:1 and a frame changing shape; null while there is no picture.
 */
function usePictureOnStage(
  stageRef: RefObject<HTMLDivElement>,
  videoRef: RefObject<HTMLVideoElement>,
  active: boolean,
): Box | null {
  const [box, setBox] = useState<Box | null>(null);
  useEffect(() => {
    const stage = stageRef.current;
    const video = videoRef.current;
    if (!active || !stage || !video) return;
    const measure = () => {
      const { rect, left, top, box: picture } = videoGeometry(video);
      const origin = stage.getBoundingClientRect();
      const next = {
        x: rect.left - origin.left + left + picture.x,
        y: rect.top - origin.top + top + picture.y,
        width: picture.width,
        height: picture.height,
      };
      setBox((previous) => (sameBox(previous, next) ? previous : next));
    };
    const controller = new AbortController();
    const { signal } = controller;
    const observer = new ResizeObserver(measure);
    observer.observe(stage);
    observer.observe(video);
    video.addEventListener('resize', measure, { signal });
    video.addEventListener('loadedmetadata', measure, { signal });
    // Scroll does not bubble: caught on the way down, from the scrolling view in 1:1.
    stage.addEventListener('scroll', measure, { signal, capture: true, passive: true });
    addEventListener('resize', measure, { signal });
    measure();
    return () => {
      controller.abort();
      observer.disconnect();
    };
  }, [stageRef, videoRef, active]);
  return active ? box : null;
}

/**
 * The other guests' laser pointers over the picture: a coloured dot and the guest's name (text
 * only: it comes from another guest). Letterbox bars are outside the layer, so 0..1 of the
 * layer is 0..1 of the picture.
 */
export function PointerOverlay({ pointers, stageRef, videoRef }: Props) {
  const box = usePictureOnStage(stageRef, videoRef, pointers.length > 0);
  if (!box || box.width <= 0 || box.height <= 0) return null;
  return (
    <div
      class="pointer-layer"
      aria-hidden="true"
      style={{
        left: `${box.x}px`,
        top: `${box.y}px`,
        width: `${box.width}px`,
        height: `${box.height}px`,
      }}
    >
      {pointers.map((pointer) => (
        <div
          key={pointer.id}
          class="remote-pointer"
          data-pointer-name={pointer.name}
          style={{
            left: `${pointer.nx * 100}%`,
            top: `${pointer.ny * 100}%`,
            '--pointer-hue': String(pointerHue(pointer.id)),
          }}
        >
          <span class="remote-pointer-dot" />
          <span class="remote-pointer-name">{pointer.name}</span>
        </div>
      ))}
    </div>
  );
}
