/**
 * Chrome/Firefox native messaging framing: each message is a 32-bit length in the machine's
 * native byte order, then that many bytes of UTF-8 JSON. Pure: no streams, no process.
 */

/** Our own cap on a message from the browser (Chrome allows up to 64 MiB; we never need it). */
export const MAX_INCOMING_BYTES = 1024 * 1024;
/** The browser's cap on a message from the host. */
export const MAX_OUTGOING_BYTES = 1024 * 1024;

export type Endianness = 'LE' | 'BE';

export type Frame =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'too-large' | 'invalid-json'; message: string };

function readLength(buffer: Buffer, offset: number, endianness: Endianness): number {
  return endianness === 'LE' ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset);
}

/** One message → its frame. Throws when the JSON is over the browser's 1 MB limit. */
export function encodeMessage(message: unknown, endianness: Endianness): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > MAX_OUTGOING_BYTES) {
    throw new RangeError(`message of ${body.length} bytes is over the ${MAX_OUTGOING_BYTES} limit`);
  }
  const frame = Buffer.alloc(4 + body.length);
  if (endianness === 'LE') frame.writeUInt32LE(body.length, 0);
  else frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/**
 * Turns chunks (split anywhere, several messages per chunk) back into messages. A frame over
 * `maxBytes` is skipped without being buffered — its length says where the next one starts — and
 * reported once, so one oversized message never desynchronises or exhausts the host.
 */
export class FrameDecoder {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes of an oversized body still to throw away. */
  private skipping = 0;

  constructor(
    private readonly endianness: Endianness,
    private readonly maxBytes = MAX_INCOMING_BYTES,
  ) {}

  /** Bytes held while waiting for the rest of a frame. */
  get buffered(): number {
    return this.pendingBytes;
  }

  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let data = chunk;
    if (this.skipping > 0) {
      const skip = Math.min(this.skipping, data.length);
      this.skipping -= skip;
      data = data.subarray(skip);
    }
    if (data.length === 0) return frames;
    this.pending.push(data);
    this.pendingBytes += data.length;
    let buffer = this.pending.length === 1 ? data : Buffer.concat(this.pending, this.pendingBytes);
    let offset = 0;
    while (buffer.length - offset >= 4) {
      const length = readLength(buffer, offset, this.endianness);
      if (length > this.maxBytes) {
        frames.push({
          ok: false,
          reason: 'too-large',
          message: `message of ${length} bytes is over the ${this.maxBytes}-byte limit`,
        });
        const available = buffer.length - offset - 4;
        if (available >= length) {
          offset += 4 + length;
          continue;
        }
        this.skipping = length - available;
        offset = buffer.length;
        break;
      }
      if (buffer.length - offset - 4 < length) break;
      const body = buffer.subarray(offset + 4, offset + 4 + length);
      offset += 4 + length;
      frames.push(parseBody(body));
    }
    const rest = buffer.subarray(offset);
    // Copy the remainder so a large chunk is not kept alive by a small tail.
    buffer = rest.length > 0 ? Buffer.from(rest) : Buffer.alloc(0);
    this.pending = buffer.length > 0 ? [buffer] : [];
    this.pendingBytes = buffer.length;
    return frames;
  }
}

function parseBody(body: Buffer): Frame {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text: string;
  try {
    text = decoder.decode(body);
  } catch {
    return { ok: false, reason: 'invalid-json', message: 'message is not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      reason: 'invalid-json',
      message: `message is not valid JSON: ${(error as Error).message}`,
    };
  }
}
