import type { BrowserContext, CDPSession } from 'playwright-core';
import { EXTENSION_ID } from '../test/e2e/harness/browsers.js';

/**
 * The sharer's half of a join, seen from inside the media host (the offscreen document) without
 * changing it: over CDP, a wrapper goes around its `RTCPeerConnection` once the share is live
 * (PeerJS looks the constructor up for every new connection), and notes each step in epoch ms
 * (`timeOrigin + now`), so the steps line up with the viewer's.
 */
export type SharerMarks = Record<string, number>;

/** The sender's view at its first encoded frame. */
export interface FirstEncode {
  /** Frames the capture had handed to the sender by then (those before were dropped). */
  sourceFrames: number;
  /** The encoder's target bitrate then: the bandwidth estimate's start. */
  targetKbps: number;
  limitation: string;
  encoder: string;
}

/** Runs inside the offscreen document. */
function sharerProbe(): void {
  const scope = window as unknown as {
    benchSharer?: { marks: Record<string, number>; firstEncode?: FirstEncode };
  };
  if (scope.benchSharer) return;
  const marks: Record<string, number> = {};
  scope.benchSharer = { marks };
  const mark = (name: string) => {
    marks[name] ??= performance.timeOrigin + performance.now();
  };
  // Admission attaches the captured track to the sender answered send-only (prepared-senders).
  const replaceTrack = RTCRtpSender.prototype.replaceTrack;
  RTCRtpSender.prototype.replaceTrack = function (track) {
    if (track) mark('track-attached');
    return replaceTrack.call(this, track);
  };
  // A connection given a remote offer is a guest's data connection (answered here); the picture
  // rides it (prepared senders).
  window.RTCPeerConnection = new Proxy(RTCPeerConnection, {
    construct(Native, args: ConstructorParameters<typeof RTCPeerConnection>) {
      const connection = new Native(...args);
      let role = '';
      const setRemote = connection.setRemoteDescription.bind(connection);
      connection.setRemoteDescription = ((description: RTCSessionDescriptionInit) => {
        if (description.type === 'offer') role = 'data';
        if (role) mark(`${role}-remote-${description.type}`);
        return setRemote(description);
      }) as typeof connection.setRemoteDescription;
      const setLocal = connection.setLocalDescription.bind(connection);
      connection.setLocalDescription = ((description?: RTCSessionDescriptionInit) => {
        if (role) mark(`${role}-local-${description?.type ?? 'auto'}`);
        return setLocal(description);
      }) as typeof connection.setLocalDescription;
      connection.addEventListener('datachannel', (event) =>
        event.channel.addEventListener('open', () => mark('data-open')),
      );
      connection.addEventListener('connectionstatechange', () => {
        if (role && connection.connectionState === 'connected') mark(`${role}-connected`);
        if (role && connection.connectionState === 'connected') void watchOutbound();
      });
      // Every 20 ms until the first packet leaves; Chrome caches stats for a few tens of ms.
      const watchOutbound = async () => {
        for (let i = 0; i < 250 && !('first-packet-sent' in marks); i++) {
          const report = await connection.getStats();
          let sourceFrames = 0;
          report.forEach((s) => {
            if (s.type === 'media-source' && s.kind === 'video') sourceFrames = s.frames ?? 0;
          });
          if (sourceFrames > 0) mark('first-source-frame');
          report.forEach((s) => {
            if (s.type !== 'outbound-rtp' || s.kind !== 'video') return;
            if (s.framesEncoded > 0 && !('first-frame-encoded' in marks)) {
              mark('first-frame-encoded');
              // What the encoder had been given, and told, by the time it first produced.
              scope.benchSharer = {
                marks,
                firstEncode: {
                  sourceFrames,
                  targetKbps: Math.round((s.targetBitrate ?? 0) / 1000),
                  limitation: String(s.qualityLimitationReason ?? ''),
                  encoder: String(s.encoderImplementation ?? ''),
                },
              };
            }
            if (s.packetsSent > 0) mark('first-packet-sent');
          });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      const offer = connection.createOffer.bind(connection);
      connection.createOffer = ((options?: RTCOfferOptions) => {
        mark('media-create-offer');
        return offer(options);
      }) as typeof connection.createOffer;
      return connection;
    },
  });
}

/** The sharer's steps, in the order they usually happen. */
export const SHARER_MARKS = [
  'data-remote-offer',
  'data-local-answer',
  'data-connected',
  'data-open',
  'track-attached',
  'first-source-frame',
  'first-frame-encoded',
  'first-packet-sent',
] as const;

/** A CDP session with the offscreen document, through the sharer's first page. */
export async function attachSharerProbe(context: BrowserContext): Promise<{
  read(): Promise<{ marks: SharerMarks; firstEncode?: FirstEncode }>;
  close(): Promise<void>;
}> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp: CDPSession = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.url.includes(`${EXTENSION_ID}/offscreen.html`));
  if (!target) throw new Error('no offscreen document: is the share live?');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  let next = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply.result);
  });
  const evaluate = async (expression: string): Promise<unknown> => {
    const id = next++;
    const done = new Promise((resolve) => waiting.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({
        id,
        method: 'Runtime.evaluate',
        params: { expression, returnByValue: true, awaitPromise: true },
      }),
    });
    const result = (await done) as { result?: { value?: unknown } };
    return result.result?.value;
  };
  await evaluate(`(${sharerProbe.toString()})()`);
  return {
    async read() {
      const json = await evaluate('JSON.stringify(window.benchSharer)');
      return JSON.parse(String(json)) as { marks: SharerMarks; firstEncode?: FirstEncode };
    },
    async close() {
      await cdp.detach().catch(() => {});
    },
  };
}
