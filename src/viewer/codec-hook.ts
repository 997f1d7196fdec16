import type { MediaConnection } from 'peerjs';
import { offeredVideoCodecs, orderCodecs } from '../shared/codec-preference.js';

/**
 * The sharer calls and so makes the offer; PeerJS answers inside `call.answer()` with no hook.
 * The track event fires while the offer is applied, before PeerJS creates the answer, so codec
 * preferences set here order the answer — and the sharer sends the answer's first codec.
 */
export function preferCodecs(call: MediaConnection): void {
  const pc = call.peerConnection;
  const capabilities = globalThis.RTCRtpReceiver?.getCapabilities?.('video');
  if (!pc || !capabilities) return;
  pc.addEventListener('track', ({ transceiver, track }) => {
    if (track.kind === 'video') preferOn(transceiver, pc.remoteDescription?.sdp ?? '');
  });
}

/** The same order for a renegotiated offer (media/offer): set after it is applied, before the answer. */
export function preferCodecsOn(pc: RTCPeerConnection): void {
  for (const transceiver of pc.getTransceivers()) {
    if (transceiver.receiver.track.kind === 'video' && transceiver.currentDirection === null) {
      preferOn(transceiver, pc.remoteDescription?.sdp ?? '');
    }
  }
}

function preferOn(transceiver: RTCRtpTransceiver, offerSdp: string): void {
  const capabilities = globalThis.RTCRtpReceiver?.getCapabilities?.('video');
  if (!capabilities || !transceiver.setCodecPreferences) return;
  const ordered = orderCodecs(capabilities.codecs, offeredVideoCodecs(offerSdp));
  try {
    if (ordered.length > 0) transceiver.setCodecPreferences(ordered);
  } catch (error) {
    console.warn('Deskbridge: codec preferences not applied', error);
  }
}
