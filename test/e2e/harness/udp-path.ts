import { createSocket, type Socket } from 'node:dgram';
import { once } from 'node:events';
import { type MitmRelay, type SignallingMessage, startMitmRelay } from './mitm-relay.js';

/**
 * A network path the test can cut: every ICE candidate in signalling is moved onto a UDP proxy
 * on 127.0.0.1, so all peer-to-peer traffic crosses it, and `paused` drops every packet, as a
 * network that went away would. The browser's own offline emulation does not reach WebRTC
 * (crbug 563644), hence a path outside it. TCP and non-loopback candidates are dropped, so no
 * way round the proxy remains.
 */
export interface UdpPath {
  /** The signalling relay's port: point the sharer's `signalling.port` here. */
  port: number;
  relay: MitmRelay;
  /** Drop every packet while true. */
  paused: boolean;
  /** Packets carried and dropped so far. */
  readonly carried: number;
  readonly dropped: number;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/** Proxy sockets bound up front: signalling edits are synchronous, binding is not. */
const POOL = 200;

export async function startUdpPath({ upstreamPort }: { upstreamPort: number }): Promise<UdpPath> {
  const pool: Socket[] = [];
  for (let i = 0; i < POOL; i += 1) {
    const socket = createSocket('udp4');
    socket.bind(0, LOOPBACK);
    await once(socket, 'listening');
    pool.push(socket);
  }
  const free = [...pool];
  /** One proxy socket per real endpoint ("addr:port"): what the other side sees in its place. */
  const proxies = new Map<string, Socket>();
  let carried = 0;
  let dropped = 0;

  function proxyFor(real: string): Socket | null {
    const known = proxies.get(real);
    if (known) return known;
    const socket = free.shift();
    if (!socket) return null;
    proxies.set(real, socket);
    const [host = LOOPBACK, port = '0'] = real.split(':');
    socket.on('message', (packet, from) => {
      if (path.paused) {
        dropped += 1;
        return;
      }
      carried += 1;
      // Sent on from the proxy that stands for the sender, so replies cross the path too.
      proxyFor(`${from.address}:${from.port}`)?.send(packet, Number(port), host);
    });
    return socket;
  }

  function rewrite(candidate: string): string | null {
    const fields = candidate.split(' ');
    const [, , transport, , address, port] = fields;
    if (transport?.toLowerCase() !== 'udp' || address !== LOOPBACK || !port) return null;
    const proxy = proxyFor(`${address}:${port}`);
    if (!proxy) return null;
    fields[5] = String(proxy.address().port);
    return fields.join(' ');
  }

  const edit = (direction: 'up' | 'down', message: SignallingMessage) => {
    if (direction !== 'up') return 'same' as const;
    const payload = message.payload as
      | { candidate?: { candidate?: string }; sdp?: { sdp?: string } }
      | undefined;
    if (message.type === 'CANDIDATE' && payload?.candidate?.candidate) {
      const next = rewrite(payload.candidate.candidate.replace(/^a=/, ''));
      if (next === null) return 'drop' as const;
      payload.candidate.candidate = next;
      return 'edited' as const;
    }
    const sdp = payload?.sdp?.sdp;
    if ((message.type === 'OFFER' || message.type === 'ANSWER') && sdp && payload?.sdp) {
      payload.sdp.sdp = sdp
        .split('\r\n')
        .flatMap((line) => {
          if (!line.startsWith('a=candidate:')) return [line];
          const next = rewrite(line.slice(2));
          return next === null ? [] : [`a=${next}`];
        })
        .join('\r\n');
      return 'edited' as const;
    }
    return 'same' as const;
  };

  const relay = await startMitmRelay({ upstreamPort, rewrite: false, edit });
  const path: UdpPath = {
    port: relay.port,
    relay,
    paused: false,
    get carried() {
      return carried;
    },
    get dropped() {
      return dropped;
    },
    async close() {
      await relay.close();
      for (const socket of pool) socket.close();
    },
  };
  return path;
}
