import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { updateSettings } from './harness/extension.js';
import {
  joinAsGuest,
  type Stack,
  shareFromPage,
  startScene,
  waitForViewerState,
} from './harness/stack.js';

/** Moves over the middle of the picture until `done`, as a person waving a pointer would. */
async function wave(viewer: Page, done: () => Promise<unknown>): Promise<void> {
  const box = await viewer.locator('video').boundingBox();
  if (!box) throw new Error('no video');
  const finished = done().then(() => true);
  for (let i = 0; !(await Promise.race([finished, Promise.resolve(false)])); i++) {
    await viewer.mouse.move(box.x + box.width * (0.4 + (i % 10) / 50), box.y + box.height * 0.5);
    if (i > 600) throw new Error('the pointer never showed');
    await viewer.waitForTimeout(50);
  }
}

describe('Chromium: the laser pointer: guests point, everyone sees, nobody controls', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;
  let ann: Page;
  let bob: Page;

  beforeAll(async () => {
    ({ stack, guests, call } = await startScene({ pick: 'Deskbridge demo call' }));
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
    const link = await shareFromPage(call);
    [ann, bob] = [await joinAsGuest(guests, link, 'Ann'), await joinAsGuest(guests, link, 'Bob')];
    await waitForViewerState(ann, 'live');
    await waitForViewerState(bob, 'live');
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('off until the sharer allows it', async () => {
    expect(await ann.getByRole('button', { name: 'Point' }).count()).toBe(0);
    await call.getByRole('button', { name: 'Let guests point' }).click();
    await ann.getByRole('button', { name: 'Point' }).waitFor();
  });

  test('Ann points: Bob sees it on his picture, the sharer on the shared tab', async () => {
    await ann.getByRole('button', { name: 'Point' }).click();
    await wave(ann, () =>
      Promise.all([
        bob.locator('[data-pointer-name="Ann"]').first().waitFor(),
        call.locator('[data-pointer-name="Ann"]').first().waitFor(),
      ]),
    );
    expect(await call.locator('[data-pointer-name="Ann"]').first().textContent()).toBe('Ann');
  });

  test('the sharer turns it off: the button goes, and so do the pointers', async () => {
    await call.getByRole('button', { name: 'Let guests point' }).click();
    await ann.getByRole('button', { name: 'Point' }).waitFor({ state: 'detached' });
    await call.locator('[data-pointer-name="Ann"]').waitFor({ state: 'detached' });
  });
});
