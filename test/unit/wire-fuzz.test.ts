import { describe, expect, it } from 'vitest';
import { parseSharerMessage, parseViewerMessage, WIRE_VERSION } from '../../src/shared/wire.js';
import { Junk } from './random-junk.js';

const RUNS = 10_000;
const SEED = 0xdeb1d9e;

describe.each([
  [
    'parseViewerMessage',
    parseViewerMessage,
    [
      'hello',
      'join',
      'proof',
      'ping',
      'pong',
      'bye',
      'control/request',
      'control/release',
      'input',
    ],
  ],
  [
    'parseSharerMessage',
    parseSharerMessage,
    [
      'challenge',
      'proved',
      'relinked',
      'waiting',
      'admitted',
      'denied',
      'surface',
      'ping',
      'pong',
      'bye',
      'control/granted',
      'control/revoked',
      'control/denied',
      'control/queued',
    ],
  ],
] as const)('%s on random junk', (_, parse, types) => {
  it(`never throws on ${RUNS} values and answers ok or a reason (seed 0x${SEED.toString(16)})`, () => {
    const junk = new Junk(SEED);
    let accepted = 0;
    const acceptedTypes = new Set<string>();
    const inputKinds = new Set<string>();
    for (let run = 0; run < RUNS; run++) {
      const data = junk.message();
      let result: ReturnType<typeof parse>;
      try {
        result = parse(data);
      } catch (error) {
        throw new Error(`run ${run} threw on ${describeValue(data)}: ${error}`);
      }
      if (result.ok) {
        accepted++;
        acceptedTypes.add(result.message.type);
        expect(result.message.v).toBe(WIRE_VERSION);
        expect(types).toContain(result.message.type);
        // An accepted message survives the wire again unchanged (compared as JSON: -0 becomes 0).
        const json = JSON.stringify(result.message);
        const again = parse(JSON.parse(json));
        expect(again.ok && JSON.stringify(again.message)).toBe(json);
        if (result.message.type === 'input') {
          const { event } = result.message;
          inputKinds.add(event.kind);
          // Whatever got through is within the bounds the executors rely on.
          if (event.kind === 'pointer' || event.kind === 'wheel') {
            expect(event.nx >= 0 && event.nx <= 1 && event.ny >= 0 && event.ny <= 1).toBe(true);
          }
          if (event.kind === 'wheel') {
            expect(Math.abs(event.dx)).toBeLessThanOrEqual(1200);
            expect(Math.abs(event.dy)).toBeLessThanOrEqual(1200);
          }
        }
      } else {
        expect(typeof result.reason).toBe('string');
        expect(result.reason.length).toBeGreaterThan(0);
      }
    }
    // The generator must reach valid messages too, or the fuzz says little.
    expect(accepted).toBeGreaterThan(RUNS / 10);
    // ...of every type, hello with its client and proof with its fingerprints included.
    expect([...acceptedTypes].sort()).toEqual([...types].sort());
    // ...and input of every kind, for the viewer's parser.
    if ((types as readonly string[]).includes('input')) {
      expect([...inputKinds].sort()).toEqual(['key', 'pointer', 'text', 'wheel']);
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

function describeValue(data: unknown): string {
  try {
    return JSON.stringify(data)?.slice(0, 200) ?? String(data);
  } catch {
    return String(data);
  }
}
