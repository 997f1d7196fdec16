import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { badge, sessionState, updateSettings, waitFor } from './harness/extension.js';
import {
  admitFromPage,
  joinAndAdmit,
  joinAsGuest,
  renewLink,
  type Stack,
  shareFromPage,
  startScene,
  stopSharing,
  waitForViewerState,
} from './harness/stack.js';

const alertWith = (page: Page, text: string | RegExp) =>
  page.getByRole('alert').filter({ hasText: text }).waitFor({ timeout: 30_000 });

describe('Chromium: the sharer decides who watches', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;

  beforeAll(async () => {
    ({ stack, guests, call } = await startScene({ pick: 'Deskbridge demo call' }));
  });

  afterEach(async () => {
    for (const context of guests.contexts()) await context.close();
    await stopSharing(call, stack.sharer.worker);
    await updateSettings(stack.sharer.worker, { admitEveryone: false, maxGuests: 5 });
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('Admit lets a guest in, Deny tells them the host declined, Remove drops them at once', async () => {
    const link = await shareFromPage(call);
    const ada = await joinAsGuest(guests, link, 'Ada');
    await waitForViewerState(ada, 'pending');
    await admitFromPage(call, 'Ada');
    await waitForViewerState(ada, 'live');
    await call.getByText('Sharing with 1 guest').waitFor();
    expect(await badge(stack.sharer.worker)).toBe('1');

    const bob = await joinAsGuest(guests, link, 'Bob');
    await call.getByRole('button', { name: 'Deny Bob', exact: true }).click();
    await alertWith(bob, 'declined');

    await call.getByRole('button', { name: 'Remove Ada', exact: true }).click();
    await alertWith(ada, 'removed');
    await waitFor(
      () => badge(stack.sharer.worker),
      (text) => text === 'ON',
      { what: 'badge back to ON' },
    );
  });

  test('a guest still typing a name has proved the key, yet is nobody to the sharer until Join', async () => {
    const link = await shareFromPage(call);
    const hana = await joinAsGuest(guests, link, 'Hana', { join: false });
    await hana.waitForFunction(() => document.documentElement.dataset.joinAhead === 'ready');
    // The form is still what the guest sees, and the sharer has nobody to show or to admit.
    expect(await hana.evaluate(() => document.documentElement.dataset.viewerState)).toBe('idle');
    const before = await sessionState(stack.sharer.worker);
    if (before.kind !== 'live') throw new Error('the share ended');
    expect(before.guests).toEqual([]);
    expect(await call.getByRole('button', { name: /^Admit / }).count()).toBe(0);

    await hana.getByRole('button', { name: 'Join' }).click();
    await waitForViewerState(hana, 'pending');
    await admitFromPage(call, 'Hana');
    await waitForViewerState(hana, 'live');
    expect(await hana.evaluate(() => document.documentElement.dataset.joinAhead)).toBeUndefined();
  });

  test('a page whose connection made ahead of Join is lost connects afresh at Join', async () => {
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
    const link = await shareFromPage(call);
    const context = await guests.newContext({ viewport: { width: 1280, height: 800 } });
    // Keeps the page's peer connections within the test's reach.
    await context.addInitScript(() => {
      const opened: RTCPeerConnection[] = [];
      (window as unknown as { opened: RTCPeerConnection[] }).opened = opened;
      window.RTCPeerConnection = new Proxy(RTCPeerConnection, {
        construct(Native, args: ConstructorParameters<typeof RTCPeerConnection>) {
          const connection = new Native(...args);
          opened.push(connection);
          return connection;
        },
      });
    });
    const ivy = await context.newPage();
    await ivy.goto(link);
    await ivy.waitForFunction(() => document.documentElement.dataset.joinAhead === 'ready');
    // Gone before Join (the sharer's 10-minute limit, a network change): the form stays.
    await ivy.evaluate(() => {
      for (const connection of (window as unknown as { opened: RTCPeerConnection[] }).opened) {
        connection.close();
      }
    });
    await ivy.waitForFunction(() => document.documentElement.dataset.joinAhead === 'error', null, {
      timeout: 30_000,
    });
    expect(await ivy.evaluate(() => document.documentElement.dataset.viewerState)).toBe('idle');

    await ivy.getByRole('textbox', { name: 'Your name' }).fill('Ivy');
    await ivy.getByRole('button', { name: 'Join' }).click();
    await waitForViewerState(ivy, 'live');
  });

  // Issue #14, finding 7: with admit-everyone on, a removed guest's own link (a reload, or a
  // private window with a new client id) would let them straight back in. Remove makes a new
  // link instead: the removed guest's reaches nobody, the guests in stay.
  test('Remove with admit-everyone on makes a new link: the removed guest cannot come back, not even from a private window', async () => {
    await updateSettings(stack.sharer.worker, { admitEveryone: true });
    const link = await shareFromPage(call);
    const carol = await joinAsGuest(guests, link, 'Carol');
    const dave = await joinAsGuest(guests, link, 'Dave');
    await waitForViewerState(carol, 'live');
    await waitForViewerState(dave, 'live');

    await call.getByRole('button', { name: 'Remove Carol', exact: true }).click();
    await alertWith(carol, 'removed');
    const renewed = await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live' && s.link !== link,
      { what: 'a new link after the removal' },
    );
    expect(renewed.kind === 'live' && renewed.renewedAfterRemoving).toBe('Carol');
    // Back with the same link: from the same tab, and from a private window (a new context:
    // no storage, a new client id). Neither reaches the share.
    await carol.reload();
    await carol.getByRole('textbox', { name: 'Your name' }).fill('Carol');
    await carol.getByRole('button', { name: 'Join' }).click();
    await alertWith(carol, 'the link is old');
    const privateWindow = await joinAsGuest(guests, link, 'Carol');
    await alertWith(privateWindow, 'the link is old');
    // Dave, still in, never noticed.
    expect(await dave.evaluate(() => document.documentElement.dataset.viewerState)).toBe('live');
  });

  test('a removed guest who comes back with the same link must be admitted again (admit-everyone off)', async () => {
    const link = await shareFromPage(call);
    const carol = await joinAndAdmit(guests, call, link, 'Carol');
    await call.getByRole('button', { name: 'Remove Carol', exact: true }).click();
    await alertWith(carol, 'removed');
    await carol.reload();
    await carol.getByRole('textbox', { name: 'Your name' }).fill('Carol');
    await carol.getByRole('button', { name: 'Join' }).click();
    await waitForViewerState(carol, 'pending');
    await admitFromPage(call, 'Carol');
    await waitForViewerState(carol, 'live');
  });

  test('New link: the guests in stay, the old link stops working, the new one works', async () => {
    const oldLink = await shareFromPage(call);
    const dave = await joinAndAdmit(guests, call, oldLink, 'Dave');
    // Carol's page proves the old key while she types her name (join-ahead)…
    const carol = await joinAsGuest(guests, oldLink, 'Carol', { join: false });
    await carol.waitForFunction(() => document.documentElement.dataset.joinAhead === 'ready');

    const newLink = await renewLink(call);
    expect(new URL(newLink).hash).not.toBe(new URL(oldLink).hash);

    // …but a proof made before the new link does not let her in after it.
    await carol.getByRole('button', { name: 'Join' }).click();
    await alertWith(carol, 'This link is not valid');
    // The old link reaches nobody at all: New link also gave the share a new peer id, so
    // whoever knew the old one cannot even knock (issue #14, finding 5).
    const eve = await joinAsGuest(guests, oldLink, 'Eve');
    await alertWith(eve, 'the link is old');
    const oldId = new URLSearchParams(new URL(oldLink).hash.slice(1)).get('s');
    const newId = new URLSearchParams(new URL(newLink).hash.slice(1)).get('s');
    expect(newId).not.toBe(oldId);
    const frank = await joinAsGuest(guests, newLink, 'Frank');
    await waitForViewerState(frank, 'pending');
    expect(await dave.evaluate(() => document.documentElement.dataset.viewerState)).toBe('live');
  });

  test('five guests watch at once, each with its own media connection; one more is told the share is full', async () => {
    await updateSettings(stack.sharer.worker, { admitEveryone: true, maxGuests: 5 });
    const link = await shareFromPage(call);
    const names = ['G1', 'G2', 'G3', 'G4', 'G5'];
    const viewers: Page[] = [];
    for (const name of names) viewers.push(await joinAsGuest(guests, link, name));
    for (const viewer of viewers) await waitForViewerState(viewer, 'live', 60_000);
    await call.getByText('Sharing with 5 guests').waitFor();
    expect(await badge(stack.sharer.worker)).toBe('5');

    const sixth = await joinAsGuest(guests, link, 'G6');
    await alertWith(sixth, 'full');
    const state = await sessionState(stack.sharer.worker);
    if (state.kind !== 'live') throw new Error('the share ended');
    const watching = state.guests.filter((g) => g.status === 'watching');
    expect(new Set(watching.map((g) => g.peerId)).size).toBe(5);
  });

  test('a guest name with markup is shown as text', async () => {
    const link = await shareFromPage(call);
    const name = '<img src=x onerror=alert(1)>';
    await joinAsGuest(guests, link, name);
    const admit = call.getByRole('button', { name: `Admit ${name}`, exact: true });
    await admit.waitFor();
    const images = await call.evaluate(
      () =>
        document.querySelector('deskbridge-share')?.shadowRoot?.querySelectorAll('img').length ??
        -1,
    );
    expect(images).toBe(0);
    await call.getByText(name, { exact: true }).first().waitFor();
  });
});
