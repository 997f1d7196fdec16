import { describe, expect, it } from 'vitest';
import { parseSharerMessage, parseViewerMessage } from '../../src/shared/wire.js';

const fingerprint = `sha-256 ${'AB:'.repeat(31)}AB`;
const proof = {
  v: 2,
  type: 'proof',
  mac: 'm'.repeat(43),
  sharerFingerprint: fingerprint,
  viewerFingerprint: fingerprint,
};
const token = 'T'.repeat(43);

describe('rejoin on the wire', () => {
  it('a proof may carry a rejoin MAC, or not', () => {
    expect(parseViewerMessage(proof)).toEqual({ ok: true, message: proof });
    const withRejoin = { ...proof, rejoin: 'r'.repeat(43) };
    expect(parseViewerMessage(withRejoin)).toEqual({ ok: true, message: withRejoin });
  });

  it.each([['not base64url!'], [''], ['r'.repeat(129)], [42]])(
    'refuses a rejoin MAC of %j',
    (rejoin) => {
      expect(parseViewerMessage({ ...proof, rejoin }).ok).toBe(false);
    },
  );

  it('the sharer hands a token over in `rejoin`', () => {
    const message = { v: 2, type: 'rejoin', token };
    expect(parseSharerMessage(message)).toEqual({ ok: true, message });
    expect(parseSharerMessage({ ...message, extra: 1 })).toEqual({ ok: true, message });
  });

  it.each([[''], ['x'.repeat(65)], ['a/b'], [null]])('refuses a token of %j', (bad) => {
    expect(parseSharerMessage({ v: 2, type: 'rejoin', token: bad }).ok).toBe(false);
  });

  it('a viewer cannot send `rejoin`, nor a sharer a proof', () => {
    expect(parseViewerMessage({ v: 2, type: 'rejoin', token }).ok).toBe(false);
    expect(parseSharerMessage(proof).ok).toBe(false);
  });
});
