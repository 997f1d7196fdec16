import { digestAlgorithmOf, fingerprintOfDigest, transportFingerprint } from './fingerprint.js';

/**
 * The parts of an RTCPeerConnection that say which DTLS transport carries what. Structural, so
 * the check runs on a real connection in the browser and on a plain object in unit tests.
 */
export interface TransportView {
  readonly localDescription: { readonly sdp: string } | null;
  readonly remoteDescription: { readonly sdp: string } | null;
  readonly sctp: { readonly transport: DtlsTransportView } | null;
  getTransceivers(): readonly {
    readonly sender: { readonly transport: object | null };
    readonly receiver: { readonly transport: object | null };
  }[];
}

export interface DtlsTransportView {
  /** Chrome has it; Firefox does not (then the descriptions and the transports must do). */
  getRemoteCertificates?(): ArrayBuffer[];
}

export type TransportProblem =
  /** A description with several fingerprints, or a section outside the one BUNDLE group. */
  | 'description'
  /** No data channel transport: nothing was proved over it. */
  | 'no-data-transport'
  /** A sender or receiver on a transport other than the data channel's. */
  | 'other-transport'
  /** The data channel's peer presented a certificate other than the one its description names. */
  | 'certificate';

export interface ProvedFingerprints {
  local: string;
  remote: string;
}

/** The fingerprints both descriptions agree on, or null when either is not one bundled transport. */
export function provedFingerprints(pc: TransportView): ProvedFingerprints | null {
  const local = transportFingerprint(pc.localDescription?.sdp);
  const remote = transportFingerprint(pc.remoteDescription?.sdp);
  return local && remote ? { local, remote } : null;
}

/**
 * Why `pc` must not carry the picture, or null when it may: everything rides the data channel's
 * DTLS transport — the one the key proof covers — and the peer at the end of it holds the
 * certificate the remote description names. Checked before a proof is trusted and again before
 * a track is attached.
 */
export async function transportProblem(
  pc: TransportView,
  digest: (algorithm: string, data: ArrayBuffer) => Promise<ArrayBuffer> = (algorithm, data) =>
    crypto.subtle.digest(algorithm, data),
): Promise<TransportProblem | null> {
  const fingerprints = provedFingerprints(pc);
  if (!fingerprints) return 'description';
  const proved = pc.sctp?.transport ?? null;
  if (!proved) return 'no-data-transport';
  for (const { sender, receiver } of pc.getTransceivers()) {
    // Null until negotiated; once negotiated, only the proved transport will do.
    for (const transport of [sender.transport, receiver.transport]) {
      if (transport !== null && transport !== proved) return 'other-transport';
    }
  }
  const certificates = proved.getRemoteCertificates?.() ?? null;
  if (certificates === null) return null;
  const [leaf] = certificates;
  const algorithm = digestAlgorithmOf(fingerprints.remote);
  if (!leaf || !algorithm) return 'certificate';
  const seen = fingerprintOfDigest(fingerprints.remote, await digest(algorithm, leaf));
  return seen === fingerprints.remote ? null : 'certificate';
}
