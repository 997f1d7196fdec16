import * as v from 'valibot';

/**
 * Remote input as it travels from a guest: pointer positions normalised to 0..1 of the shared
 * picture's content box (never the element: letterboxing), wheel deltas in CSS pixels, keys as
 * `code` (the physical key) plus `key` (the text it makes in the guest's layout).
 */
export const MAX_WHEEL_DELTA = 1_200;
export const MAX_TEXT_LENGTH = 256;

/** CDP's modifier bits, shared by the tab and desktop executors. */
export const MODIFIER = { alt: 1, ctrl: 2, meta: 4, shift: 8 } as const;

const unit = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1));
const wheelDelta = v.pipe(
  v.number(),
  v.finite(),
  // Clamped rather than refused: a fast flick is legitimate, it just must not be a teleport.
  v.transform((delta) => Math.max(-MAX_WHEEL_DELTA, Math.min(MAX_WHEEL_DELTA, delta))),
);

export const BUTTONS = ['none', 'left', 'middle', 'right'] as const;

/**
 * The shape (height ÷ width) of the frame the guest aimed at. The shared tab may have changed
 * shape since (the debugger's infobar shrinks it); with this the sharer maps the point as the
 * guest saw it.
 */
const aspect = v.optional(v.pipe(v.number(), v.finite(), v.minValue(0.05), v.maxValue(20)));

export const InputEventSchema = v.variant('kind', [
  v.object({
    kind: v.literal('pointer'),
    action: v.picklist(['move', 'down', 'up']),
    nx: unit,
    ny: unit,
    button: v.picklist(BUTTONS),
    /** 2 on the second press of a double-click: the OS and CDP both want the count. */
    clicks: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3)),
    aspect,
  }),
  v.object({
    kind: v.literal('wheel'),
    nx: unit,
    ny: unit,
    dx: wheelDelta,
    dy: wheelDelta,
    aspect,
  }),
  v.object({
    kind: v.literal('key'),
    action: v.picklist(['down', 'up']),
    code: v.pipe(v.string(), v.maxLength(32), v.regex(/^[A-Za-z0-9]*$/)),
    key: v.pipe(v.string(), v.minLength(1), v.maxLength(32)),
    modifiers: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(15)),
  }),
  v.object({
    kind: v.literal('text'),
    text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TEXT_LENGTH)),
  }),
]);

export type InputEvent = v.InferOutput<typeof InputEventSchema>;
export type PointerInput = Extract<InputEvent, { kind: 'pointer' }>;
export type KeyInput = Extract<InputEvent, { kind: 'key' }>;
export type Button = (typeof BUTTONS)[number];
