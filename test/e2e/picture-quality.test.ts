import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID } from './harness/browsers.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import { OffscreenProbe } from './harness/offscreen.js';
import {
  admitFromPage,
  joinAndAdmit,
  joinAsGuest,
  type Stack,
  shareFromPage,
  startScene,
  waitForViewerState,
} from './harness/stack.js';

const STILL_TITLE = 'Deskbridge still page';
const PREFERENCE = ['AV1', 'VP9', 'VP8', 'H264'];

/** Audio tracks in the stream the guest's video element plays. */
function audioTracks(viewer: Page): Promise<number> {
  return viewer.evaluate(() => {
    const stream = document.querySelector('video')?.srcObject as MediaStream | null;
    return stream?.getAudioTracks().length ?? 0;
  });
}

/** The overlay's figures, by `data-stat`. */
async function overlay(viewer: Page): Promise<Record<string, string>> {
  return viewer.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll<HTMLElement>('[data-stat]')].map((element) => [
        element.dataset.stat,
        element.textContent ?? '',
      ]),
    ),
  );
}

const number = (text: string | undefined) => Number.parseFloat(text ?? '');

/** Frames and kilobits a second over a window, as the overlay reports them once a second. */
async function rates(viewer: Page, readings = 3): Promise<{ fps: number; kbps: number }> {
  const fps: number[] = [];
  const kbps: number[] = [];
  let last = '';
  await waitFor(
    async () => {
      const figures = await overlay(viewer);
      const key = JSON.stringify(figures);
      if (key !== last && figures.fps) {
        last = key;
        fps.push(number(figures.fps));
        kbps.push(number(figures.bitrateKbps));
      }
      return fps.length;
    },
    (count) => count > readings,
    { what: 'overlay readings', interval: 200 },
  );
  // The first reading may straddle the change that started the window.
  const mean = (values: number[]) =>
    values.slice(1).reduce((sum, value) => sum + value, 0) / (values.length - 1);
  return { fps: mean(fps), kbps: mean(kbps) };
}

/** Admits a waiting guest; ms from the click to the media arriving, and to its first frame. */
async function admitAndTime(call: Page, guest: Page, name: string) {
  await waitForViewerState(guest, 'pending');
  const start = Date.now();
  await admitFromPage(call, name);
  await guest.waitForFunction(() => document.querySelector('video')?.srcObject, null, {
    polling: 20,
    timeout: 30_000,
  });
  const media = Date.now() - start;
  await waitForViewerState(guest, 'live');
  return { media, frame: Date.now() - start };
}

describe('Chromium: picture quality', () => {
  let stack: Stack;
  let guests: Browser;
  let call: Page;
  let still: Page;
  let link: string;
  let ada: Page;

  beforeAll(async () => {
    ({ stack, guests, call } = await startScene({ pick: STILL_TITLE }));
    still = await stack.sharer.context.newPage();
    await still.goto(new URL('quality/still.html', stack.servers.fixturesUrl).href);
    await call.bringToFront();
    link = await shareFromPage(call);
    ada = await joinAndAdmit(guests, call, link, 'Ada');
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
  });

  test('the codec is the first of AV1, VP9, VP8, H.264 that both browsers support', async () => {
    const sends = await still.evaluate(() =>
      (RTCRtpSender.getCapabilities('video')?.codecs ?? []).map((c) => c.mimeType),
    );
    const receives = await ada.evaluate(() =>
      (RTCRtpReceiver.getCapabilities('video')?.codecs ?? []).map((c) => c.mimeType),
    );
    const both = (name: string) =>
      sends.some((m) => m.toLowerCase() === `video/${name.toLowerCase()}`) &&
      receives.some((m) => m.toLowerCase() === `video/${name.toLowerCase()}`);
    const expected = PREFERENCE.find(both);

    await ada.getByRole('button', { name: 'Statistics' }).click();
    const figures = await waitFor(
      () => overlay(ada),
      (f) => (f.codec ?? '—') !== '—',
      { what: 'the codec in the overlay' },
    );
    console.log(`negotiated codec: ${figures.codec} (sharer sends ${sends.join(' ')})`);
    expect(figures.codec?.toUpperCase()).toBe(expected);
  });

  test('the statistics overlay shows plausible figures and toggles by button and by "s"', async () => {
    const button = ada.getByRole('button', { name: 'Statistics' });
    const region = ada.getByRole('region', { name: 'Connection statistics' });
    if (!(await region.isVisible())) await button.click();
    const figures = await waitFor(
      () => overlay(ada),
      (f) => number(f.bitrateKbps) >= 0 && f.rttMs !== undefined && f.rttMs !== '—',
      { what: 'a second reading in the overlay' },
    );
    const [width, height] = (figures.width ?? '').split('×').map(Number);
    expect(width).toBeGreaterThanOrEqual(640);
    expect(height).toBeGreaterThanOrEqual(360);
    expect(number(figures.rttMs)).toBeLessThan(500);
    expect(figures.path).toBe('direct');
    expect(figures.lossPercent).toMatch(/^\d+(\.\d)? %$|^—$/);
    expect(await button.getAttribute('aria-pressed')).toBe('true');

    await button.click();
    await region.waitFor({ state: 'detached' });
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await ada.locator('body').press('s');
    await region.waitFor();
    await ada.locator('body').press('s');
    await region.waitFor({ state: 'detached' });
    // Shift+S too (an upper-case S).
    await ada.locator('body').press('Shift+S');
    await region.waitFor();
  });

  test('each guest’s sender has the preset’s ceiling; a new preset reaches it live', async () => {
    const probe = await OffscreenProbe.attach(stack.sharer.context, call);
    try {
      const balanced = await waitFor(
        () => probe.videoSenderParameters(),
        (all) => all.length > 0 && all.every((p) => p.encodings[0]?.maxBitrate === 4_000_000),
        { what: 'Balanced parameters on the sender' },
      );
      expect(balanced[0]?.degradationPreference).toBe('maintain-resolution');
      expect(balanced[0]?.encodings[0]?.maxFramerate).toBe(30);

      // The sharer picks Sharp text in the options page during the share.
      const options = await stack.sharer.context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
      const height = options.getByRole('spinbutton', { name: 'Maximum resolution (lines)' });
      await height.fill('100');
      await options.getByRole('button', { name: 'Save' }).click();
      await options
        .getByText('The maximum resolution is a height between 360 and 2160 pixels.')
        .waitFor();
      expect(await height.getAttribute('aria-invalid')).toBe('true');
      await height.fill('1080');
      const preset = options.getByRole('combobox', { name: 'Preset' });
      expect(await preset.locator('option').allTextContents()).toEqual([
        'Sharp text',
        'Balanced',
        'Smooth motion',
      ]);
      await preset.selectOption({ label: 'Sharp text' });
      await options.getByRole('button', { name: 'Save' }).click();
      await options.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      await options.close();
      const sharp = await waitFor(
        () => probe.videoSenderParameters(),
        (all) => all.length > 0 && all.every((p) => p.encodings[0]?.maxBitrate === 2_500_000),
        { what: 'Sharp text parameters on the live sender' },
      );
      expect(sharp[0]?.encodings[0]?.maxFramerate).toBe(15);
      expect(sharp[0]?.degradationPreference).toBe('maintain-resolution');
    } finally {
      await probe.close();
      await updateSettings(stack.sharer.worker, {
        quality: { preset: 'balanced', maxHeight: 1080 },
      });
    }
  });

  test('a new maximum resolution reaches the guest’s picture live, both ways', async () => {
    const pictureHeight = () =>
      ada.evaluate(() => document.querySelector('video')?.videoHeight ?? 0);
    const before = await pictureHeight();
    expect(before).toBeGreaterThan(360);
    try {
      const saved = Date.now();
      await updateSettings(stack.sharer.worker, {
        quality: { preset: 'balanced', maxHeight: 360 },
      });
      const lowered = await waitFor(pictureHeight, (height) => height > 0 && height <= 360, {
        what: 'a picture at most 360 lines high',
        timeout: 30_000,
      });
      console.log(`maximum 360 lines: ${before} → ${lowered} lines in ${Date.now() - saved} ms`);
    } finally {
      await updateSettings(stack.sharer.worker, {
        quality: { preset: 'balanced', maxHeight: 1080 },
      });
    }
    await waitFor(pictureHeight, (height) => height === before, {
      what: `the picture back at ${before} lines`,
      timeout: 30_000,
    });
  });

  test('the sharer’s guest list shows each guest’s figures', async () => {
    const state = await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) =>
        s.kind === 'live' &&
        s.guests.some((g) => g.name === 'Ada' && !!g.media?.codec && g.media.width > 0),
      { what: 'Ada’s figures in the session' },
    );
    if (state.kind !== 'live') throw new Error('the share ended');
    const media = state.guests.find((g) => g.name === 'Ada')?.media;
    expect(media?.path).toBe('direct');
    expect(media?.width).toBeGreaterThanOrEqual(640);
    // The in-page panel shows them in Ada's row, and so does the popup.
    const figures = new RegExp(`${media?.codec} · direct`);
    await call.getByRole('list', { name: 'Guests' }).getByText(figures).waitFor();
    const popup = await stack.sharer.context.newPage();
    try {
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      await popup.getByRole('listitem').filter({ hasText: 'Ada' }).getByText(figures).waitFor();
    } finally {
      await popup.close();
      await call.bringToFront();
    }
  });

  test('the frame rate falls on a still screen; a guest joining it still gets a first frame', async () => {
    const button = ada.getByRole('button', { name: 'Statistics' });
    const region = ada.getByRole('region', { name: 'Connection statistics' });
    if (!(await region.isVisible())) await button.click();
    // Still: wait until Ada's picture has settled (the first frames converge, then stop).
    await waitFor(
      () => overlay(ada),
      (f) => f.fps !== undefined && number(f.fps) <= 2,
      { what: 'the frame rate to fall on the still page', timeout: 20_000 },
    );
    const calm = await rates(ada);

    const bob = await joinAsGuest(guests, link, 'Bob');
    const stillJoin = await admitAndTime(call, bob, 'Bob');
    expect(
      await bob.evaluate(() => document.querySelector('video')?.videoWidth ?? 0),
    ).toBeGreaterThan(0);

    await still.evaluate(() => (window as unknown as { startMotion(): void }).startMotion());
    await waitFor(
      () => overlay(ada),
      (f) => number(f.fps) >= 5,
      { what: 'the frame rate to rise with motion' },
    );
    const moving = await rates(ada);
    // The same join on a moving screen, for comparison (the load of the machine shows in both).
    const cy = await joinAsGuest(guests, link, 'Cy');
    const movingJoin = await admitAndTime(call, cy, 'Cy');
    await cy.context().close();
    console.log(
      `still: ${calm.fps.toFixed(1)} fps ${Math.round(calm.kbps)} kbit/s · moving: ${moving.fps.toFixed(1)} fps ${Math.round(moving.kbps)} kbit/s · admitted → media/first frame: still ${stillJoin.media}/${stillJoin.frame} ms, moving ${movingJoin.media}/${movingJoin.frame} ms`,
    );
    expect(calm.fps).toBeLessThan(moving.fps);
    expect(stillJoin.frame).toBeLessThan(20_000);
    await bob.context().close();
  });

  test('sound: the guest gets an audio track with the tab and a Mute toggle', async () => {
    const tracks = await audioTracks(ada);
    console.log(`audio tracks at the guest: ${tracks}`);
    if (tracks === 0) return;
    const unmute = ada.getByRole('button', { name: 'Unmute' });
    await unmute.click();
    await ada.getByRole('button', { name: 'Mute' }).waitFor();
    expect(await ada.evaluate(() => document.querySelector('video')?.muted)).toBe(false);
  });
});
