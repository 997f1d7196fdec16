/**
 * PeerJS signalling from npm `peer`, mounted at /deskbridge on this server's port (the wire of
 * `npx peerjs --path /deskbridge`, key `peerjs`). Keeps the set of registered peer ids, which
 * the TURN-credential API asks about, and logs each peer's arrival and departure by hash only.
 */
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Express } from 'express';
import { ExpressPeerServer } from 'peer';
import { WebSocketServer, type ServerOptions as WsOptions } from 'ws';
import { SIGNALLING_KEY } from '../src/shared/server-config.js';
import { type Log, peerHash } from './log.js';

/** Offers with many candidates stay far below this; ws would otherwise take 100 MiB. */
const MAX_MESSAGE_BYTES = 256 * 1024;

export interface Signalling {
  app: Express;
  isRegistered(peerId: string): boolean;
  count(): number;
  /** Drops every signalling socket (on shutdown). */
  close(): void;
}

export interface SignallingHooks {
  onConnection?(peerId: string): void;
  onDisconnect?(peerId: string): void;
}

export function createSignalling(
  server: HttpServer | HttpsServer,
  { proxied, maxConnections }: { proxied: boolean; maxConnections: number },
  log: Log,
  hooks: SignallingHooks = {},
): Signalling {
  const peers = new Set<string>();
  let sockets: WebSocketServer | null = null;
  const app = ExpressPeerServer(server, {
    path: '/',
    key: SIGNALLING_KEY,
    allow_discovery: false,
    proxied,
    concurrent_limit: maxConnections,
    createWebSocketServer: (options: WsOptions) => {
      sockets = new WebSocketServer({ ...options, maxPayload: MAX_MESSAGE_BYTES });
      return sockets;
    },
  });
  app.disable('x-powered-by');
  app.on('connection', (client) => {
    const id = client.getId();
    peers.add(id);
    log('info', 'peer-connected', { peer: peerHash(id), peers: peers.size });
    hooks.onConnection?.(id);
  });
  app.on('disconnect', (client) => {
    const id = client.getId();
    if (!peers.delete(id)) return;
    log('info', 'peer-disconnected', { peer: peerHash(id), peers: peers.size });
    hooks.onDisconnect?.(id);
  });
  app.on('error', (error) => log('warn', 'signalling-error', { message: error.message }));
  return {
    app,
    isRegistered: (peerId) => peers.has(peerId),
    count: () => peers.size,
    close() {
      for (const socket of (sockets as WebSocketServer | null)?.clients ?? []) socket.terminate();
    },
  };
}
