import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID } from './harness/browsers.js';
import { aimAt, recorded, waitForControl } from './harness/control.js';
import { sessionState, waitFor } from './harness/extension.js';
import { waitForNewFrames } from './harness/frames.js';
import {
  joinAndAdmit,
  joinAsGuest,
  type Scene,
  shareFromPage,
  startScene,
  waitForViewerState,
} from './harness/stack.js';
import { stopServiceWorker } from './harness/worker-stop.js';

const TITLE = 'Deskbridge control test';

describe('Chromium: the service worker is stopped mid-session (issue #6)', () => {
  let scene: Scene;

  beforeAll(async () => {
    scene = await startScene({ pick: TITLE, page: 'control.html' });
  });

  afterAll(async () => {
    await scene?.close();
  });

  /** The guest clicks the shared page's button; resolves once the page got a trusted click. */
  const clickTarget = async (viewer: Page, shared: Page) => {
    const { x, y } = await aimAt(viewer, shared, '#target');
    await viewer.mouse.click(x, y);
    await waitFor(
      () => recorded(shared),
      (list) => list.some((e) => e.type === 'click' && e.target === 'target' && e.isTrusted),
      { what: 'a trusted click on the button' },
    );
  };

  const openPopup = async (): Promise<Page> => {
    const popup = await scene.stack.sharer.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    return popup;
  };

  test('frames flow, control input lands, a new guest is admitted from the popup, which shows the true guest list', async () => {
    const { call: shared, guests, stack } = scene;
    const { context } = stack.sharer;
    const link = await shareFromPage(shared);
    const ada = await joinAndAdmit(guests, shared, link, 'Ada');
    const bob = await joinAndAdmit(guests, shared, link, 'Bob');
    await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live' && s.controlOffer.kind === 'tab',
      { what: 'tab control to be on offer' },
    );
    await bob.getByRole('button', { name: 'Request control' }).click();
    await shared.getByRole('button', { name: 'Allow control' }).click();
    await waitForControl(bob, 'granted');

    // Control works before the stop (the baseline), then the page's record starts afresh.
    await clickTarget(bob, shared);
    await shared.evaluate(() => {
      (window as unknown as { recorded: unknown[] }).recorded.length = 0;
    });

    const stoppedAt = Date.now();
    await stopServiceWorker(context, shared);
    console.log(`service worker stopped in ${Date.now() - stoppedAt} ms`);

    // The media lives in the offscreen document: the picture goes on without the worker.
    await waitForNewFrames(ada, 10);
    await waitForNewFrames(bob, 10);

    // The worker wakes without its executor in memory: the first input re-attaches it from the
    // grant persisted in storage.session, and lands.
    const clickedAt = Date.now();
    await clickTarget(bob, shared);
    console.log(`first click after the stop landed in ${Date.now() - clickedAt} ms`);

    // A new guest; the popup, opened afresh, tells the truth and admits.
    const cy = await joinAsGuest(guests, link, 'Cy');
    await waitForViewerState(cy, 'pending');
    const popup = await openPopup();
    await popup.getByText('Bob is controlling').waitFor();
    await popup.getByRole('button', { name: 'Remove Ada', exact: true }).waitFor();
    await popup.getByRole('button', { name: 'Remove Bob', exact: true }).waitFor();
    await popup.getByRole('button', { name: 'Admit Cy', exact: true }).click();
    await waitForViewerState(cy, 'live');
    await popup.getByRole('button', { name: 'Remove Cy', exact: true }).waitFor();
    await popup.close();

    // Stopped once more with the popup closed: reopened, it shows the same three and the holder.
    await stopServiceWorker(context, shared);
    const again = await openPopup();
    await again.getByText('Bob is controlling').waitFor();
    for (const name of ['Ada', 'Bob', 'Cy']) {
      await again.getByRole('button', { name: `Remove ${name}`, exact: true }).waitFor();
    }
    expect(await ada.evaluate(() => document.documentElement.dataset.viewerState)).toBe('live');
  });
});
