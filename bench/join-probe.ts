import type { Browser, Page } from 'playwright-core';
import { FIRST_FRAME_LINES } from '../src/shared/quality.js';

/**
 * Where Join → first frame goes, seen from the viewer without touching its code: an init script
 * wraps `WebSocket` (PeerJS signalling) and `RTCPeerConnection` (the data and media connections)
 * and notes, in the page's own clock, the first time each step of the join happens.
 */
export interface JoinMarks {
  [mark: string]: number;
}

/**
 * The page's way in before Join (join-ahead), in the page's clock from navigation (0): it
 * registers, connects and proves the key while the guest types a name.
 */
export const AHEAD_PHASES = [
  ['page opened → offer sent (page, PeerJS, signalling)', 'navigation', 'data-offer'],
  [
    'connection (offer/answer with the picture sections, ICE, DTLS, SCTP)',
    'data-offer',
    'data-open',
  ],
  ['proof handshake (hello → challenge → proof sent)', 'data-open', 'proof-sent'],
  ['proof sent → key proved (ready for Join)', 'proof-sent', 'ahead-ready'],
] as const;

/**
 * The critical path after Join, one phase per row: from `from` to `to`, both first occurrences.
 * The picture rides on the data connection, answered send-only in its first answer, so admission
 * is followed directly by the first packet; `JOIN_MARKS` gives every step's time, the sharer's
 * included. A Join clicked before the key is proved waits for it in the first phase.
 */
export const JOIN_PHASES = [
  ['Join click → join sent', 'join-click', 'join-sent'],
  ['admission (join sent → admitted in)', 'join-sent', 'admitted'],
  [
    'admitted → first video packet (track attached, first frame encoded)',
    'admitted',
    'first-packet',
  ],
  ['first packet → whole first frame received', 'first-packet', 'frame-received'],
  ['first frame: received → decoded → presented', 'frame-received', 'frame-presented'],
  ['presented → viewer shows live', 'frame-presented', 'live'],
] as const;

/** Every step the probe notes, in the order they usually happen. */
export const JOIN_MARKS = [
  'peer-open',
  'data-offer',
  'data-answer',
  'data-connected',
  'data-open',
  'recv-challenge',
  'proof-sent',
  'ahead-ready',
  'join-sent',
  'admitted',
  'first-packet',
  'frame-received',
  'frame-decoded',
  'frame-presented',
  'live',
  'frame-sharp',
] as const;

export type JoinPhase = (typeof JOIN_PHASES | typeof AHEAD_PHASES)[number][0];

/** Phase durations in ms from one join's marks; a phase whose marks are missing is left out. */
export function joinPhases(marks: JoinMarks): Partial<Record<JoinPhase | 'total', number>> {
  const phases: Partial<Record<JoinPhase | 'total', number>> = {};
  const at: JoinMarks = { ...marks, navigation: 0 };
  for (const [name, from, to] of [...AHEAD_PHASES, ...JOIN_PHASES]) {
    const start = at[from];
    const end = at[to];
    if (start !== undefined && end !== undefined) phases[name] = end - start;
  }
  const click = marks['join-click'];
  const live = marks.live;
  if (click !== undefined && live !== undefined) phases.total = live - click;
  return phases;
}

/** Each step's time since the Join click. */
export function joinTimeline(
  marks: JoinMarks,
): Partial<Record<(typeof JOIN_MARKS)[number], number>> {
  const click = marks['join-click'];
  if (click === undefined) return {};
  return Object.fromEntries(
    JOIN_MARKS.filter((name) => marks[name] !== undefined).map((name) => [
      name,
      (marks[name] ?? 0) - click,
    ]),
  );
}

/**
 * Runs in the viewer page before its own scripts: the whole probe, self-contained.
 * `softLines`: the first frame's height cap (FIRST_FRAME_LINES); a taller frame is full size.
 */
function probe(softLines: number): void {
  const marks: Record<string, number> = {};
  const channels: RTCDataChannel[] = [];
  const media: RTCPeerConnection[] = [];
  /** Bytes and frames received by the time the first frame was shown. */
  const firstFrame = { bytes: 0, frames: 0, size: '' };
  const pongs = new Map<number, (at: number) => void>();
  const mark = (name: string) => {
    if (!(name in marks)) marks[name] = performance.now();
  };
  const decode = (data: unknown): { type?: string; t?: number; payload?: { type?: string } } => {
    try {
      const text =
        typeof data === 'string'
          ? data
          : new TextDecoder().decode(data instanceof ArrayBuffer ? data : (data as Uint8Array));
      return JSON.parse(text);
    } catch {
      return {};
    }
  };
  (window as unknown as { benchProbe: unknown }).benchProbe = {
    marks,
    channels,
    media,
    pongs,
    firstFrame,
  };

  addEventListener(
    'click',
    (event) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('button')?.textContent?.trim() === 'Join') mark('join-click');
    },
    true,
  );
  // The first presented frame's metadata: when its last packet came, how long decoding took.
  const watched = new WeakSet<HTMLVideoElement>();
  addEventListener(
    'loadstart',
    (event) => {
      const video = event.target;
      if (!(video instanceof HTMLVideoElement) || watched.has(video)) return;
      watched.add(video);
      // The first frame is scaled down to `softLines`: frames are followed until one is taller
      // (or the first already is: a small share is not scaled down), or for 5 s.
      const onFrame: VideoFrameRequestCallback = (_now, frame) => {
        if (!('frame-presented' in marks)) {
          const received = frame.receiveTime ?? frame.presentationTime;
          marks['frame-received'] = received;
          marks['frame-decoded'] = received + (frame.processingDuration ?? 0) * 1000;
          marks['frame-presented'] = frame.presentationTime;
          firstFrame.size = `${frame.width}×${frame.height}`;
        }
        if (frame.height > softLines * 1.1) {
          marks['frame-sharp'] ??= frame.presentationTime;
          return;
        }
        if (performance.now() - (marks['frame-presented'] ?? 0) < 5_000) {
          video.requestVideoFrameCallback(onFrame);
        }
      };
      video.requestVideoFrameCallback(onFrame);
    },
    true,
  );
  // The init script runs before <html> exists: watch the document for it.
  new MutationObserver(() => {
    const dataset = document.documentElement?.dataset;
    if (dataset?.viewerState === 'live') mark('live');
    if (dataset?.joinAhead === 'ready') mark('ahead-ready');
  }).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ['data-viewer-state', 'data-join-ahead'],
  });

  // PeerJS signalling: OPEN once the server knows our id; OFFER/ANSWER carry `payload.type`.
  // Proxies with a `construct` trap keep `new`, the statics and `instanceof` as they were.
  window.WebSocket = new Proxy(WebSocket, {
    construct(NativeSocket, args: ConstructorParameters<typeof WebSocket>) {
      const socket = new NativeSocket(...args);
      socket.addEventListener('open', () => mark('ws-open'));
      socket.addEventListener('message', (event) => {
        const message = decode(event.data);
        if (message.type === 'OPEN') mark('peer-open');
        if (message.type === 'ANSWER' && message.payload?.type === 'data') mark('data-answer');
      });
      const send = socket.send.bind(socket);
      socket.send = (data) => {
        const message = decode(data);
        if (message.type === 'OFFER' && message.payload?.type === 'data') mark('data-offer');
        send(data);
      };
      return socket;
    },
  });

  // A connection that opens a channel carries data and, since its offer asks for it, the picture
  // (PeerJS also makes throwaway connections to test what the browser supports).
  window.RTCPeerConnection = new Proxy(RTCPeerConnection, {
    construct(NativeConnection, args: ConstructorParameters<typeof RTCPeerConnection>) {
      const connection = new NativeConnection(...args);
      let role = '';
      connection.addEventListener('connectionstatechange', () => {
        if (role && connection.connectionState === 'connected') mark(`${role}-connected`);
        if (role && connection.connectionState === 'connected') void watchInbound();
      });
      // When the first video packet came, and how many bytes the first frame took. Chrome caches
      // stats for a few tens of ms, so 'first-packet' is that coarse.
      const watchInbound = async () => {
        for (let i = 0; i < 250 && !('frame-presented' in marks); i++) {
          (await connection.getStats()).forEach((s) => {
            if (s.type === 'inbound-rtp' && s.kind === 'video' && s.packetsReceived > 0)
              mark('first-packet');
          });
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        (await connection.getStats()).forEach((s) => {
          if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
          firstFrame.bytes = s.bytesReceived;
          firstFrame.frames = s.framesReceived;
        });
      };
      connection.addEventListener('track', () => mark('media-track'));
      const create = connection.createDataChannel.bind(connection);
      connection.createDataChannel = (label, init) => {
        const channel = create(label, init);
        role = 'data';
        channels.push(channel);
        // The picture comes on this connection too (its first offer asks for it).
        if (!media.includes(connection)) media.push(connection);
        channel.addEventListener('open', () => mark('data-open'));
        channel.addEventListener('message', (event) => {
          const message = decode(event.data);
          if (message.type) mark(`recv-${message.type}`);
          if (message.type === 'admitted') mark('admitted');
          if (message.type === 'pong' && message.t !== undefined)
            pongs.get(message.t)?.(performance.now());
        });
        const send = channel.send.bind(channel) as (data: unknown) => void;
        channel.send = ((data: unknown) => {
          const message = decode(data);
          if (message.type) mark(`${message.type}-sent`);
          send(data);
        }) as typeof channel.send;
        return channel;
      };
      return connection;
    },
  });
}

/**
 * `joinAsGuest` without the click, in a context whose pages get the probe first. By default it
 * returns once the page has proved the key (join-ahead), as it has for anyone who takes a second
 * to type a name; `atOnce` returns as soon as the name is in, as for a name the page remembered.
 */
export async function openProbedViewer(
  browser: Browser,
  link: string,
  name: string,
  { atOnce = false } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(probe, FIRST_FRAME_LINES);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[viewer] ${error.message}`));
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Your name' }).fill(name);
  if (!atOnce) {
    await page.waitForFunction(() => document.documentElement.dataset.joinAhead === 'ready');
  }
  return page;
}

/** Waits for the first frame at full resolution (the first one is scaled down). */
export async function untilSharp(viewer: Page): Promise<void> {
  await viewer.waitForFunction(
    () =>
      'frame-sharp' in (window as unknown as { benchProbe: { marks: JoinMarks } }).benchProbe.marks,
    null,
    { timeout: 15_000 },
  );
}

export function readJoinMarks(viewer: Page): Promise<JoinMarks> {
  return viewer.evaluate(() => ({
    ...(window as unknown as { benchProbe: { marks: JoinMarks } }).benchProbe.marks,
  }));
}

export interface FirstFrame {
  bytes: number;
  frames: number;
  /** The first frame's width × height. */
  size: string;
}

/** Video bytes and frames received up to the first frame shown (read just after it). */
export async function readFirstFrame(viewer: Page): Promise<FirstFrame> {
  await viewer.waitForTimeout(100);
  return viewer.evaluate(
    () => (window as unknown as { benchProbe: { firstFrame: FirstFrame } }).benchProbe.firstFrame,
  );
}

/**
 * Data-channel round trip: our own pings on the viewer's channel, one at a time; the host's
 * guest machine answers every ping with a pong carrying the same `t`. The `t` values are far
 * above the viewer's own (performance.now()), so their pongs never match ours.
 */
export function dataChannelRoundTrips(viewer: Page, samples: number): Promise<number[]> {
  return viewer.evaluate(async (count) => {
    const { channels, pongs } = (
      window as unknown as {
        benchProbe: { channels: RTCDataChannel[]; pongs: Map<number, (at: number) => void> };
      }
    ).benchProbe;
    const channel = channels.find((c) => c.readyState === 'open');
    if (!channel) throw new Error('no open data channel');
    const encoder = new TextEncoder();
    const trips: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = 1e15 + i;
      const answered = new Promise<number>((resolve, reject) => {
        pongs.set(t, resolve);
        setTimeout(() => reject(new Error('no pong within 5 s')), 5_000);
      });
      const sent = performance.now();
      channel.send(encoder.encode(JSON.stringify({ v: 2, type: 'ping', t })));
      trips.push((await answered) - sent);
      pongs.delete(t);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return trips;
  }, samples);
}
