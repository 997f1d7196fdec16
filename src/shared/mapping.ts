/**
 * Where the picture is inside its element, and how a point on it maps to the shared surface.
 * Pure: the viewer maps clicks with it, the sharer maps normalised points back to pixels.
 */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The video's content box for `object-fit: contain` (letterboxed) inside an element. */
export function containedBox(
  elementWidth: number,
  elementHeight: number,
  videoWidth: number,
  videoHeight: number,
): Box {
  if (videoWidth <= 0 || videoHeight <= 0 || elementWidth <= 0 || elementHeight <= 0) {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  const scale = Math.min(elementWidth / videoWidth, elementHeight / videoHeight);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return { x: (elementWidth - width) / 2, y: (elementHeight - height) / 2, width, height };
}

/**
 * A point relative to the element → 0..1 of the picture, or null in the letterbox bars, so a
 * click on the black bars never lands on the edge of the remote screen.
 */
export function normalise(x: number, y: number, box: Box): { nx: number; ny: number } | null {
  if (box.width <= 0 || box.height <= 0) return null;
  const nx = (x - box.x) / box.width;
  const ny = (y - box.y) / box.height;
  if (nx < 0 || ny < 0 || nx > 1 || ny > 1) return null;
  return { nx, ny };
}

/** Clamped to the picture: for drags that leave it, the pointer stays on its edge. */
export function normaliseClamped(x: number, y: number, box: Box): { nx: number; ny: number } {
  const clamp = (value: number) => Math.min(1, Math.max(0, value));
  if (box.width <= 0 || box.height <= 0) return { nx: 0, ny: 0 };
  return { nx: clamp((x - box.x) / box.width), ny: clamp((y - box.y) / box.height) };
}

/**
 * 0..1 → a pixel of a surface `width`×`height` (the tab's viewport as it is now, or the screen).
 * The last pixel is width − 1: nx = 1 must stay on the surface.
 */
export function toSurface(
  nx: number,
  ny: number,
  width: number,
  height: number,
): { x: number; y: number } {
  return {
    x: Math.max(0, Math.min(width - 1, Math.round(nx * width))),
    y: Math.max(0, Math.min(height - 1, Math.round(ny * height))),
  };
}

/**
 * 0..1 of the frame the guest saw → a CSS pixel of the tab's viewport as it is now. A tab lays
 * its content out from the top left, so when the frame's shape is known the width alone sets
 * the scale: a viewport that grew or shrank at the bottom since (the debugger's infobar) does
 * not shift the click. Without the shape, both axes stretch.
 */
export function toViewport(
  nx: number,
  ny: number,
  width: number,
  height: number,
  aspect?: number,
): { x: number; y: number } {
  if (aspect === undefined) return toSurface(nx, ny, width, height);
  const y = Math.round(ny * width * aspect);
  return { x: toSurface(nx, 0, width, 1).x, y: Math.max(0, Math.min(height - 1, y)) };
}
