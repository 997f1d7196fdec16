import { describe, expect, it } from 'vitest';
import {
  encodeMessage,
  FrameDecoder,
  MAX_INCOMING_BYTES,
  MAX_OUTGOING_BYTES,
} from '../../native-host/src/framing.js';

const frame = (body: string, endianness: 'LE' | 'BE' = 'LE') => {
  const bytes = Buffer.from(body, 'utf8');
  const header = Buffer.alloc(4);
  if (endianness === 'LE') header.writeUInt32LE(bytes.length);
  else header.writeUInt32BE(bytes.length);
  return Buffer.concat([header, bytes]);
};

describe('encodeMessage', () => {
  it('writes a 32-bit length in the given byte order, then UTF-8 JSON', () => {
    const encoded = encodeMessage({ type: 'granted', epoch: 3 }, 'LE');
    const body = '{"type":"granted","epoch":3}';
    expect(encoded.readUInt32LE(0)).toBe(body.length);
    expect(encoded.subarray(4).toString('utf8')).toBe(body);
    expect(encodeMessage({ a: 1 }, 'BE').readUInt32BE(0)).toBe(7);
  });

  it('counts bytes, not characters', () => {
    const encoded = encodeMessage({ text: 'é€😀' }, 'LE');
    expect(encoded.readUInt32LE(0)).toBe(encoded.length - 4);
    expect(encoded.readUInt32LE(0)).toBe(Buffer.byteLength('{"text":"é€😀"}'));
  });

  it('refuses a message over the browser limit of 1 MB', () => {
    expect(() => encodeMessage({ text: 'x'.repeat(MAX_OUTGOING_BYTES) }, 'LE')).toThrow(RangeError);
  });
});

describe('FrameDecoder', () => {
  it('decodes several messages in one chunk', () => {
    const decoder = new FrameDecoder('LE');
    const frames = decoder.push(
      Buffer.concat([frame('{"type":"hello"}'), frame('{"type":"stats"}')]),
    );
    expect(frames).toEqual([
      { ok: true, value: { type: 'hello' } },
      { ok: true, value: { type: 'stats' } },
    ]);
    expect(decoder.buffered).toBe(0);
  });

  it('reassembles a message split anywhere, even inside the length and a UTF-8 sequence', () => {
    const bytes = Buffer.concat([frame('{"text":"é€"}'), frame('[1,2]')]);
    for (let cut = 1; cut < bytes.length; cut++) {
      for (let cut2 = cut; cut2 < bytes.length; cut2++) {
        const decoder = new FrameDecoder('LE');
        const frames = [
          ...decoder.push(bytes.subarray(0, cut)),
          ...decoder.push(bytes.subarray(cut, cut2)),
          ...decoder.push(bytes.subarray(cut2)),
        ];
        expect(frames).toEqual([
          { ok: true, value: { text: 'é€' } },
          { ok: true, value: [1, 2] },
        ]);
      }
    }
  });

  it('decodes byte by byte', () => {
    const decoder = new FrameDecoder('BE');
    const bytes = frame('{"type":"grant","epoch":1}', 'BE');
    const frames = [...bytes].flatMap((byte) => decoder.push(Buffer.from([byte])));
    expect(frames).toEqual([{ ok: true, value: { type: 'grant', epoch: 1 } }]);
  });

  it('reports invalid JSON and invalid UTF-8, and carries on with the next message', () => {
    const decoder = new FrameDecoder('LE');
    const badUtf8 = Buffer.concat([Buffer.from([3, 0, 0, 0]), Buffer.from([0x22, 0xff, 0x22])]);
    const frames = decoder.push(Buffer.concat([frame('{nope'), badUtf8, frame('"ok"')]));
    expect(frames.map((f) => (f.ok ? f.value : f.reason))).toEqual([
      'invalid-json',
      'invalid-json',
      'ok',
    ]);
    expect(frames[1]).toMatchObject({ message: expect.stringContaining('UTF-8') });
  });

  it('accepts an empty frame as invalid JSON without stalling', () => {
    const decoder = new FrameDecoder('LE');
    expect(decoder.push(Buffer.concat([frame(''), frame('1')])).map((f) => f.ok)).toEqual([
      false,
      true,
    ]);
  });

  it('skips an oversized message without buffering it, then resynchronises', () => {
    const decoder = new FrameDecoder('LE', 16);
    const big = frame(JSON.stringify('x'.repeat(100)));
    const frames = [...decoder.push(big.subarray(0, 10)), ...decoder.push(big.subarray(10, 50))];
    expect(frames).toEqual([
      { ok: false, reason: 'too-large', message: expect.stringContaining('102 bytes') },
    ]);
    expect(decoder.buffered).toBe(0);
    const rest = decoder.push(Buffer.concat([big.subarray(50), frame('{"type":"hello"}')]));
    expect(rest).toEqual([{ ok: true, value: { type: 'hello' } }]);
  });

  it('skips an oversized message that arrives whole, with others around it', () => {
    const decoder = new FrameDecoder('LE', 16);
    const frames = decoder.push(
      Buffer.concat([frame('1'), frame(JSON.stringify('y'.repeat(40))), frame('2')]),
    );
    expect(frames.map((f) => (f.ok ? f.value : f.reason))).toEqual([1, 'too-large', 2]);
  });

  it('has a 1 MB default limit, and a lying 4 GB length costs no memory', () => {
    const decoder = new FrameDecoder('LE');
    const frames = decoder.push(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3]));
    expect(frames[0]).toMatchObject({ ok: false, reason: 'too-large' });
    expect(decoder.buffered).toBe(0);
    expect(MAX_INCOMING_BYTES).toBe(1024 * 1024);
  });
});
