import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fractionOf, recorded } from './harness/control.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import { launchRogue, type Rogue } from './harness/rogue.js';
import { type Stack, shareFromPage, startScene } from './harness/stack.js';

const TITLE = 'Deskbridge control test';

/**
 * Input that no grant covers never reaches the shared tab: before a grant, with a stale epoch,
 * from a guest who is not the holder, after a revoke, and beyond the rate limit in a flood.
 */
describe('Chromium: input outside a grant is dropped', () => {
  let stack: Stack;
  let guests: Browser;
  let shared: Page;
  let mallory: Rogue;
  let eve: Rogue;
  let click: object;

  const clicksOnTarget = async () =>
    (await recorded(shared)).filter((e) => e.type === 'mousedown' && e.target === 'target').length;
  const epochOf = async (rogue: Rogue) => {
    const granted = (await rogue.received()).filter((m) => m.type === 'control/granted');
    return granted.at(-1)?.epoch ?? -1;
  };
  /** A press and release on the button, stamped with `epoch`. */
  const pressAt = async (rogue: Rogue, epoch: number) => {
    for (const action of ['down', 'up'] as const) {
      await rogue.send({ type: 'input', epoch, seq: 1, event: { ...click, action } });
    }
  };
  /** A negative check must give anything in flight time to land: many times the input latency. */
  const settle = () => shared.evaluate(() => new Promise((resolve) => setTimeout(resolve, 750)));

  beforeAll(async () => {
    ({ stack, guests, call: shared } = await startScene({ pick: TITLE, page: 'control.html' }));
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
    const link = await shareFromPage(shared);
    await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live' && s.controlOffer.kind === 'tab',
      {
        what: 'tab control on offer',
      },
    );
    const target = await fractionOf(shared, '#target');
    click = { kind: 'pointer', nx: target.nx, ny: target.ny, button: 'left', clicks: 1 };
    [mallory, eve] = await Promise.all([
      launchRogue(guests, stack.servers.fixturesUrl, link, stack.servers.peerPort),
      launchRogue(guests, stack.servers.fixturesUrl, link, stack.servers.peerPort),
    ]);
    await mallory.join('Mallory');
    await eve.join('Eve');
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('before any grant: nothing lands', async () => {
    for (const epoch of [0, 1, 2, 99]) await pressAt(mallory, epoch);
    await settle();
    expect(await clicksOnTarget()).toBe(0);
  });

  test('with a grant: the holder’s current epoch lands, a stale one does not, and another guest’s never', async () => {
    await mallory.send({ type: 'control/request' });
    await shared.getByRole('button', { name: 'Allow control' }).click();
    const epoch = await waitFor(
      () => epochOf(mallory),
      (e) => e > 0,
      { what: 'the grant' },
    );

    await pressAt(mallory, epoch - 1);
    await pressAt(eve, epoch);
    await settle();
    expect(await clicksOnTarget()).toBe(0);

    await pressAt(mallory, epoch);
    await waitFor(clicksOnTarget, (n) => n === 1, { what: 'the granted click' });
  });

  test('a flood of 5 000 events in a second: no more lands than the rate limit allows, the session lives', async () => {
    const epoch = await epochOf(mallory);
    const movesBefore = (await recorded(shared)).filter((e) => e.type === 'mousemove').length;
    const started = Date.now();
    await mallory.flood(5_000, 1_000, {
      type: 'input',
      epoch,
      event: { ...click, action: 'move', button: 'none', clicks: 0 },
    });
    const seconds = (Date.now() - started) / 1000;
    await settle();
    const moves =
      (await recorded(shared)).filter((e) => e.type === 'mousemove').length - movesBefore;
    // 60 at once, then 120 a second (input-gate.ts), with a second of slack for timing.
    expect(moves).toBeLessThanOrEqual(60 + 120 * (seconds + 1));
    const state = await sessionState(stack.sharer.worker);
    expect(state.kind).toBe('live');
    expect(state.kind === 'live' && state.control.holder?.name).toBe('Mallory');
  });

  test('after a revoke: the old epoch is dropped', async () => {
    const epoch = await epochOf(mallory);
    await shared.getByRole('button', { name: 'Take back control' }).click();
    await waitFor(
      () => mallory.received(),
      (messages) => messages.some((m) => m.type === 'control/revoked'),
      { what: 'the revoke to reach the guest' },
    );
    const before = await clicksOnTarget();
    await pressAt(mallory, epoch);
    await pressAt(mallory, epoch + 1);
    await settle();
    expect(await clicksOnTarget()).toBe(before);
    const state = await sessionState(stack.sharer.worker);
    if (state.kind !== 'live') throw new Error('the share ended');
    const revoke = state.audit.findLast((entry) => entry.type === 'revoked');
    expect(revoke?.reason).toBe('taken-back');
    expect(revoke?.injected).toBeGreaterThan(0);
  });
});
