import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import { waitForNewFrames } from './harness/frames.js';
import {
  admitFromPage,
  joinAndAdmit,
  renewLink,
  type Stack,
  shareFromPage,
  startScene,
  stopSharing,
  waitForViewerState,
} from './harness/stack.js';

const REJOIN_KEY = (link: string) =>
  `deskbridge.viewer.rejoin.${new URLSearchParams(new URL(link).hash.slice(1)).get('s')}`;
const CLIENT_KEY = (link: string) =>
  `deskbridge.viewer.client.${new URLSearchParams(new URL(link).hash.slice(1)).get('s')}`;

const alertWith = (page: Page, text: string | RegExp) =>
  page.getByRole('alert').filter({ hasText: text }).waitFor({ timeout: 30_000 });

/** Reloads and returns how long the guest took to be live again. */
async function reloadUntilLive(viewer: Page): Promise<number> {
  const started = Date.now();
  await viewer.reload();
  await waitForViewerState(viewer, 'live', 30_000);
  return Date.now() - started;
}

describe('Chromium: a guest who reloads the viewer is back without a new admission (issue #6)', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;

  beforeAll(async () => {
    ({ stack, guests, call } = await startScene({ pick: 'Deskbridge demo call' }));
  });

  afterEach(async () => {
    for (const context of guests.contexts()) await context.close();
    await stopSharing(call, stack.sharer.worker);
    await updateSettings(stack.sharer.worker, { rejoinGraceSeconds: 60 });
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('reload comes back live; the name and client id alone do not; Remove revokes the token', async () => {
    const link = await shareFromPage(call);
    const ada = await joinAndAdmit(guests, call, link, 'Ada');

    // Admission is on (admit-everyone off): only the rejoin token can make this live again.
    const took = await reloadUntilLive(ada);
    console.log(`reload → live again in ${took} ms`);
    await waitForNewFrames(ada, 10);
    const again = await reloadUntilLive(ada);
    console.log(`second reload (a fresh token) → live again in ${again} ms`);

    // Someone else with the link, Ada's name and even Ada's client id must still ask.
    const clientId = await ada.evaluate((key) => localStorage.getItem(key), CLIENT_KEY(link));
    const context = await guests.newContext();
    await context.addInitScript(([key, id]) => localStorage.setItem(key, id), [
      CLIENT_KEY(link),
      clientId ?? '',
    ] as const);
    const mallory = await context.newPage();
    await mallory.goto(link);
    await mallory.getByRole('textbox', { name: 'Your name' }).fill('Ada');
    await mallory.getByRole('button', { name: 'Join' }).click();
    await waitForViewerState(mallory, 'pending');
    await call.getByRole('button', { name: 'Deny Ada', exact: true }).click();
    await alertWith(mallory, 'declined');
    expect(await ada.evaluate(() => document.documentElement.dataset.viewerState)).toBe('live');

    // Removed: even a token kept aside and put back does not skip admission.
    const saved = await ada.evaluate((key) => sessionStorage.getItem(key), REJOIN_KEY(link));
    expect(saved).not.toBeNull();
    await call.getByRole('button', { name: 'Remove Ada', exact: true }).click();
    await alertWith(ada, 'removed');
    await ada.evaluate(([key, value]) => sessionStorage.setItem(key, value), [
      REJOIN_KEY(link),
      saved ?? '',
    ] as const);
    await ada.reload();
    await waitForViewerState(ada, 'pending');
    await admitFromPage(call, 'Ada');
    await waitForViewerState(ada, 'live');
  });

  test('New link: a guest in comes back with the new link, not with the old one', async () => {
    const oldLink = await shareFromPage(call);
    const bea = await joinAndAdmit(guests, call, oldLink, 'Bea');
    const dan = await joinAndAdmit(guests, call, oldLink, 'Dan');
    const newLink = await renewLink(call);
    // The old link is dead for everyone (a new key, and a new peer id nobody answers at): the
    // rejoin token never stands in for the key.
    await dan.reload();
    await alertWith(dan, 'the link is old');
    // The new link in the same tab: the key and the token (moved to the new peer id when the
    // sharer told its guests), so no admission.
    await bea.goto(newLink);
    await waitForViewerState(bea, 'live');
    await bea.reload();
    await waitForViewerState(bea, 'live');
  });

  test('after the grace period the guest asks again', async () => {
    await updateSettings(stack.sharer.worker, { rejoinGraceSeconds: 2 });
    const link = await shareFromPage(call);
    const cy = await joinAndAdmit(guests, call, link, 'Cy');
    await cy.goto('about:blank');
    await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live' && s.guests.some((g) => g.name === 'Cy' && g.status === 'left'),
      { what: 'Cy gone at the sharer' },
    );
    // The scenario itself: stay away longer than the 2 s grace period.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await cy.goto(link);
    await waitForViewerState(cy, 'pending');
  });
});
