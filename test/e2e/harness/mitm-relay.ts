import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RawData, WebSocket, WebSocketServer } from 'ws';

/**
 * A hostile signalling path: a WebSocket relay in front of the real PeerJS server that can
 * re-address its messages, as a compromised signalling server (or anyone on its path) could.
 *
 * With `rewrite` on, a viewer V (`guest-…`) and the sharer S (`db-…`) are each paired with an
 * attacker peer instead of each other:
 * - V → S goes to `mitm-v`, and what `mitm-v` sends V appears to come from S;
 * - S → V goes to `mitm-s`, and what `mitm-s` sends S appears to come from V.
 * The attacker's peers talk to the real server directly. With `rewrite` off the relay forwards
 * every frame unchanged (the control case: it must be transparent for honest use).
 */
export const MITM_FOR_VIEWER = 'mitm-v';
export const MITM_FOR_SHARER = 'mitm-s';

const VIEWER_PREFIX = 'guest-';
const SHARER_PREFIX = 'db-';

export interface RelayedMessage {
  /** `up`: a client to the server; `down`: the server to a client. */
  direction: 'up' | 'down';
  /** The peer id of the client whose socket carried it. */
  client: string;
  type: string;
  src: string | null;
  dst: string | null;
  /** For OFFERs: what the offer opens, `data` (a DataConnection) or `media` (a call). */
  offers?: string;
  /** Set when the relay re-addressed the message. */
  rewritten?: { src: string | null; dst: string | null };
}

export interface MitmRelay {
  /** The relay's port on 127.0.0.1: point the sharer's `signalling.port` here. */
  port: number;
  /** Re-address messages (the attack) or forward them unchanged; may change at any time. */
  rewrite: boolean;
  /** Every signalling message the relay carried, in order. */
  readonly log: RelayedMessage[];
  /** Messages the relay re-addressed. */
  rewrites(): RelayedMessage[];
  /** Peer ids of the clients connected through the relay, past and present. */
  readonly clients: Set<string>;
  close(): Promise<void>;
}

export interface MitmRelayOptions {
  /** The real PeerJS server's port (startStack's `servers.peerPort`). */
  upstreamPort: number;
  rewrite?: boolean;
  /**
   * Sees every parsed message after re-addressing and may change it in place: `edited` sends the
   * changed message, `drop` sends nothing (udp-path.ts moves ICE candidates this way). It may
   * answer later (a promise): what follows on the same socket waits, in order.
   */
  edit?: (
    direction: 'up' | 'down',
    message: SignallingMessage,
    client: string,
  ) => EditResult | Promise<EditResult>;
}

export type EditResult = 'same' | 'edited' | 'drop';

export interface SignallingMessage {
  type?: unknown;
  src?: unknown;
  dst?: unknown;
  payload?: unknown;
}

const text = (data: RawData): string =>
  Array.isArray(data)
    ? Buffer.concat(data).toString('utf8')
    : Buffer.from(data as ArrayBuffer).toString('utf8');

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export async function startMitmRelay({
  upstreamPort,
  rewrite = true,
  edit,
}: MitmRelayOptions): Promise<MitmRelay> {
  const log: RelayedMessage[] = [];
  const clients = new Set<string>();
  const sockets = new Set<WebSocket>();
  // The pairing the attack needs: the last viewer that tried to reach a sharer, and that sharer.
  let victim: string | null = null;
  let sharer: string | null = null;

  // PeerJS also speaks plain HTTP (id allocation, peer lists): pass it through untouched.
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: upstreamPort,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  const wss = new WebSocketServer({ noServer: true });

  /** Re-addresses one parsed message in place; returns what changed, if anything. */
  function readdress(
    direction: 'up' | 'down',
    client: string,
    message: SignallingMessage,
  ): RelayedMessage['rewritten'] {
    if (!relay.rewrite) return undefined;
    const src = str(message.src);
    const dst = str(message.dst);
    if (direction === 'up') {
      // The server stamps `src` itself from the socket; only the destination can be changed.
      if (client.startsWith(VIEWER_PREFIX) && dst?.startsWith(SHARER_PREFIX)) {
        victim = client;
        sharer = dst;
        message.dst = MITM_FOR_VIEWER;
      } else if (client.startsWith(SHARER_PREFIX) && dst?.startsWith(VIEWER_PREFIX)) {
        victim = dst;
        message.dst = MITM_FOR_SHARER;
      } else return undefined;
    } else if (client.startsWith(VIEWER_PREFIX) && src === MITM_FOR_VIEWER && sharer) {
      message.src = sharer;
    } else if (client.startsWith(SHARER_PREFIX) && src === MITM_FOR_SHARER && victim) {
      message.src = victim;
    } else return undefined;
    return { src: str(message.src), dst: str(message.dst) };
  }

  async function carry(
    direction: 'up' | 'down',
    client: string,
    data: RawData,
    to: WebSocket,
  ): Promise<void> {
    const raw = text(data);
    let outgoing = raw;
    try {
      const message = JSON.parse(raw) as SignallingMessage;
      const entry: RelayedMessage = {
        direction,
        client,
        type: str(message?.type) ?? '?',
        src: str(message?.src),
        dst: str(message?.dst),
      };
      const payload = message?.payload as { type?: unknown } | undefined;
      if (entry.type === 'OFFER') entry.offers = str(payload?.type) ?? '?';
      const rewritten =
        message && typeof message === 'object' ? readdress(direction, client, message) : undefined;
      if (rewritten) {
        entry.rewritten = rewritten;
        outgoing = JSON.stringify(message);
      }
      log.push(entry);
      const edited =
        message && typeof message === 'object' ? await edit?.(direction, message, client) : 'same';
      if (edited === 'drop') return;
      if (edited === 'edited') outgoing = JSON.stringify(message);
    } catch {
      log.push({ direction, client, type: '(not json)', src: null, dst: null });
    }
    if (to.readyState === WebSocket.OPEN) to.send(outgoing);
  }

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    wss.handleUpgrade(req, socket, head, (downstream) => {
      const url = new URL(req.url ?? '/', 'http://relay.invalid');
      const client = url.searchParams.get('id') ?? '(no id)';
      clients.add(client);
      const upstream = new WebSocket(`ws://127.0.0.1:${upstreamPort}${url.pathname}${url.search}`);
      sockets.add(downstream);
      sockets.add(upstream);
      // One chain per direction keeps the order, even while an edit takes its time; what the
      // client says before the server answers waits for it.
      const opened = once(upstream, 'open').then(
        () => {},
        () => {},
      );
      let up: Promise<void> = opened;
      let down: Promise<void> = Promise.resolve();
      const failed = (error: unknown) => console.error('[mitm-relay]', error);
      downstream.on('message', (data) => {
        up = up.then(() => carry('up', client, data, upstream)).catch(failed);
      });
      upstream.on('message', (data) => {
        down = down.then(() => carry('down', client, data, downstream)).catch(failed);
      });
      const closeBoth = () => {
        for (const ws of [upstream, downstream]) {
          sockets.delete(ws);
          if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
          else if (ws.readyState === WebSocket.OPEN) ws.close();
        }
      };
      downstream.on('close', closeBoth);
      upstream.on('close', closeBoth);
      downstream.on('error', closeBoth);
      upstream.on('error', closeBoth);
    });
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const relay: MitmRelay = {
    port,
    rewrite,
    log,
    clients,
    rewrites: () => log.filter((entry) => entry.rewritten !== undefined),
    async close() {
      for (const ws of sockets) ws.terminate();
      sockets.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  return relay;
}
