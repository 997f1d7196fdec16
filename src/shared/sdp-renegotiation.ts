/**
 * The video is renegotiated onto a connection whose transport is already up (media/offer,
 * media/answer): its ICE candidates were exchanged when the data connection opened. Candidate
 * lines in the renegotiated SDP would only add paths beside the one in use, and tell the other
 * side addresses it has no need for: they are dropped on both sides.
 */
export function withoutCandidates(sdp: string): string {
  return sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate:') && line !== 'a=end-of-candidates')
    .join('\r\n');
}
