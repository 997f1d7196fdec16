import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { updateSettings } from '../test/e2e/harness/extension.js';
import { type Stack, shareFromPage, waitForViewerState } from '../test/e2e/harness/stack.js';
import { grayPng } from './gray-png.js';
import { openProbedViewer } from './join-probe.js';
import { type Luma, legibility, lumaOfRgba } from './legibility.js';
import { type Summary, summarise } from './stats.js';

/** The bench-scene fixture's title: the picker shares the tab that shows it. */
export const SCENE_TITLE = 'Deskbridge bench scene';
const SCENES = ['static', 'typing', 'scrolling'] as const;
type SceneName = (typeof SCENES)[number];
const SETTLE_MS = 3_000;
const SECONDS = 10;
const FRAMES = 5;
/** `BENCH_DUMP=dir` keeps the compared regions as PNGs: the source, and one frame per scene. */
const DUMP = process.env.BENCH_DUMP;

function dump(name: string, image: Luma): void {
  if (!DUMP) return;
  mkdirSync(DUMP, { recursive: true });
  writeFileSync(join(DUMP, `${name}.png`), grayPng(image));
}

export interface SceneFigures {
  scene: SceneName;
  /** Received video bitrate, one sample a second. */
  kbps: Summary;
  /** SSIM and mean absolute difference of the reference text, one sample per grabbed frame. */
  ssim: Summary;
  meanAbsDiff: Summary;
  fps: number;
  frame: string;
  codec: string;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Viewport {
  w: number;
  h: number;
}

interface Sampled {
  kbps: number[];
  fps: number;
  frame: string;
  codec: string;
  /** Base64 RGBA of the reference region in each grabbed frame, at the source's size. */
  frames: string[];
}

/** The reference text's box in CSS px (= frame px at 1:1), and the viewport's size. */
async function referenceRect(page: Page): Promise<{ css: Rect; viewport: Viewport }> {
  return page.evaluate(() => {
    const box = document.getElementById('reference')?.getBoundingClientRect();
    if (!box) throw new Error('the scene page has no #reference');
    const css = { x: box.left, y: box.top, width: box.width, height: box.height };
    return { css, viewport: { w: innerWidth, h: innerHeight } };
  });
}

/** The source rendering of the reference text, as RGBA, decoded in the viewer's page. */
async function sourcePixels(scene: Page, viewer: Page, rect: Rect): Promise<string> {
  const png = (await scene.screenshot({ clip: rect, type: 'png' })).toString('base64');
  return viewer.evaluate(async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    const { data: rgba } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    return btoa(Array.from(rgba, (b) => String.fromCharCode(b)).join(''));
  }, png);
}

/** In the viewer: bitrate each second from getStats, and the reference region of a few frames. */
function sample(viewer: Page, region: Rect, viewport: Viewport): Promise<Sampled> {
  return viewer.evaluate(
    async ({ region, viewport, seconds, frames }) => {
      const probe = (window as unknown as { benchProbe: { media: RTCPeerConnection[] } })
        .benchProbe;
      const connection = probe.media.at(-1);
      const video = document.querySelector('video');
      if (!connection || !video) throw new Error('no media connection or video');
      const inbound = async () => {
        const report = await connection.getStats();
        let found: Record<string, unknown> = {};
        let codec = '';
        report.forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'video') found = s;
        });
        const codecStats = found.codecId ? report.get(String(found.codecId)) : undefined;
        if (codecStats) codec = String(codecStats.mimeType);
        return {
          at: performance.now(),
          bytes: Number(found.bytesReceived ?? 0),
          decoded: Number(found.framesDecoded ?? 0),
          frame: `${found.frameWidth}×${found.frameHeight}`,
          codec,
        };
      };
      const grab = () => {
        const canvas = new OffscreenCanvas(Math.round(region.width), Math.round(region.height));
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2d context');
        const sx = (region.x / viewport.w) * video.videoWidth;
        const sy = (region.y / viewport.h) * video.videoHeight;
        const sw = (region.width / viewport.w) * video.videoWidth;
        const sh = (region.height / viewport.h) * video.videoHeight;
        context.drawImage(video, sx, sy, sw, sh, 0, 0, canvas.width, canvas.height);
        const { data: rgba } = context.getImageData(0, 0, canvas.width, canvas.height);
        return btoa(Array.from(rgba, (b) => String.fromCharCode(b)).join(''));
      };
      const first = await inbound();
      let last = first;
      const kbps: number[] = [];
      const grabbed: string[] = [];
      for (let s = 1; s <= seconds; s++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const now = await inbound();
        kbps.push(((now.bytes - last.bytes) * 8) / (now.at - last.at));
        last = now;
        if (grabbed.length < frames && s % Math.max(1, Math.floor(seconds / frames)) === 0)
          grabbed.push(grab());
      }
      const fps = ((last.decoded - first.decoded) * 1000) / (last.at - first.at);
      return { kbps, fps, frame: last.frame, codec: last.codec, frames: grabbed };
    },
    { region, viewport, seconds: SECONDS, frames: FRAMES },
  );
}

/** Base64 RGBA of `rect`'s size, as the viewer's canvas read it, to luma. */
const luma = (base64: string, rect: Rect) =>
  lumaOfRgba(
    new Uint8Array(Buffer.from(base64, 'base64')),
    Math.round(rect.width),
    Math.round(rect.height),
  );

/**
 * Issue #6: bitrate and legibility of a 1920×1080 tab in three scenes. The reference text never
 * moves, so each grabbed frame can be held against one screenshot of the source; what changes
 * between scenes is how much else the encoder must spend bits on.
 */
export async function measureScenes(stack: Stack, guests: Browser): Promise<SceneFigures[]> {
  await updateSettings(stack.sharer.worker, { admitEveryone: true });
  const scene = await stack.sharer.context.newPage();
  await scene.goto(new URL('bench-scene.html', stack.servers.demoUrl).href);
  const link = await shareFromPage(scene);
  const viewer = await openProbedViewer(guests, link, 'Scenes');
  await viewer.getByRole('button', { name: 'Join' }).click();
  await waitForViewerState(viewer, 'live');
  const { css, viewport } = await referenceRect(scene);
  const source = luma(await sourcePixels(scene, viewer, css), css);
  dump('source', source);
  const results: SceneFigures[] = [];
  for (const name of SCENES) {
    await scene.evaluate((value) => {
      document.documentElement.dataset.scene = value;
    }, name);
    await scene.waitForTimeout(SETTLE_MS);
    const sampled = await sample(viewer, css, viewport);
    const frames = sampled.frames.map((frame) => luma(frame, css));
    if (frames[0]) dump(`decoded-${name}`, frames[0]);
    const checks = frames.map((frame) => legibility(source, frame));
    results.push({
      scene: name,
      kbps: summarise(sampled.kbps.map(Math.round)),
      ssim: summarise(checks.map((c) => Number(c.ssim.toFixed(3)))),
      meanAbsDiff: summarise(checks.map((c) => Number(c.meanAbsDiff.toFixed(1)))),
      fps: Number(sampled.fps.toFixed(1)),
      frame: sampled.frame,
      codec: sampled.codec,
    });
    console.log(`scene ${name} measured`);
  }
  await viewer.context().close();
  return results;
}
