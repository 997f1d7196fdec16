import type { Page } from 'playwright-core';
import { recorded } from '../test/e2e/harness/control.js';

/**
 * Guest input → event in the shared page: the viewer's own pointermove (when the guest's
 * browser saw the move) to the shared page's mousemove (when the sharer's page received it),
 * one move at a time so each pair is unambiguous. Both pages read the same machine clock.
 */
export async function measureInputLatency(
  viewer: Page,
  shared: Page,
  samples: number,
): Promise<number[]> {
  await viewer.evaluate(() => {
    const w = window as unknown as { moves: number[] };
    w.moves = [];
    addEventListener('pointermove', () => w.moves.push(Date.now()), true);
  });
  const box = await viewer.locator('video').boundingBox();
  if (!box) throw new Error('no video on the viewer');
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const before = (await recorded(shared)).filter((e) => e.type === 'mousemove').length;
    // A zig-zag across the middle of the picture: every move goes somewhere new.
    const x = box.x + box.width * (0.3 + (0.4 * ((i * 37) % 100)) / 100);
    const y = box.y + box.height * (0.4 + (i % 2) * 0.1);
    await viewer.mouse.move(x, y);
    const sent = await viewer.evaluate(
      () => (window as unknown as { moves: number[] }).moves.at(-1) ?? 0,
    );
    const arrived = await shared.waitForFunction(
      (count) => {
        const moves = (
          window as unknown as { recorded: { type: string; t: number }[] }
        ).recorded.filter((e) => e.type === 'mousemove');
        return moves.length > count ? moves[moves.length - 1]?.t : false;
      },
      before,
      { timeout: 10_000, polling: 5 },
    );
    latencies.push(Number(await arrived.jsonValue()) - sent);
  }
  return latencies;
}
