/**
 * A PeerJS client speaking the signalling wire directly over a WebSocket (no browser): register
 * an id, send HEARTBEAT and relay messages, hear what the server sends. For the integration
 * tests and the signalling-load bench.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

export interface WireMessage {
  type: string;
  src?: string;
  dst?: string;
  payload?: unknown;
}

export interface WirePeer {
  id: string;
  send(message: WireMessage): void;
  heartbeat(): void;
  /** Resolves with the next message that `match` accepts. */
  next(match: (message: WireMessage) => boolean, timeoutMs?: number): Promise<WireMessage>;
  onMessage(listener: (message: WireMessage) => void): void;
  close(): Promise<void>;
}

export const randomPeerId = () => randomBytes(12).toString('hex');

/** Opens a socket as PeerJS does and waits for OPEN; rejects on ERROR, ID-TAKEN or close. */
export function registerPeer(
  wsOrigin: string,
  id = randomPeerId(),
  { path = '/deskbridge', key = 'peerjs', timeoutMs = 10_000 } = {},
): Promise<WirePeer> {
  const token = randomBytes(8).toString('hex');
  const socket = new WebSocket(`${wsOrigin}${path}/peerjs?key=${key}&id=${id}&token=${token}`);
  const listeners = new Set<(message: WireMessage) => void>();
  socket.on('message', (data) => {
    let message: WireMessage;
    try {
      message = JSON.parse(String(data)) as WireMessage;
    } catch {
      return;
    }
    for (const listener of listeners) listener(message);
  });
  const peer: WirePeer = {
    id,
    send: (message) => socket.send(JSON.stringify(message)),
    heartbeat: () => socket.send(JSON.stringify({ type: 'HEARTBEAT' })),
    next(match, timeout = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`no matching signalling message within ${timeout} ms`));
        }, timeout);
        const listener = (message: WireMessage) => {
          if (!match(message)) return;
          clearTimeout(timer);
          listeners.delete(listener);
          resolve(message);
        };
        listeners.add(listener);
      });
    },
    onMessage: (listener) => void listeners.add(listener),
    close() {
      if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no OPEN from the signalling server'));
    }, timeoutMs);
    const fail = (why: string) => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error(why));
    };
    peer
      .next((m) => ['OPEN', 'ERROR', 'ID-TAKEN'].includes(m.type), timeoutMs)
      .then(
        (message) => {
          if (message.type !== 'OPEN')
            return fail(`${message.type}: ${JSON.stringify(message.payload)}`);
          clearTimeout(timer);
          resolve(peer);
        },
        () => {},
      );
    socket.once('error', (error) => fail(error.message));
    socket.once('close', () => fail('socket closed before OPEN'));
  });
}
