/**
 * The guest's first offer already asks for the picture (and sound): each such section is answered
 * send-only, with no track. Nothing leaves until admission attaches the track (`attachPrepared`),
 * and then no second offer/answer is needed — the round trip that used to follow admission.
 *
 * PeerJS answers the offer itself; `signalingstatechange` fires while the offer is applied, before
 * its answer is created, which is the one moment to set directions. The codec order is the
 * guest's, written into its offer (preferVideoCodecsInSdp).
 */
export function prepareSenders(
  pc: RTCPeerConnection,
  stream: MediaStream,
  signal: AbortSignal,
): void {
  const kinds = new Set(stream.getTracks().map((track) => track.kind));
  pc.addEventListener(
    'signalingstatechange',
    () => {
      if (pc.signalingState !== 'have-remote-offer') return;
      for (const transceiver of pc.getTransceivers()) {
        const { kind } = transceiver.receiver.track;
        // Only sections this offer just opened, and only for what we capture.
        if (transceiver.currentDirection !== null || !kinds.has(kind)) continue;
        transceiver.direction = 'sendonly';
        // Firefox has no setStreams: the guest then gathers the tracks into one stream itself.
        transceiver.sender.setStreams?.(stream);
      }
    },
    { signal },
  );
}

/**
 * Puts `stream`'s tracks on the senders prepared in the answer. False (nothing attached) when the
 * answer did not carry a send-only section for every track: the caller offers media instead.
 */
export async function attachPrepared(pc: RTCPeerConnection, stream: MediaStream): Promise<boolean> {
  const prepared = new Map<string, RTCRtpSender>();
  for (const transceiver of pc.getTransceivers()) {
    if (transceiver.currentDirection === 'sendonly') {
      prepared.set(transceiver.receiver.track.kind, transceiver.sender);
    }
  }
  const tracks = stream.getTracks();
  if (!tracks.every((track) => prepared.has(track.kind))) return false;
  await Promise.all(tracks.map((track) => prepared.get(track.kind)?.replaceTrack(track)));
  return true;
}
