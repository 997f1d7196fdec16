import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { updateSettings } from './harness/extension.js';
import { waitForNewFrames } from './harness/frames.js';
import {
  joinAsGuest,
  type Scene,
  shareFromPage,
  startScene,
  viewerState,
  waitForViewerState,
} from './harness/stack.js';

const peerIdOf = (link: string) => new URLSearchParams(new URL(link).hash.slice(1)).get('s');

describe('Chromium: the PeerJS server restarts mid-share (issue #6)', () => {
  let scene: Scene;

  beforeAll(async () => {
    scene = await startScene({ pick: 'Deskbridge demo call' });
    await updateSettings(scene.stack.sharer.worker, { admitEveryone: true });
  });

  afterAll(async () => {
    await scene?.close();
  });

  test('guests keep watching, the sharer re-registers its peer id by itself, new guests join once it is back', async () => {
    const { servers } = scene.stack;
    const link = await shareFromPage(scene.call);
    const sharerId = peerIdOf(link);
    const ada = await joinAsGuest(scene.guests, link, 'Ada');
    await waitForViewerState(ada, 'live');

    await servers.stopPeer();
    // While the server is down, the peer-to-peer picture does not need it.
    await waitForNewFrames(ada, 30);
    expect(await viewerState(ada)).toBe('live');

    const registered = new Promise<number>((resolve, reject) => {
      servers.peerEvents.on('connection', (id: string) => {
        if (id === sharerId) resolve(Date.now());
      });
      setTimeout(() => reject(new Error('the sharer never re-registered')), 30_000);
    });
    const restarted = Date.now();
    await servers.startPeer();
    const back = await registered;
    console.log(`sharer re-registered ${back - restarted} ms after the server came back`);
    expect(back - restarted).toBeLessThan(10_000);

    const bob = await joinAsGuest(scene.guests, link, 'Bob');
    await waitForViewerState(bob, 'live');
    await waitForNewFrames(bob, 10);
    await waitForNewFrames(ada, 10);
    expect(await viewerState(ada)).toBe('live');
  });
});
