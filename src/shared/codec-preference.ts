/** Best first: AV1 and VP9 keep text sharp at low rates (screen-content tools), H.264 is last. */
export const PREFERRED_VIDEO_CODECS = ['video/av1', 'video/vp9', 'video/vp8', 'video/h264'];

/** Retransmission and error correction: they go along with whichever codec is chosen. */
const AUXILIARY = new Set(['video/rtx', 'video/red', 'video/ulpfec', 'video/flexfec-03']);

/** The shape of RTCRtpCodec (RTCRtpCodecCapability), as far as ordering needs it. */
export interface CodecLike {
  mimeType: string;
}

/**
 * The codecs both sides support, in our order of preference:
 * preferred codecs first (every profile of each, in the browser's own order), then other
 * offered codecs, then RTX/RED/FEC. Empty when no preferred codec is common: leave the
 * browser's defaults alone then.
 */
export function orderCodecs<C extends CodecLike>(
  local: readonly C[],
  offered: ReadonlySet<string>,
): C[] {
  const mime = (codec: C) => codec.mimeType.toLowerCase();
  const common = local.filter((codec) => offered.has(mime(codec)));
  const rank = (codec: C) => {
    const index = PREFERRED_VIDEO_CODECS.indexOf(mime(codec));
    if (index >= 0) return index;
    return AUXILIARY.has(mime(codec))
      ? PREFERRED_VIDEO_CODECS.length + 1
      : PREFERRED_VIDEO_CODECS.length;
  };
  if (!common.some((codec) => PREFERRED_VIDEO_CODECS.includes(mime(codec)))) return [];
  // Array.prototype.sort is stable: profiles of one codec keep the browser's order.
  return [...common].sort((a, b) => rank(a) - rank(b));
}

/**
 * `sdp` with every video section's payload types in our order of preference. An offer lists what
 * its author would rather receive first and the answering side sends the first it supports, so
 * the guest's own offer is where the order counts (the browser gives no hook before it is made).
 * A section with no preferred codec is left as the browser wrote it.
 */
export function preferVideoCodecsInSdp(sdp: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const starts = lines.flatMap((line, index) => (line.startsWith('m=') ? [index] : []));
  starts.forEach((start, n) => {
    const media = lines[start]?.split(' ') ?? [];
    if (media[0] !== 'm=video') return;
    const section = lines.slice(start + 1, starts[n + 1] ?? lines.length);
    const names = new Map<string, string>();
    for (const line of section) {
      const rtpmap = /^a=rtpmap:(\d+) ([^/\s]+)\//.exec(line);
      if (rtpmap?.[1] && rtpmap[2]) names.set(rtpmap[1], `video/${rtpmap[2].toLowerCase()}`);
    }
    const codecs = media.slice(3).map((pt) => ({ pt, mimeType: names.get(pt) ?? 'video/?' }));
    const ordered = orderCodecs(codecs, new Set(codecs.map((codec) => codec.mimeType)));
    if (ordered.length === codecs.length) {
      lines[start] = [...media.slice(0, 3), ...ordered.map((codec) => codec.pt)].join(' ');
    }
  });
  return lines.join(eol);
}
