import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM } from './browsers.js';
import { MITM_FOR_SHARER, MITM_FOR_VIEWER } from './mitm-relay.js';
import type { Servers } from './stack.js';

/**
 * The attacker: its own headless Chromium (no extension) with PeerJS from node_modules loaded
 * into a page of the test's static server, talking to the real PeerJS server directly. It can
 * sit in the middle of a join (with the MITM relay re-addressing signalling), flood the sharer
 * with malformed data-channel messages, or send it junk signalling. All its code runs in the
 * page (PAGE_SCRIPT below: plain script, so no transpiler stands between it and the browser).
 */
const PEERJS = resolve(process.cwd(), 'node_modules/peerjs/dist/peerjs.min.js');

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  // The attacker's own browser: no reason to hide its addresses behind mDNS names, and a
  // viewer without media permission hides its own, so one side must show a real one.
  '--disable-features=Translate,MediaRouter,OptimizationHints,WebRtcHideLocalIpsWithMdns',
];

export type MitmMode = 'relay' | 'relay-media' | 'fix-proof' | 'impersonate';

/** The impostor's picture: solid magenta. */
export const IMPOSTOR_COLOUR: [number, number, number] = [255, 0, 255];

export interface SignallingTarget {
  host: string;
  port: number;
  path: string;
  key: string;
}

export interface MitmReport {
  /** Data-channel messages relayed between the victim and the sharer (or, when impersonating,
   * exchanged with the victim), by message type. */
  relayed: { dir: 'viewer->sharer' | 'sharer->viewer' | 'viewer->impostor'; type: string }[];
  /** Proofs whose fingerprints were replaced on the way (`fix-proof`). */
  proofsFixed: number;
  /** Victims the impostor tried to show its picture to (`impersonate`). */
  impostorOffers: number;
  /** Connections `mitm-v` received (from victims). */
  victims: string[];
  /** Media calls `mitm-s` received (from the sharer). */
  calls: number;
  /** Video frames the attacker decoded (getStats) and presented (requestVideoFrameCallback). */
  framesDecoded: number;
  framesPresented: number;
  bytesReceived: number;
  events: string[];
}

export interface FloodOptions {
  sharerId: string;
  /** Messages on the 'json' connection. */
  jsonCount: number;
  /** Messages on the 'raw' connection. */
  rawCount: number;
  seed: number;
}

export interface ConnectionReport {
  peerId: string;
  serialization: string;
  opened: boolean;
  /** Messages handed to the channel while it was open. */
  sent: number;
  /** Messages that could not go out because the channel had closed (or refused them). */
  unsent: number;
  closed: boolean;
  /** Milliseconds from the first message to 'close' (null if it never closed). */
  closedAfterMs: number | null;
  /** What the sharer sent back, by type (a challenge after the valid hello, then a denial). */
  received: string[];
  errors: string[];
}

export interface OffendOptions {
  sharerId: string;
  serialization: 'json' | 'raw';
  count: number;
  seed: number;
  /** Ignore the sharer's in-band close request (PeerJS's `__peerData` close message). */
  deaf?: boolean;
}

export interface OffenderReport extends ConnectionReport {
  deaf: boolean;
  /** Whether the attacker's side of the channel is still open, and its RTCPeerConnection. */
  open: boolean;
  connectionState: RTCPeerConnectionState | null;
}

export interface FloodReport {
  json: ConnectionReport;
  raw: ConnectionReport;
  /** Milliseconds spent sending (both connections, concurrently). */
  sendMs: number;
}

export interface Attacker {
  browser: Browser;
  page: Page;
  /**
   * Opens `mitm-v` and `mitm-s`. What reaches `mitm-v` from a victim is, by `mode`:
   * - `relay`: relayed to the sharer through `mitm-s`, verbatim, both ways;
   * - `relay-media`: the same, with `mitm-s` asking the sharer for the picture's sections as a
   *   viewer does, and counting the frames that arrive on its own connection;
   * - `fix-proof`: relayed, but the fingerprints in the victim's proof are replaced by those the
   *   sharer sees (so they agree and only the MAC can tell);
   * - `impersonate`: never relayed: `mitm-v` plays the sharer itself (challenge, a made-up host
   *   proof, `admitted` at Join, then its own picture on the victim's connection, a solid
   *   {@link IMPOSTOR_COLOUR} frame).
   */
  startMitm(sharerId: string, mode?: MitmMode): Promise<void>;
  mitmReport(): Promise<MitmReport>;
  /** Opens a 'json' and a 'raw' DataConnection to the sharer and pours junk into both. */
  flood(options: FloodOptions): Promise<FloodReport>;
  /** Current state of the flood connections (e.g. to wait for their 'close'). */
  floodState(): Promise<FloodReport | null>;
  /** One more offending connection sending `count` junk messages; returns its index. */
  offend(options: OffendOptions): Promise<number>;
  /** More junk on offender `index`, if its channel is still open. */
  offendMore(index: number, count: number): Promise<OffenderReport>;
  offenderState(index: number): Promise<OffenderReport>;
  /** `count` junk signalling messages (bogus offers, answers, candidates…) to the sharer. */
  signallingJunk(options: {
    sharerId: string;
    count: number;
    seed: number;
  }): Promise<{ id: string; sent: number; received: string[] }>;
  /**
   * `count` strangers, each opening a data connection to the sharer that only pings (kept
   * alive, never proving anything). Resolves with how many opened.
   */
  holdPlaces(options: { sharerId: string; count: number }): Promise<number>;
  /**
   * One stranger (one peer id) opening `count` data connections it never speaks on, and
   * calling `count` times; resolves once they have reached the sharer.
   */
  knockRepeatedly(options: { sharerId: string; count: number }): Promise<number>;
  close(): Promise<void>;
}

interface AttackerGlobal {
  __attacker: {
    startMitm(
      options: SignallingTarget & { sharerId: string; ids: [string, string]; mode: MitmMode },
    ): Promise<void>;
    mitmReport(): Promise<MitmReport>;
    flood(options: SignallingTarget & FloodOptions): Promise<FloodReport>;
    floodState(): FloodReport | null;
    offend(options: SignallingTarget & OffendOptions): Promise<number>;
    offendMore(index: number, count: number): Promise<OffenderReport>;
    offenderState(index: number): OffenderReport;
    signallingJunk(
      options: SignallingTarget & { sharerId: string; count: number; seed: number },
    ): Promise<{ id: string; sent: number; received: string[] }>;
    holdPlaces(options: SignallingTarget & { sharerId: string; count: number }): Promise<number>;
    knockRepeatedly(
      options: SignallingTarget & { sharerId: string; count: number },
    ): Promise<number>;
  };
}

export async function launchAttacker(servers: Servers): Promise<Attacker> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`[attacker] ${error.message}`));
    // Any page of the static server's origin will do (a secure context: 127.0.0.1).
    await page.goto(`${servers.fixturesUrl}demo/screen.html`);
    await page.addScriptTag({ path: PEERJS });
    await page.addScriptTag({ content: PAGE_SCRIPT });
    const target: SignallingTarget = {
      host: '127.0.0.1',
      port: servers.peerPort,
      path: servers.peerPath,
      key: 'peerjs',
    };
    return {
      browser,
      page,
      startMitm: (sharerId, mode = 'relay') =>
        page.evaluate(
          (options) => (globalThis as unknown as AttackerGlobal).__attacker.startMitm(options),
          {
            ...target,
            sharerId,
            mode,
            ids: [MITM_FOR_VIEWER, MITM_FOR_SHARER] as [string, string],
          },
        ),
      mitmReport: () =>
        page.evaluate(() => (globalThis as unknown as AttackerGlobal).__attacker.mitmReport()),
      flood: (options) =>
        page.evaluate((all) => (globalThis as unknown as AttackerGlobal).__attacker.flood(all), {
          ...target,
          ...options,
        }),
      floodState: () =>
        page.evaluate(() => (globalThis as unknown as AttackerGlobal).__attacker.floodState()),
      offend: (options) =>
        page.evaluate((all) => (globalThis as unknown as AttackerGlobal).__attacker.offend(all), {
          ...target,
          ...options,
        }),
      offendMore: (index, count) =>
        page.evaluate(
          ([i, n]) => (globalThis as unknown as AttackerGlobal).__attacker.offendMore(i, n),
          [index, count] as const,
        ),
      offenderState: (index) =>
        page.evaluate(
          (i) => (globalThis as unknown as AttackerGlobal).__attacker.offenderState(i),
          index,
        ),
      signallingJunk: (options) =>
        page.evaluate(
          (all) => (globalThis as unknown as AttackerGlobal).__attacker.signallingJunk(all),
          { ...target, ...options },
        ),
      holdPlaces: (options) =>
        page.evaluate(
          (all) => (globalThis as unknown as AttackerGlobal).__attacker.holdPlaces(all),
          { ...target, ...options },
        ),
      knockRepeatedly: (options) =>
        page.evaluate(
          (all) => (globalThis as unknown as AttackerGlobal).__attacker.knockRepeatedly(all),
          { ...target, ...options },
        ),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Plain script for the attacker page (no transpiler between it and the browser). */
const PAGE_SCRIPT = String.raw`
(() => {
  'use strict';
  const events = [];
  const note = (what) => events.push(Math.round(performance.now()) + ' ' + what);
  const relayed = [];
  const victims = [];
  const calls = [];
  const received = [];
  let proofsFixed = 0;
  let impostorOffers = 0;

  const dtls = (sdp) => {
    const m = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)/m.exec(sdp || '');
    return m ? m[1].toLowerCase() + ' ' + m[2].toUpperCase() : null;
  };

  // A picture of its own, at 30 fps: what an impostor would show a victim.
  function fakeStream() {
    const canvas = document.createElement('canvas');
    canvas.width = 1280;
    canvas.height = 720;
    const g = canvas.getContext('2d');
    const paint = () => { g.fillStyle = 'rgb(255, 0, 255)'; g.fillRect(0, 0, 1280, 720); };
    paint();
    setInterval(paint, 33);
    return canvas.captureStream(30);
  }

  function impersonate(fromViewer) {
    const send = (m) => { if (fromViewer.open) fromViewer.send(m); };
    fromViewer.on('data', (m) => {
      relayed.push({ dir: 'viewer->impostor', type: kindOf(m) });
      if (!m || typeof m !== 'object') return;
      if (m.type === 'hello') {
        const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
          .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        send({ v: 2, type: 'challenge', nonce });
      } else if (m.type === 'ping') {
        send({ v: 2, type: 'pong', t: m.t });
      } else if (m.type === 'proof') {
        // It cannot prove the key: it has none. It makes up a proof and hopes.
        const made = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))))
          .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        send({ v: 2, type: 'proved', proof: made });
      } else if (m.type === 'join') {
        send({ v: 2, type: 'admitted' });
      }
    });
    // Its picture rides the victim's own first offer, answered send-only with a track at once
    // (the trick the real sharer uses, without waiting for anything): the victim shows it as
    // soon as it believes itself admitted.
    impostorOffers += 1;
    note('impostor: answering ' + fromViewer.peer + ' with its own picture');
    const [track] = fakeStream().getVideoTracks();
    const pc = fromViewer.peerConnection;
    pc.addEventListener('signalingstatechange', () => {
      if (pc.signalingState !== 'have-remote-offer') return;
      for (const transceiver of pc.getTransceivers()) {
        if (transceiver.receiver.track.kind !== 'video') continue;
        transceiver.direction = 'sendonly';
        transceiver.sender.replaceTrack(track).catch((error) => note('impostor: ' + error));
      }
    });
    // Keep the victim's watchdog fed, as the sharer would.
    const ping = setInterval(() => send({ v: 2, type: 'ping', t: Math.round(performance.now()) }), 1000);
    fromViewer.on('close', () => clearInterval(ping));
  }

  function openPeer(id, o) {
    return new Promise((resolve, reject) => {
      const peer = new Peer(id, {
        host: o.host, port: o.port, path: o.path, key: o.key, secure: false,
        config: { iceServers: [] }, debug: 0,
      });
      const timer = setTimeout(() => reject(new Error('no signalling for ' + id)), 30000);
      peer.on('open', () => { clearTimeout(timer); resolve(peer); });
      peer.on('error', (e) => {
        note(id + ' error ' + e.type + ': ' + e.message);
        if (!peer.open) { clearTimeout(timer); reject(new Error(id + ': ' + e.type)); }
      });
    });
  }

  const kindOf = (data) =>
    data !== null && typeof data === 'object' && !(data instanceof ArrayBuffer)
      ? String(data.type)
      : typeof data;

  // Relays one direction verbatim; what arrives before the other leg is open waits, in order.
  function pipe(from, to, dir, transform) {
    const queue = [];
    const flush = () => { while (to.open && queue.length) to.send(queue.shift()); };
    to.on('open', flush);
    from.on('data', (data) => {
      relayed.push({ dir, type: kindOf(data) });
      queue.push(transform ? transform(data) : data);
      flush();
    });
    // PeerJS's own close message is not data: pass the close on after what is queued.
    from.on('close', () => {
      note(dir + ': source closed');
      flush();
      if (to.open) to.close({ flush: true });
      else to.close();
    });
  }

  async function startMitm(o) {
    const [forViewer, forSharer] = await Promise.all([openPeer(o.ids[0], o), openPeer(o.ids[1], o)]);
    forViewer.on('connection', (fromViewer) => {
      victims.push(fromViewer.peer);
      note(o.ids[0] + ': connection from ' + fromViewer.peer + ' (' + fromViewer.serialization + ')');
      if (o.mode === 'impersonate') return impersonate(fromViewer);
      const toSharer = forSharer.connect(o.sharerId, {
        serialization: fromViewer.serialization,
        reliable: fromViewer.reliable,
        metadata: fromViewer.metadata,
        ...(o.mode === 'relay-media'
          ? { constraints: { offerToReceiveVideo: true, offerToReceiveAudio: true } }
          : {}),
      });
      if (o.mode === 'relay-media') countFrames(toSharer.peerConnection, 'mitm-s data connection');
      toSharer.on('open', () => note(o.ids[1] + ': open to the sharer'));
      toSharer.on('error', (e) => note(o.ids[1] + ': data error ' + e.type));
      // The sharer's view of this connection: its own fingerprint and the one mitm-s shows it.
      const fixProof = (m) => {
        if (o.mode !== 'fix-proof' || !m || m.type !== 'proof' || !toSharer.peerConnection) return m;
        const pc = toSharer.peerConnection;
        proofsFixed += 1;
        return { ...m, sharerFingerprint: dtls(pc.remoteDescription.sdp),
          viewerFingerprint: dtls(pc.localDescription.sdp) };
      };
      pipe(fromViewer, toSharer, 'viewer->sharer', fixProof);
      pipe(toSharer, fromViewer, 'sharer->viewer');
    });
    forViewer.on('call', (call) => { note(o.ids[0] + ': unexpected call'); call.close(); });
    forSharer.on('connection', (c) => { note(o.ids[1] + ': unexpected connection'); c.close(); });
    // Whatever the sharer sends as media, take it and count it.
    forSharer.on('call', (call) => {
      calls.push(call.peer);
      note(o.ids[1] + ': media call from ' + call.peer);
      call.answer();
      const entry = countFrames(call.peerConnection, 'call from ' + call.peer);
      call.on('close', () => setTimeout(() => entry.stop(), 1000));
    });
  }

  // Frames that reach one of the attacker's connections, from getStats (decoded, bytes) and
  // from a video element (presented).
  function countFrames(pc, what) {
    const entry = { what, framesDecoded: 0, bytesReceived: 0, framesPresented: 0 };
    received.push(entry);
    const poll = setInterval(async () => {
      try {
        (await pc.getStats()).forEach((r) => {
          if (r.type === 'inbound-rtp' && r.kind === 'video') {
            entry.framesDecoded = Math.max(entry.framesDecoded, r.framesDecoded || 0);
            entry.bytesReceived = Math.max(entry.bytesReceived, r.bytesReceived || 0);
          }
        });
      } catch {}
    }, 200);
    pc.addEventListener('track', ({ track }) => {
      if (track.kind !== 'video') return;
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.playsInline = true;
      video.srcObject = new MediaStream([track]);
      document.body.append(video);
      const tick = () => { entry.framesPresented += 1; video.requestVideoFrameCallback(tick); };
      video.requestVideoFrameCallback(tick);
      video.play().catch(() => {});
    });
    entry.stop = () => clearInterval(poll);
    return entry;
  }

  async function mitmReport() {
    const sum = (k) => received.reduce((n, c) => n + c[k], 0);
    return {
      relayed: relayed.slice(),
      victims: victims.slice(),
      calls: calls.length,
      proofsFixed,
      impostorOffers,
      framesDecoded: sum('framesDecoded'),
      framesPresented: sum('framesPresented'),
      bytesReceived: sum('bytesReceived'),
      events: events.slice(),
    };
  }

  // --- The flood ----------------------------------------------------------------------------

  function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function junkMaker(seed, fingerprints) {
    const rnd = mulberry32(seed);
    const int = (n) => Math.floor(rnd() * n);
    const pick = (list) => list[int(list.length)];
    const chars = 'abcXYZ019 _-!"\\/<>{}[]:;,.\u0000\u0007\u202e\u2028\ud800\udfff\u00e9\u4e2d\ud83d\ude00';
    const str = (n) => { let s = ''; for (let i = 0; i < n; i++) s += chars[int(chars.length)]; return s; };
    const token = (n) => { let s = ''; for (let i = 0; i < n; i++) s += 'Aa0_-'[int(5)]; return s; };
    const weird = () => pick([NaN, Infinity, -Infinity, -1, 0, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 1.5]);
    const scalar = () => pick([null, true, false, '', str(int(40)), weird(), int(1000)]);
    const nest = (depth, asArray) => {
      let value = asArray ? [] : { v: 2, type: 'hello' };
      for (let i = 0; i < depth; i++) value = asArray ? [value] : { n: value };
      return value;
    };
    const types = ['hello', 'proof', 'ping', 'pong', 'bye', 'challenge', 'admitted', 'waiting',
      'denied', 'surface', 'input', 'control/request', '__proto__', 'constructor', 'toString',
      'hasOwnProperty', 'HELLO', ' hello', 'hello\u0000', ''];
    const fp = () => pick([fingerprints.viewer, fingerprints.sharer, 'sha-256 ' + token(20),
      'sha-256 AB:CD', 'SHA-256 ab:cd', 'x'.repeat(300)]);
    const protos = [
      '{"v":2,"type":"hello","name":"x","client":"abc","__proto__":{"admitted":true,"kind":"watching"}}',
      '{"__proto__":{"v":2,"type":"ping","t":1}}',
      '{"v":2,"type":"ping","t":1,"constructor":{"prototype":{"polluted":true}}}',
      '{"constructor":{"prototype":{"v":2,"type":"admitted"}}}',
      '{"v":2,"type":"__proto__","__proto__":null}',
      '{"v":2,"type":"proof","mac":"AAAA","__proto__":{"sharerFingerprint":"sha-256 AA","viewerFingerprint":"sha-256 AA"}}',
      '{"v":{"__proto__":1},"type":"ping","t":1}',
      '{"__peerData":{"__proto__":{"type":"close"}}}',
    ];
    const cheap = [
      () => scalar(),
      () => [scalar(), scalar(), { v: 1 }],
      () => ({ v: 2, type: pick(types), t: weird() }),
      () => ({ v: pick([0, 2, '1', null, 1.0000001, NaN, [1]]), type: 'ping', t: 1 }),
      () => ({ type: 'hello', name: 'Eve', client: 'abc' }),
      () => ({ v: 2, type: 'hello', name: pick(['', ' ', '\u0000', str(300), 42, null]), client: 'abc' }),
      () => ({ v: 2, type: 'hello', name: 'Eve', client: pick(['', 'a b', '!', token(65), 7, null]) }),
      () => ({ v: 2, type: 'proof', mac: token(43), sharerFingerprint: fp(), viewerFingerprint: fp() }),
      () => ({ v: 2, type: 'proof', mac: pick(['', '!!', token(129), 1, null]), sharerFingerprint: fp(), viewerFingerprint: fp() }),
      () => ({ v: 2, type: 'proof', mac: token(43) }),
      () => ({ v: 2, type: pick(['ping', 'pong']), t: pick([-1, NaN, Infinity, '1', null, -1e308]) }),
      () => ({ v: 2, type: 'bye', reason: pick(['', 'LEFT', 'x'.repeat(1000), 1, null]) }),
      () => ({ v: 2, type: 'surface', width: 1e308, height: -1, kind: 'monitor' }),
      () => JSON.parse(pick(protos)),
      () => str(int(4000)),
      () => ({ v: 2, type: 'hello', name: 'Eve', client: 'abc', extra: str(int(8000)) }),
    ];
    const deep = () => nest(1000 + int(200), rnd() < 0.5);
    const huge = [
      () => ({ v: 2, type: 'hello', name: 'x'.repeat(120000), client: 'abc' }),
      () => ({ v: 2, type: 'ping', t: 1, pad: 'y'.repeat(100000 + int(100000)) }),
    ];
    // One in a hundred is huge (over 100 kB), two in a hundred 1000 levels deep; the rest cheap.
    return () => {
      const roll = rnd();
      if (roll < 0.01) return pick(huge)();
      if (roll < 0.03) return deep();
      return pick(cheap)();
    };
  }

  function rawMaker(seed) {
    const rnd = mulberry32(seed);
    const int = (n) => Math.floor(rnd() * n);
    const bytes = (n) => { const b = new Uint8Array(n); for (let i = 0; i < n; i++) b[i] = int(256); return b; };
    const texts = ['{', '}', '{"v":2,"type":"hello"', 'undefined', 'NaN', '[1,2,', '\u0000\u0000',
      '{"v":2,"type":"hello","name":"Eve","client":"abc"}x', '\ud800', 'null', '"str"', '1e999'];
    return () => {
      const roll = rnd();
      if (roll < 0.3) return texts[int(texts.length)] + String.fromCharCode(int(0x10000));
      if (roll < 0.5) { let s = ''; const n = int(2000); for (let i = 0; i < n; i++) s += String.fromCharCode(int(0x10000)); return s; }
      if (roll < 0.7) return bytes(int(1500)).buffer;
      if (roll < 0.8) return new Int32Array(bytes(4 * int(300)).buffer);
      if (roll < 0.9) return new Float64Array(bytes(8 * int(200)).buffer);
      if (roll < 0.995) return new DataView(bytes(int(64)).buffer);
      return bytes(150000 + int(100000)).buffer;
    };
  }

  let flooding = null;

  function connectionReport(peerId, serialization) {
    return { peerId, serialization, opened: false, sent: 0, unsent: 0, closed: false,
      closedAfterMs: null, received: [], errors: [] };
  }

  async function openTo(peer, sharerId, serialization, report) {
    const conn = peer.connect(sharerId, { serialization, reliable: true });
    conn.on('data', (data) => {
      if (report.received.length >= 50) return;
      report.received.push(typeof data === 'string' ? JSON.stringify(data.slice(0, 40)) : kindOf(data));
    });
    conn.on('error', (e) => { if (report.errors.length < 20) report.errors.push(e.type + ': ' + e.message); });
    conn.on('close', () => {
      report.closed = true;
      if (report.startedAt !== undefined) report.closedAfterMs = Math.round(performance.now() - report.startedAt);
    });
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(serialization + ' connection did not open')), 30000);
      conn.on('open', () => { clearTimeout(timer); report.opened = true; resolve(); });
    });
    return conn;
  }

  // As fast as the channel takes it: yield to the event loop only when its buffer is full.
  // PeerJS refuses JSON messages over 16 kB; bigger ones go straight onto its data channel,
  // encoded as PeerJS's JSON connection does, so the receiving side takes them as its own.
  async function pour(conn, report, count, next) {
    report.startedAt = performance.now();
    const encoder = new TextEncoder();
    for (let i = 0; i < count; i++) {
      const value = next();
      if (!conn.open || !conn.dataChannel) { report.unsent += 1; continue; }
      try {
        let bytes = null;
        if (conn.serialization === 'json') {
          const text = JSON.stringify(value);
          if (text !== undefined && text.length > 4000) bytes = encoder.encode(text);
        }
        if (bytes && bytes.byteLength >= 16300) conn.dataChannel.send(bytes);
        else conn.send(value);
        report.sent += 1;
      } catch (e) {
        report.unsent += 1;
        if (report.errors.length < 20) report.errors.push(String(e));
      }
      if (conn.dataChannel && conn.dataChannel.bufferedAmount > 4 * 1024 * 1024) {
        await new Promise((r) => setTimeout(r, 5));
      }
    }
  }

  async function flood(o) {
    const json = connectionReport('attacker-json-' + Math.random().toString(36).slice(2, 12), 'json');
    const raw = connectionReport('attacker-raw-' + Math.random().toString(36).slice(2, 12), 'raw');
    flooding = { json, raw, sendMs: 0 };
    const [jsonPeer, rawPeer] = await Promise.all([openPeer(json.peerId, o), openPeer(raw.peerId, o)]);
    const [jsonConn, rawConn] = await Promise.all([
      openTo(jsonPeer, o.sharerId, 'json', json),
      openTo(rawPeer, o.sharerId, 'raw', raw),
    ]);
    // What a careful attacker would put in a proof: the real fingerprints of this connection.
    const pc = jsonConn.peerConnection;
    const fingerprints = {
      viewer: dtls(pc.localDescription.sdp) || 'sha-256 00',
      sharer: dtls(pc.remoteDescription.sdp) || 'sha-256 00',
    };
    const nextJunk = junkMaker(o.seed, fingerprints);
    let helloSent = false;
    const jsonNext = () => {
      if (!helloSent) { helloSent = true; return { v: 2, type: 'hello', client: 'flood-client', nonce: 'flood-nonce' }; }
      return nextJunk();
    };
    const nextRaw = rawMaker(o.seed ^ 0x5bd1e995);
    const t0 = performance.now();
    await Promise.all([
      pour(jsonConn, json, o.jsonCount, jsonNext),
      pour(rawConn, raw, o.rawCount, nextRaw),
    ]);
    flooding.sendMs = Math.round(performance.now() - t0);
    return floodState();
  }

  function floodState() {
    if (!flooding) return null;
    const copy = (r) => ({ ...r, received: r.received.slice(), errors: r.errors.slice(), startedAt: undefined });
    return { json: copy(flooding.json), raw: copy(flooding.raw), sendMs: flooding.sendMs };
  }

  // One offender at a time, for closer looks: 'deaf' ignores the sharer's request to close
  // (PeerJS's own in-band close message), as any client not built on PeerJS could.
  const offenders = [];

  async function offend(o) {
    const report = connectionReport('offender-' + o.serialization + '-' + Math.random().toString(36).slice(2, 12), o.serialization);
    report.deaf = !!o.deaf;
    const peer = await openPeer(report.peerId, o);
    const conn = await openTo(peer, o.sharerId, o.serialization, report);
    if (o.deaf) {
      const handle = conn._handleDataMessage.bind(conn);
      const decoder = new TextDecoder();
      conn._handleDataMessage = (event) => {
        let text = '';
        try { text = typeof event.data === 'string' ? event.data : decoder.decode(event.data); } catch {}
        if (text.includes('__peerData')) { report.received.push('(close request ignored)'); return; }
        handle(event);
      };
    }
    const index = offenders.push({ report, conn, peer, seed: o.seed }) - 1;
    await offendMore(index, o.count);
    return index;
  }

  async function offendMore(index, count) {
    const entry = offenders[index];
    entry.seed += 1;
    const next = entry.report.serialization === 'raw'
      ? rawMaker(entry.seed)
      : junkMaker(entry.seed, { viewer: 'sha-256 00', sharer: 'sha-256 00' });
    await pour(entry.conn, entry.report, count, next);
    return offenderState(index);
  }

  function offenderState(index) {
    const { report, conn } = offenders[index];
    return { ...report, received: report.received.slice(), errors: report.errors.slice(),
      startedAt: undefined, open: conn.open,
      connectionState: conn.peerConnection ? conn.peerConnection.connectionState : null };
  }

  // Junk one level down: straight onto the signalling server's WebSocket, addressed to the
  // sharer, as any client of the server (or the server itself) could send it.
  async function signallingJunk(o) {
    const rnd = mulberry32(o.seed);
    const int = (n) => Math.floor(rnd() * n);
    const pick = (list) => list[int(list.length)];
    const id = 'junk-' + Math.random().toString(36).slice(2, 12);
    const url = 'ws://' + o.host + ':' + o.port + o.path.replace(/\/?$/, '/') + 'peerjs?key=' + o.key +
      '&id=' + id + '&token=' + Math.random().toString(36).slice(2) + '&version=1.5.5';
    const ws = new WebSocket(url);
    const received = [];
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('signalling junk socket did not open')), 30000);
      ws.onmessage = (e) => {
        let type = '?';
        try { type = JSON.parse(e.data).type; } catch {}
        if (received.length < 50) received.push(type);
        if (type === 'OPEN') { clearTimeout(timer); resolve(); }
      };
      ws.onerror = () => { clearTimeout(timer); reject(new Error('signalling junk socket failed')); };
    });
    const sdps = [null, 'garbage', { type: 'offer', sdp: 'v=0\r\ngarbage' }, { type: 'answer', sdp: '' },
      { type: 'pranswer', sdp: 'x'.repeat(20000) }, { sdp: 42 }, []];
    const serializations = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope', '', null,
      'json', 'raw', 'binary', 'binary-utf8', 'default'];
    const payloads = [
      () => ({ type: pick(['data', 'media', 'nope', null]), connectionId: pick(['dc_x', 'mc_x', 'dc_' + int(1e6), '__proto__', 'constructor']),
        serialization: pick(serializations), sdp: pick(sdps), label: pick(['x', null, {}]), reliable: pick([true, 'yes']), metadata: pick([null, { a: 1 }, 'm']) }),
      () => ({ connectionId: pick(['dc_x', '__proto__']), candidate: pick([null, {}, { candidate: 'garbage', sdpMid: '0', sdpMLineIndex: 0 }, 'x']) }),
      () => pick([null, 1, 'x', [], {}]),
    ];
    let sent = 0;
    for (let i = 0; i < o.count; i++) {
      const type = pick(['OFFER', 'OFFER', 'OFFER', 'ANSWER', 'CANDIDATE', 'LEAVE', 'EXPIRE', 'OPEN', 'ERROR', 'ID-TAKEN', 'nope']);
      const payload = type === 'OFFER' ? payloads[0]() : pick(payloads)();
      ws.send(JSON.stringify({ type, dst: o.sharerId, payload }));
      sent += 1;
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
    }
    // Let the server hand everything over before the socket goes.
    await new Promise((r) => setTimeout(r, 500));
    ws.close();
    return { id, sent, received };
  }

  // --- Lock-out --------------------------------------------------------------------------
  // Strangers who learned the sharer's peer id: each opens a data connection and never starts
  // the handshake — only pings, so the heartbeat holds it open — to sit on a place meant for a
  // guest proving the key; or calls, again and again.
  const knockers = [];

  async function holdPlaces(o) {
    const opened = await Promise.all(Array.from({ length: o.count }, async (_, i) => {
      const peer = await openPeer('knock-' + i + '-' + Math.random().toString(36).slice(2, 8), o);
      knockers.push(peer);
      const connection = peer.connect(o.sharerId, { serialization: 'json', reliable: true });
      return new Promise((resolve) => {
        connection.on('open', () => {
          const ping = () => { if (connection.open) connection.send({ v: 2, type: 'ping', t: 1 }); };
          ping();
          setInterval(ping, 500);
          resolve(true);
        });
        connection.on('error', () => resolve(false));
        setTimeout(() => resolve(false), 20000);
      });
    }));
    return opened.filter(Boolean).length;
  }

  // One stranger, one peer id: data connections it never speaks on, and as many calls.
  // Then a second stranger's connection: once it opens, the sharer has seen the first one's.
  async function knockRepeatedly(o) {
    const peer = await openPeer('knocker-' + Math.random().toString(36).slice(2, 8), o);
    knockers.push(peer);
    const stream = fakeStream();
    for (let i = 0; i < o.count; i++) {
      peer.connect(o.sharerId, { serialization: 'json', reliable: true });
      peer.call(o.sharerId, stream);
    }
    const later = await openPeer('sentinel-' + Math.random().toString(36).slice(2, 8), o);
    knockers.push(later);
    const sentinel = later.connect(o.sharerId, { serialization: 'json', reliable: true });
    await new Promise((resolve, reject) => {
      sentinel.on('open', resolve);
      setTimeout(() => reject(new Error('the sentinel connection did not open')), 30000);
    });
    return o.count;
  }

  window.__attacker = { startMitm, mitmReport, flood, floodState, offend, offendMore, offenderState, signallingJunk, holdPlaces, knockRepeatedly };
})();
`;
