import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID } from './harness/browsers.js';
import { sessionState, waitFor } from './harness/extension.js';
import {
  joinAsGuest,
  type Stack,
  shareFromPage,
  startScene,
  waitForViewerState,
} from './harness/stack.js';

/**
 * Runs in the call page's own world, as the page's scripts would: every way it has to poke at
 * the content script. Returns what it tried, for the failure message.
 */
function forgeFromPage({
  buttonLabels,
  extensionId,
}: {
  buttonLabels: string[];
  extensionId: string;
}): string[] {
  const tried: string[] = [];
  const messages = [
    { to: 'bg', type: 'share/start' },
    { to: 'bg', type: 'share/stop' },
    { to: 'bg', type: 'guest/decide', peerId: 'x', decision: 'admit' },
  ];
  for (const message of messages) {
    window.postMessage(message, '*');
    window.postMessage(JSON.stringify(message), '*');
    document.dispatchEvent(new CustomEvent('deskbridge', { detail: message }));
    tried.push(`postMessage ${message.type}`);
  }
  const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome
    ?.runtime;
  if (typeof runtime?.sendMessage === 'function') {
    try {
      (runtime.sendMessage as (id: string, m: unknown) => void)(extensionId, messages[0]);
      tried.push('runtime.sendMessage');
    } catch {
      tried.push('runtime.sendMessage threw');
    }
  }
  const root = document.querySelector('deskbridge-share')?.shadowRoot;
  for (const button of root?.querySelectorAll('button') ?? []) {
    const label = button.getAttribute('aria-label') ?? button.textContent ?? '';
    if (!buttonLabels.some((wanted) => label.includes(wanted))) continue;
    button.click();
    button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    button.dispatchEvent(new PointerEvent('pointerup', { bubbles: true }));
    button.focus();
    button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    tried.push(`click ${label}`);
  }
  return tried;
}

describe('Chromium: a call page cannot drive the share', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;

  beforeAll(async () => {
    ({ stack, guests, call } = await startScene({ pick: 'Deskbridge demo call' }));
    await call.getByRole('button', { name: 'Share desktop' }).waitFor();
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  const settle = () => call.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1_000)));

  test('forged messages and synthetic clicks do not start a share', async () => {
    const tried = await call.evaluate(forgeFromPage, {
      buttonLabels: ['Share desktop'],
      extensionId: EXTENSION_ID,
    });
    expect(tried.some((what) => what.startsWith('click'))).toBe(true);
    // Give a forged request every chance to land before checking it did not.
    await settle();
    expect((await sessionState(stack.sharer.worker)).kind).toBe('idle');
  });

  test('nor admit a waiting guest, nor stop a live share', async () => {
    const link = await shareFromPage(call);
    const guest = await joinAsGuest(guests, link, 'Pat');
    await waitForViewerState(guest, 'pending');
    await call.getByRole('button', { name: 'Admit Pat', exact: true }).waitFor();

    const tried = await call.evaluate(forgeFromPage, {
      buttonLabels: ['Admit', 'Stop sharing', 'New link'],
      extensionId: EXTENSION_ID,
    });
    expect(tried.filter((what) => what.startsWith('click')).length).toBeGreaterThanOrEqual(3);
    await settle();

    const state = await sessionState(stack.sharer.worker);
    expect(state.kind).toBe('live');
    if (state.kind !== 'live') return;
    expect(state.link).toBe(link);
    expect(state.guests.find((g) => g.name === 'Pat')?.status).toBe('waiting');
    expect(await guest.evaluate(() => document.documentElement.dataset.viewerState)).toBe(
      'pending',
    );
    // The real sharer, with a real click, still can.
    await call.getByRole('button', { name: 'Admit Pat', exact: true }).click();
    await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live' && s.guests.some((g) => g.status === 'watching'),
      {
        what: 'Pat admitted by a real click',
      },
    );
  });
});
