/**
 * A minimal TURN client over UDP (RFC 8656 with long-term credentials), enough to ask a real
 * coturn for an allocation, a permission and a refresh, and read its answer. Tests only.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

const COOKIE = 0x2112a442;
const METHOD = { allocate: 0x003, refresh: 0x004, createPermission: 0x008 } as const;
const ATTR = {
  username: 0x0006,
  integrity: 0x0008,
  errorCode: 0x0009,
  lifetime: 0x000d,
  xorPeer: 0x0012,
  realm: 0x0014,
  nonce: 0x0015,
  xorRelayed: 0x0016,
  transport: 0x0019,
} as const;

export type TurnAnswer =
  | { ok: true; relayed?: string }
  | { ok: false; code: number; reason: string };

interface Parsed {
  success: boolean;
  attrs: Map<number, Buffer>;
}

function attribute(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(value.length, 2);
  return Buffer.concat([header, value, Buffer.alloc((4 - (value.length % 4)) % 4)]);
}

function xorAddress(ip: string, port: number): Buffer {
  const value = Buffer.alloc(8);
  value.writeUInt8(1, 1);
  value.writeUInt16BE(port ^ (COOKIE >>> 16), 2);
  const address = ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  value.writeUInt32BE((address ^ COOKIE) >>> 0, 4);
  return value;
}

function readXorAddress(value: Buffer): string {
  const port = value.readUInt16BE(2) ^ (COOKIE >>> 16);
  const ip = (value.readUInt32BE(4) ^ COOKIE) >>> 0;
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}:${port}`;
}

function encode(
  method: number,
  attrs: Buffer[],
  key: Buffer | null,
): { tid: Buffer; bytes: Buffer } {
  const tid = randomBytes(12);
  const body = Buffer.concat(attrs);
  const header = Buffer.alloc(20);
  header.writeUInt16BE(method, 0);
  header.writeUInt32BE(COOKIE, 4);
  tid.copy(header, 8);
  if (!key) {
    header.writeUInt16BE(body.length, 2);
    return { tid, bytes: Buffer.concat([header, body]) };
  }
  header.writeUInt16BE(body.length + 24, 2);
  const mac = createHmac('sha1', key)
    .update(Buffer.concat([header, body]))
    .digest();
  return { tid, bytes: Buffer.concat([header, body, attribute(ATTR.integrity, mac)]) };
}

function decode(bytes: Buffer): Parsed & { tid: Buffer } {
  const type = bytes.readUInt16BE(0);
  const attrs = new Map<number, Buffer>();
  let offset = 20;
  while (offset + 4 <= bytes.length) {
    const attrType = bytes.readUInt16BE(offset);
    const length = bytes.readUInt16BE(offset + 2);
    attrs.set(attrType, bytes.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length + ((4 - (length % 4)) % 4);
  }
  return { success: (type & 0x0110) === 0x0100, attrs, tid: bytes.subarray(8, 20) };
}

export class TurnClient {
  private readonly socket: Socket = createSocket('udp4');
  private realm = '';
  private nonce: Buffer = Buffer.alloc(0);
  private readonly waiting = new Map<string, (parsed: Parsed) => void>();

  constructor(
    private readonly server: { host: string; port: number },
    private readonly username: string,
    private readonly password: string,
  ) {
    this.socket.on('message', (bytes) => {
      const parsed = decode(bytes);
      this.waiting.get(parsed.tid.toString('hex'))?.(parsed);
    });
  }

  private key(): Buffer {
    return createHash('md5').update(`${this.username}:${this.realm}:${this.password}`).digest();
  }

  private send(method: number, attrs: Buffer[], signed: boolean): Promise<Parsed> {
    const extra = signed
      ? [
          attribute(ATTR.username, Buffer.from(this.username)),
          attribute(ATTR.realm, Buffer.from(this.realm)),
          attribute(ATTR.nonce, this.nonce),
        ]
      : [];
    const { tid, bytes } = encode(method, [...attrs, ...extra], signed ? this.key() : null);
    return new Promise((resolve, reject) => {
      const id = tid.toString('hex');
      const timer = setTimeout(() => reject(new Error('no TURN answer within 5 s')), 5000);
      this.waiting.set(id, (parsed) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        resolve(parsed);
      });
      this.socket.send(bytes, this.server.port, this.server.host);
    });
  }

  /** A signed request; a stale or first nonce (401/438) is learned and the request sent again. */
  private async request(
    method: number,
    attrs: Buffer[],
  ): Promise<TurnAnswer & { attrs?: Map<number, Buffer> }> {
    let parsed = await this.send(method, attrs, this.realm !== '');
    for (let retry = 0; retry < 2 && !parsed.success; retry++) {
      const { code } = errorOf(parsed);
      const nonce = parsed.attrs.get(ATTR.nonce);
      if ((code !== 401 && code !== 438) || !nonce) break;
      const realm = parsed.attrs.get(ATTR.realm)?.toString() ?? this.realm;
      if (code === 401 && this.realm === realm && this.nonce.equals(nonce)) break;
      this.realm = realm;
      this.nonce = nonce;
      parsed = await this.send(method, attrs, true);
    }
    if (!parsed.success) return { ok: false, ...errorOf(parsed) };
    return { ok: true, attrs: parsed.attrs };
  }

  async allocate(): Promise<TurnAnswer> {
    const answer = await this.request(METHOD.allocate, [
      attribute(ATTR.transport, Buffer.from([17, 0, 0, 0])),
    ]);
    if (!answer.ok) return answer;
    const relayed = answer.attrs?.get(ATTR.xorRelayed);
    return { ok: true, ...(relayed ? { relayed: readXorAddress(relayed) } : {}) };
  }

  async createPermission(peerIp: string): Promise<TurnAnswer> {
    const { ok, ...rest } = await this.request(METHOD.createPermission, [
      attribute(ATTR.xorPeer, xorAddress(peerIp, 0)),
    ]);
    return ok ? { ok } : ({ ok, ...rest } as TurnAnswer);
  }

  async refresh(lifetimeSeconds = 600): Promise<TurnAnswer> {
    const lifetime = Buffer.alloc(4);
    lifetime.writeUInt32BE(lifetimeSeconds);
    const { ok, ...rest } = await this.request(METHOD.refresh, [
      attribute(ATTR.lifetime, lifetime),
    ]);
    return ok ? { ok } : ({ ok, ...rest } as TurnAnswer);
  }

  close(): void {
    this.socket.close();
  }
}

function errorOf(parsed: Parsed): { code: number; reason: string } {
  const value = parsed.attrs.get(ATTR.errorCode);
  if (!value) return { code: 0, reason: 'no error code' };
  return {
    code: (value.readUInt8(2) & 7) * 100 + value.readUInt8(3),
    reason: value.subarray(4).toString(),
  };
}
