import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';

/**
 * A guest who holds the link (so it passes the proof and is admitted) but writes its own wire
 * messages instead of using the viewer: it can send input nobody granted, with any epoch, as
 * fast as it likes. Runs in a plain page with PeerJS's UMD build.
 */
export interface Rogue {
  page: Page;
  /** Connects, proves the key, joins as `name`; resolves once admitted. */
  join(name: string): Promise<void>;
  send(message: object): Promise<void>;
  /** Messages the sharer sent, by type, in order. */
  received(): Promise<{ type: string; epoch?: number }[]>;
  /** `count` messages from `make(i)`, spread evenly over `durationMs`. */
  flood(count: number, durationMs: number, template: object): Promise<number>;
}

export async function launchRogue(
  browser: Browser,
  pageUrl: string,
  link: string,
  peerPort: number,
): Promise<Rogue> {
  const page = await browser.newPage();
  await page.goto(pageUrl);
  await page.addScriptTag({
    path: resolve(process.cwd(), 'node_modules/peerjs/dist/peerjs.min.js'),
  });
  await page.evaluate(
    ({ fragment, port }) => {
      const params = new URLSearchParams(fragment.slice(1));
      const w = window as unknown as Record<string, unknown>;
      w.rogue = { sharerId: params.get('s'), key: params.get('k'), port, received: [] as object[] };
    },
    { fragment: new URL(link).hash, port: peerPort },
  );
  return {
    page,
    join: (name) => page.evaluate(joinInPage, name),
    send: (message) =>
      page.evaluate(
        (m) => (window as unknown as { rogueSend: (m: object) => void }).rogueSend(m),
        message,
      ),
    received: () =>
      page.evaluate(() =>
        (window as unknown as { rogue: { received: { type: string }[] } }).rogue.received.slice(),
      ),
    flood: (count, durationMs, template) =>
      page.evaluate(
        ({ n, ms, base }) =>
          new Promise<number>((done) => {
            const send = (window as unknown as { rogueSend: (m: object) => void }).rogueSend;
            let sent = 0;
            const started = performance.now();
            const tick = () => {
              const due = Math.min(n, Math.ceil(((performance.now() - started) / ms) * n));
              for (; sent < due; sent++) send({ ...base, seq: 1_000 + sent });
              if (sent < n) setTimeout(tick, 4);
              else done(sent);
            };
            tick();
          }),
        { n: count, ms: durationMs, base: template },
      ),
  };
}

/** The whole join handshake, written out as a viewer does it (DESIGN §4), in the page. */
function joinInPage(name: string): Promise<void> {
  type Channel = {
    on(event: string, listener: (data?: unknown) => void): void;
    send(message: object): void;
    peerConnection: RTCPeerConnection;
  };
  const w = window as unknown as {
    peerjs: {
      Peer: new (
        id: string,
        options: object,
      ) => {
        on(e: string, l: () => void): void;
        connect(id: string, o: object): Channel;
        id: string;
      };
    };
    rogue: { sharerId: string; key: string; port: number; received: object[] };
    rogueSend: (m: object) => void;
  };
  const { sharerId, key, port } = w.rogue;
  const fingerprint = (sdp: string | undefined) => {
    const match = /^a=fingerprint:([A-Za-z0-9-]+) ([0-9A-Fa-f:]+)/m.exec(sdp ?? '');
    return match ? `${match[1]?.toLowerCase()} ${match[2]?.toUpperCase()}` : '';
  };
  const b64 = (bytes: Uint8Array) =>
    btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const unb64 = (text: string) =>
    Uint8Array.from(
      atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)),
      (c) => c.charCodeAt(0),
    );
  return new Promise((resolve, reject) => {
    const peer = new w.peerjs.Peer(`rogue-${Math.random().toString(36).slice(2, 12)}`, {
      host: '127.0.0.1',
      port,
      path: '/deskbridge',
      secure: false,
      config: { iceServers: [] },
    });
    setTimeout(() => reject(new Error('the rogue was not admitted')), 30_000);
    peer.on('open', () => {
      // As the viewer does: the picture's sections ride the first offer (the sharer gives a
      // guest whose offer has none no picture at all).
      const channel = peer.connect(sharerId, {
        reliable: true,
        serialization: 'json',
        constraints: { offerToReceiveVideo: true, offerToReceiveAudio: true },
      });
      w.rogueSend = (message) => channel.send({ v: 2, ...message });
      channel.on('open', () =>
        w.rogueSend({ type: 'hello', client: 'rogue-client-id', nonce: 'rogue-nonce' }),
      );
      channel.on('data', async (data) => {
        const message = data as { type: string; nonce?: string; t?: number };
        w.rogue.received.push(message);
        if (message.type === 'ping') w.rogueSend({ type: 'pong', t: message.t });
        if (message.type === 'admitted') resolve();
        if (message.type === 'proved') w.rogueSend({ type: 'join', name });
        if (message.type === 'denied') reject(new Error(`denied: ${JSON.stringify(message)}`));
        if (message.type !== 'challenge') return;
        const sharerFingerprint = fingerprint(channel.peerConnection.remoteDescription?.sdp);
        const viewerFingerprint = fingerprint(channel.peerConnection.localDescription?.sdp);
        const input = [
          'deskbridge-proof/3',
          message.nonce,
          sharerId,
          peer.id,
          sharerFingerprint,
          viewerFingerprint,
        ].join('\n');
        const cryptoKey = await crypto.subtle.importKey(
          'raw',
          unb64(key),
          { name: 'HMAC', hash: 'SHA-256' },
          false,
          ['sign'],
        );
        const mac = b64(
          new Uint8Array(
            await crypto.subtle.sign('HMAC', cryptoKey, new TextEncoder().encode(input)),
          ),
        );
        w.rogueSend({ type: 'proof', mac, sharerFingerprint, viewerFingerprint });
      });
    });
  });
}
