import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { waitFor } from './harness/extension.js';
import { type Scene, startScene, waitForViewerState } from './harness/stack.js';

/**
 * Every word comes from `_locales`: a sharer whose browser speaks German gets the German
 * controls (names included, since they are the accessible names), and so does a guest whose
 * browser prefers German, with no extension at all.
 */
describe('Chromium: a German sharer and a German guest', () => {
  let scene: Scene;

  beforeAll(async () => {
    scene = await startScene({ pick: 'Deskbridge demo call', lang: 'de' });
  });

  afterAll(async () => {
    await scene?.close();
  });

  test('share, join and admit entirely in German', async () => {
    const { call, guests } = scene;
    await call.getByRole('button', { name: 'Desktop teilen' }).click();
    const field = call.getByRole('textbox', { name: 'Zuschauer-Link' });
    const link = await waitFor(
      () => field.inputValue(),
      (value) => value !== '',
      { what: 'the viewer link' },
    );
    await call.getByRole('button', { name: 'Link kopieren' }).waitFor();

    const context = await guests.newContext({ locale: 'de-DE' });
    const viewer: Page = await context.newPage();
    await viewer.goto(link);
    expect(await viewer.evaluate(() => document.documentElement.lang)).toBe('de');
    await viewer.getByRole('textbox', { name: 'Ihr Name' }).fill('Jürgen');
    await viewer.getByRole('button', { name: 'Beitreten' }).click();
    await waitForViewerState(viewer, 'pending');
    await viewer.getByText('Warten, bis der Gastgeber Sie zulässt …').waitFor();

    // The name inside the sentence keeps the translation's word order.
    await call.getByText('Jürgen möchte beitreten').first().waitFor({ timeout: 30_000 });
    await call.getByRole('button', { name: 'Jürgen zulassen', exact: true }).click();
    await waitForViewerState(viewer, 'live');
    await call.getByText('Geteilt mit 1 Gast').waitFor();
    await viewer.getByRole('button', { name: 'Steuerung anfragen' }).waitFor();
    await context.close();
  });
});
