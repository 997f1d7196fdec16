import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { aimAt, type Recorded, recorded, waitForControl } from './harness/control.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import {
  joinAsGuest,
  type Stack,
  shareFromPage,
  startScene,
  waitForViewerState,
} from './harness/stack.js';

const TITLE = 'Deskbridge control test';

describe('Chromium: tab control: the guest asks, the sharer allows, clicks and keys land in the shared tab', () => {
  let stack: Stack;
  let guests: Browser;
  let shared: Page;
  let viewer: Page;

  const grant = async () => {
    await viewer.getByRole('button', { name: 'Request control' }).click();
    await shared.getByRole('button', { name: 'Allow control' }).click();
    await waitForControl(viewer, 'granted');
  };
  const events = async (type: string) => (await recorded(shared)).filter((e) => e.type === type);

  beforeAll(async () => {
    ({ stack, guests, call: shared } = await startScene({ pick: TITLE, page: 'control.html' }));
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
    const link = await shareFromPage(shared);
    // A viewer much taller than the picture's shape: the picture is letterboxed.
    viewer = await joinAsGuest(guests, link, 'Ada');
    await viewer.setViewportSize({ width: 1000, height: 900 });
    await waitForViewerState(viewer, 'live');
    await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live' && s.controlOffer.kind === 'tab',
      {
        what: 'tab control to be on offer',
      },
    );
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('the sharer is asked what exactly is granted, and the page shows who is controlling', async () => {
    await viewer.getByRole('button', { name: 'Request control' }).click();
    await shared.getByText('Ada asks to control this tab').waitFor();
    await shared.getByRole('button', { name: 'Allow control' }).click();
    await waitForControl(viewer, 'granted');
    await shared.getByText('Ada is controlling').waitFor();
    expect(await stack.sharer.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('CTL');
  });

  test('a click on the letterboxed picture lands on the button, trusted, within a few pixels', async () => {
    const { x, y, target } = await aimAt(viewer, shared, '#target');
    await viewer.mouse.click(x, y);
    const clicks = () => events('click').then((list) => list.filter((e) => e.target === 'target'));
    const [click] = await waitFor(clicks, (list) => list.length > 0, {
      what: 'a click on the button',
    });
    expect(click?.isTrusted).toBe(true);
    expect(click?.target).toBe('target');
    expect(Math.abs((click?.x ?? 0) - target.x)).toBeLessThanOrEqual(4);
    expect(Math.abs((click?.y ?? 0) - target.y)).toBeLessThanOrEqual(4);
  });

  test('typing "Hello, World!" with Shift, then Backspace, fills the field with trusted keys', async () => {
    const field = await aimAt(viewer, shared, '#field');
    await viewer.mouse.click(field.x, field.y);
    // Shift is pressed for real, as a person types capitals and "!".
    for (const key of [
      'Shift+KeyH',
      'e',
      'l',
      'l',
      'o',
      ',',
      ' ',
      'Shift+KeyW',
      'o',
      'r',
      'l',
      'd',
      'Shift+Digit1',
    ]) {
      await viewer.keyboard.press(key);
    }
    await viewer.keyboard.press('Backspace');
    await waitFor(
      () => shared.locator('#field').inputValue(),
      (value) => value === 'Hello, World',
      {
        what: 'the typed text',
      },
    );
    const keys = await events('keydown');
    expect(keys.length).toBeGreaterThanOrEqual(14);
    expect(keys.every((e: Recorded) => e.isTrusted)).toBe(true);
    expect(keys.some((e: Recorded) => e.key === 'Shift')).toBe(true);
  });

  test('the wheel scrolls the scrollable area', async () => {
    const area = await aimAt(viewer, shared, '#scroller');
    await viewer.mouse.move(area.x, area.y);
    await viewer.mouse.wheel(0, 400);
    await waitFor(
      () => shared.locator('#scroller').evaluate((el) => el.scrollTop),
      (top) => top > 0,
      {
        what: 'the area to scroll',
      },
    );
    const wheel = await events('wheel');
    expect(wheel.every((e) => e.isTrusted)).toBe(true);
  });

  test('Take back control: the guest is told, and nothing typed afterwards lands', async () => {
    await shared.getByRole('button', { name: 'Take back control' }).click();
    await waitForControl(viewer, 'none');
    const before = await shared.locator('#field').inputValue();
    await viewer.keyboard.type('late');
    const video = viewer.locator('video');
    await video.click({ position: { x: 5, y: 5 }, force: true });
    // The revoke was acknowledged at the viewer: any event it still sent is stale and dropped.
    await shared.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(await shared.locator('#field').inputValue()).toBe(before);
    const state = await sessionState(stack.sharer.worker);
    expect(state.kind === 'live' && state.control.holder).toBe(null);
  });

  test('the keyboard shortcut takes control back at once', async () => {
    await grant();
    await shared.bringToFront();
    await shared.keyboard.press('Alt+Shift+X');
    await waitForControl(viewer, 'none');
    const state = await sessionState(stack.sharer.worker);
    if (state.kind !== 'live') throw new Error('the share ended');
    expect(state.control.holder).toBe(null);
    expect(
      state.audit.some((entry) => entry.type === 'revoked' && entry.reason === 'taken-back'),
    ).toBe(true);
  });
});
