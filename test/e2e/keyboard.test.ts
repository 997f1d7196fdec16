import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID } from './harness/browsers.js';
import { controlsIn, type Stop, tabThrough } from './harness/keyboard.js';
import { joinAsGuest, type Scene, startScene, waitForViewerState } from './harness/stack.js';

/** Every control there is was reached by Tab, and each showed where the focus was. */
async function expectKeyboardReach(page: Page, scope: string): Promise<Stop[]> {
  const stops = await tabThrough(page, scope);
  const controls = await controlsIn(page, scope);
  const reached = new Set(stops.map((stop) => stop.name));
  expect(controls.filter((name) => !reached.has(name))).toEqual([]);
  expect(stops.filter((stop) => !stop.ringVisible).map((stop) => stop.name)).toEqual([]);
  return stops;
}

/** Operates a control the way a keyboard user does: focus it, then Enter. */
async function pressEnterOn(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

const announced = (page: Page, text: string) =>
  page.locator('[aria-live]').filter({ hasText: text }).first().waitFor({ state: 'attached' });

describe('Chromium: the keyboard reaches and works every control, and screen readers hear requests', () => {
  let scene: Scene;

  beforeAll(async () => {
    scene = await startScene({ pick: 'Deskbridge demo call' });
  });

  afterAll(async () => {
    await scene?.close();
  });

  test('call page panel, viewer, popup and settings', async () => {
    const { call, guests, stack } = scene;
    const panel = 'deskbridge-share';
    const names = (stops: Stop[]) => stops.map((stop) => stop.name);

    expect(names(await expectKeyboardReach(call, panel))).toContain('Share desktop');
    await pressEnterOn(call, 'Share desktop');
    const field = call.getByRole('textbox', { name: 'Viewer link' });
    await field.waitFor();
    const link = await field.inputValue();

    // A guest asks to join: announced, then admitted from the keyboard.
    const ada = await joinAsGuest(guests, link, 'Ada');
    await announced(call, 'Ada asks to join');
    const live = await expectKeyboardReach(call, panel);
    expect(names(live)).toEqual(
      expect.arrayContaining(['Copy link', 'Show', 'Stop sharing', 'Admit Ada', 'Deny Ada']),
    );
    await pressEnterOn(call, 'Admit Ada');
    await waitForViewerState(ada, 'live');

    // The guest asks for control from the keyboard; the sharer hears it and can answer.
    await pressEnterOn(ada, 'Request control');
    await announced(call, 'Ada asks for control');
    expect(names(await expectKeyboardReach(call, panel))).toEqual(
      expect.arrayContaining(['Allow control', 'Deny control']),
    );
    expect(names(await expectKeyboardReach(ada, '.app'))).toEqual(
      expect.arrayContaining(['Cancel request', 'Leave']),
    );

    // The popup, opened as a page: everything reachable, and a new join request announced.
    const popup = await stack.sharer.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await popup.getByRole('button', { name: 'Allow control' }).waitFor();
    expect(names(await expectKeyboardReach(popup, 'body'))).toEqual(
      expect.arrayContaining(['Allow control', 'Deny control', 'Remove Ada', 'Copy link']),
    );
    await joinAsGuest(guests, link, 'Bob');
    await announced(popup, 'Bob asks to join');
    await pressEnterOn(popup, 'Deny control');
    await popup.getByRole('button', { name: 'Deny control' }).waitFor({ state: 'detached' });

    const options = await stack.sharer.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.getByRole('button', { name: 'Save' }).waitFor();
    await expectKeyboardReach(options, 'main');
  });
});
