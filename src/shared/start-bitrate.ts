/**
 * Where the sharer's bandwidth estimate starts, in kbit/s. Chromium starts at 300, so a sharp
 * first key frame (10–15 KB of text) is paced out over ~50 ms more than it needs; 1.5 Mbit/s is
 * under every preset's ceiling, and the estimate still falls at once on a slower path.
 */
export const START_BITRATE_KBPS = 1_500;

const VIDEO_CODEC = /^a=rtpmap:(\d+) (?:VP8|VP9|AV1|H264)\/90000/i;

/**
 * `sdp` with `x-google-start-bitrate` on every video codec's format line (one is added where a
 * codec has none). Chromium reads it from the other side's description when it sends, so the
 * guest's offer sets where the sharer's estimate starts; other browsers ignore the parameter.
 */
export function withStartBitrate(sdp: string, kbps: number = START_BITRATE_KBPS): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const video = new Set(lines.flatMap((line) => VIDEO_CODEC.exec(line)?.[1] ?? []));
  const hasFormat = new Set(lines.flatMap((line) => /^a=fmtp:(\d+) /.exec(line)?.[1] ?? []));
  const parameter = `x-google-start-bitrate=${kbps}`;
  return lines
    .flatMap((line) => {
      const format = /^a=fmtp:(\d+) /.exec(line)?.[1];
      if (format && video.has(format) && !line.includes('x-google-start-bitrate')) {
        return [`${line};${parameter}`];
      }
      const mapped = VIDEO_CODEC.exec(line)?.[1];
      if (mapped && !hasFormat.has(mapped)) return [line, `a=fmtp:${mapped} ${parameter}`];
      return [line];
    })
    .join(eol);
}
