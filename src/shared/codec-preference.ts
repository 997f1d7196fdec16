/** Best first: AV1 and VP9 keep text sharp at low rates (screen-content tools), H.264 is last. */
export const PREFERRED_VIDEO_CODECS = ['video/av1', 'video/vp9', 'video/vp8', 'video/h264'];

/** Retransmission and error correction: they go along with whichever codec is chosen. */
const AUXILIARY = new Set(['video/rtx', 'video/red', 'video/ulpfec', 'video/flexfec-03']);

/** The shape of RTCRtpCodec (RTCRtpCodecCapability), as far as ordering needs it. */
export interface CodecLike {
  mimeType: string;
}

/** The video codecs (lower-case MIME types) an SDP offers in its first video section. */
export function offeredVideoCodecs(sdp: string): Set<string> {
  const offered = new Set<string>();
  let inVideo = false;
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      if (inVideo) break;
      inVideo = line.startsWith('m=video ');
      continue;
    }
    const rtpmap = inVideo ? /^a=rtpmap:\d+ ([^/\s]+)\//.exec(line) : null;
    if (rtpmap?.[1]) offered.add(`video/${rtpmap[1].toLowerCase()}`);
  }
  return offered;
}

/**
 * The local codecs both sides support, in our order of preference, for setCodecPreferences:
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
