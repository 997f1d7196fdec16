import { preferVideoCodecs } from '../shared/codec-preference.js';

/**
 * A sharer that offers its video later (media/offer, the fallback when our first offer's video
 * section was not answered): codecs ordered after the offer is applied, before our answer.
 */
export function preferCodecsOn(pc: RTCPeerConnection): void {
  const local = globalThis.RTCRtpReceiver?.getCapabilities?.('video')?.codecs;
  for (const transceiver of pc.getTransceivers()) {
    if (transceiver.receiver.track.kind === 'video' && transceiver.currentDirection === null) {
      preferVideoCodecs(transceiver, local, pc.remoteDescription?.sdp ?? '');
    }
  }
}
