import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { EXTENSION_ID } from './harness/browsers.js';
import { aimAt, recorded, waitForControl } from './harness/control.js';
import { sessionState, waitFor } from './harness/extension.js';
import { icePath, openWatchedViewer } from './harness/ice-path.js';
import { canBuildNetworks, type Namespace } from './harness/netns.js';
import { ADDRESSES, type NatMode } from './harness/netns-nat.js';
import { type HttpAnswer, probe, type TurnAnswer } from './harness/netns-probe.js';
import {
  type NatScene,
  openDemo,
  SERVER_URL,
  startNatScene,
  TURN_PORT,
  TURNS_PORT,
} from './harness/netns-scene.js';
import { near, type Rgb, sampleFrame } from './harness/pixels.js';
import { admitFromPage, shareFromPage, stopSharing, waitForViewerState } from './harness/stack.js';

const TITLE = 'Deskbridge control test';
/** The start of the viewer's `vNetworkBlocked` message (English). */
const NETWORK_BLOCKED =
  'Could not connect to the host: the networks between you block a direct connection';
/** …and what the host can do (its end). */
const HOST_CAN = 'The host can set up a Deskbridge server with TURN';
/** The sharer's popup, `guestsUnreachable` (English). */
const UNREACHABLE_ROW =
  '1 could not connect: the networks block a direct connection and no relay (TURN) got through';
/** Four blocks painted onto the shared page, away from its controls. */
const PATTERN: Rgb[] = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [255, 0, 255],
];

/** Adds the blocks to the shared page; their centres as fractions of its viewport. */
function paintPattern(page: Page) {
  return page.evaluate((colours) => {
    return colours.map(([r, g, b], i) => {
      const block = document.createElement('div');
      Object.assign(block.style, {
        position: 'absolute',
        left: `${40 + i * 130}px`,
        top: '560px',
        width: '120px',
        height: '90px',
        background: `rgb(${r}, ${g}, ${b})`,
      });
      document.body.append(block);
      const rect = block.getBoundingClientRect();
      return {
        x: (rect.left + rect.width / 2) / innerWidth,
        y: (rect.top + rect.height / 2) / innerHeight,
      };
    });
  }, PATTERN);
}

/** The viewer's statistics overlay: its path field. */
async function overlayPath(viewer: Page): Promise<string> {
  if ((await viewer.locator('[data-stat="path"]').count()) === 0) {
    await viewer.getByRole('button', { name: 'Statistics' }).click();
  }
  return (await viewer.locator('[data-stat="path"]').textContent()) ?? '';
}

const CAN_RUN = canBuildNetworks() || Boolean(process.env.CI);
if (!CAN_RUN) console.warn('NAT suite skipped: it needs root, `ip` and `nft` (CI runs it as root)');

/**
 * Issue #12, "Tested through NATs": the sharer and the guest each behind a NAT with
 * address-and-port-dependent mapping (no direct path), the server and coturn on the public side.
 */
describe.runIf(CAN_RUN)('Through NATs (network namespaces)', () => {
  let scene: NatScene;
  let shared: Page;
  let centres: { x: number; y: number }[];

  /** Shares the control page, a guest joins through its NAT, is admitted and sees the pattern. */
  async function shareAndWatch(name: string): Promise<Page> {
    const link = await shareFromPage(shared);
    expect(link.startsWith(`${SERVER_URL}/viewer/`)).toBe(true);
    // The link carries a ticket and where to redeem it, never a TURN credential.
    const fragment = new URLSearchParams(new URL(link).hash.slice(1));
    expect(fragment.get('t')).toBeTruthy();
    expect(fragment.get('tc')).toBe(`${SERVER_URL}/api/turn-credentials`);
    const ice = JSON.parse(Buffer.from(fragment.get('ice') ?? 'W10', 'base64url').toString());
    expect(ice).toEqual([{ urls: [`stun:${ADDRESSES.turn}:${TURN_PORT}`] }]);
    const viewer = await openWatchedViewer(scene.guests, link, name);
    await viewer.getByRole('button', { name: 'Join' }).click();
    await admitFromPage(shared, name);
    await waitForViewerState(viewer, 'live', 60_000);
    await waitFor(
      () => sampleFrame(viewer, centres),
      (sample) => sample.colours.every((colour, i) => near(colour, PATTERN[i] as Rgb)),
      { what: `the pattern in ${name}’s frame` },
    );
    return viewer;
  }

  /** The network as a case needs it; each case sets all three, so the order of cases is free. */
  function network({ mode = 'nat' as NatMode, udp = true, turnPorts = [] as number[] } = {}) {
    scene.net.setMode(mode);
    scene.net.blockUdp(!udp);
    scene.net.blockTurnPorts(turnPorts);
  }

  /** The guest's row at the sharer, once it has this path. */
  function sharerSeesPath(name: string, path: 'relayed' | 'direct') {
    return waitFor(
      () => sessionState(scene.sharer.worker),
      (s) => s.kind === 'live' && s.guests.some((g) => g.name === name && g.media?.path === path),
      { what: `${name} ${path} in the sharer’s guest list` },
    );
  }

  beforeAll(async () => {
    scene = await startNatScene({ pick: TITLE });
    shared = await openDemo(scene, 'control.html');
    centres = await paintPattern(shared);
  });

  afterEach(async () => {
    for (const context of scene.guests.contexts()) await context.close();
    await stopSharing(shared, scene.sharer.worker);
    network();
  });

  afterAll(async () => {
    await scene?.close();
  });

  test('TURN over UDP: the guest sees the page, both sides say relayed, tab control works', async () => {
    network();
    const viewer = await shareAndWatch('Ada');
    const path = await icePath(viewer);
    console.log(`guest's path: ${JSON.stringify(path)}`);
    // The guest may send from its own NAT mapping to the sharer's relay: relayed either way.
    expect([path?.local, path?.remote]).toContain('relay');
    expect(await overlayPath(viewer)).toBe('relayed (TURN)');
    await sharerSeesPath('Ada', 'relayed');
    await shared.getByText('relayed (TURN)').first().waitFor();

    await waitFor(
      () => sessionState(scene.sharer.worker),
      (s) => s.kind === 'live' && s.controlOffer.kind === 'tab',
      { what: 'tab control on offer' },
    );
    await viewer.getByRole('button', { name: 'Request control' }).click();
    await shared.getByRole('button', { name: 'Allow control' }).click();
    await waitForControl(viewer, 'granted');
    const button = await aimAt(viewer, shared, '#target');
    await viewer.mouse.click(button.x, button.y);
    await waitFor(
      () => recorded(shared),
      (events) => events.some((e) => e.type === 'click' && e.target === 'target' && e.isTrusted),
      { what: 'the guest’s click on the button' },
    );
    const field = await aimAt(viewer, shared, '#field');
    await viewer.mouse.click(field.x, field.y);
    await viewer.keyboard.type('through two NATs');
    await waitFor(
      () => shared.locator('#field').inputValue(),
      (value) => value === 'through two NATs',
      { what: 'the typed text in the shared tab' },
    );
    await shared.getByRole('button', { name: 'Take back control' }).click();
  });

  test('UDP blocked at both NATs: TURN over TCP carries it, and TURN over TLS on 443 without TCP 3478', async () => {
    network({ udp: false });
    const overTcp = await shareAndWatch('Bea');
    const tcpPath = await icePath(overTcp);
    console.log(`guest's path, UDP blocked: ${JSON.stringify(tcpPath)}`);
    expect(tcpPath).toMatchObject({ local: 'relay', relayProtocol: 'tcp' });
    expect(await overlayPath(overTcp)).toBe('relayed (TURN)');
    await sharerSeesPath('Bea', 'relayed');
    await overTcp.context().close();
    await stopSharing(shared, scene.sharer.worker);

    network({ udp: false, turnPorts: [TURN_PORT] });
    const overTls = await shareAndWatch('Cleo');
    const tlsPath = await icePath(overTls);
    console.log(`guest's path, UDP and TCP ${TURN_PORT} blocked: ${JSON.stringify(tlsPath)}`);
    expect(tlsPath).toMatchObject({ local: 'relay', relayProtocol: 'tls' });
    await sharerSeesPath('Cleo', 'relayed');
  });

  test('with a direct path (both ends on the public side), the same share goes direct', async () => {
    network({ mode: 'direct' });
    const viewer = await shareAndWatch('Dora');
    const path = await icePath(viewer);
    console.log(`guest's path, no NAT: ${JSON.stringify(path)}`);
    expect(path?.local).not.toBe('relay');
    expect(path?.remote).not.toBe('relay');
    expect(await overlayPath(viewer)).toBe('direct');
    await sharerSeesPath('Dora', 'direct');
  });

  test('TURN unreachable: the guest is told within 15 s why, and the sharer sees who could not connect', async () => {
    network({ turnPorts: [TURN_PORT, TURNS_PORT] });
    const link = await shareFromPage(shared);
    const viewer = await openWatchedViewer(scene.guests, link, 'Eve');
    const joined = Date.now();
    await viewer.getByRole('button', { name: 'Join' }).click();
    const alert = viewer.getByRole('alert');
    await alert
      .filter({ hasText: NETWORK_BLOCKED })
      .waitFor({ timeout: 15_000 - (Date.now() - joined) })
      .catch(async (error) => {
        const state = await viewer.evaluate(() => document.documentElement.dataset.viewerState);
        const shown = (await alert.allTextContents()).join(' | ');
        console.log(`after ${Date.now() - joined} ms the guest's page is "${state}": "${shown}"`);
        throw error;
      });
    const told = (await alert.allTextContents()).join(' ');
    console.log(`guest told after ${Date.now() - joined} ms: ${told}`);
    // What the host can do about it, in the same words.
    expect(told).toContain(HOST_CAN);
    expect(await viewer.evaluate(() => document.documentElement.dataset.viewerState)).toBe('error');
    const state = await waitFor(
      () => sessionState(scene.sharer.worker),
      (s) => s.kind === 'live' && s.guests.some((g) => g.status === 'unreachable'),
      { what: 'a guest who could not connect in the sharer’s guest list', timeout: 15_000 },
    );
    const row = state.kind === 'live' ? state.guests.find((g) => g.status === 'unreachable') : null;
    expect(row?.framesSent).toBe(0);
    // The popup's guest list says so, with the same reason.
    const popup = await scene.sharer.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await popup.getByText(UNREACHABLE_ROW).waitFor();
    await popup.close();
  });

  test('attacker: no ticket without the access token, no TURN credential without a live ticket, no relay into private networks', async () => {
    network();
    const post = (ns: Namespace, path: string, body: unknown, token?: string) =>
      probe<HttpAnswer>(
        ns,
        {
          kind: 'http',
          url: `${SERVER_URL}${path}`,
          method: 'POST',
          headers: token ? { authorization: `Bearer ${token}` } : {},
          body: JSON.stringify(body),
        },
        scene.caFile,
      );
    await shareFromPage(shared);
    const live = await sessionState(scene.sharer.worker);
    if (live.kind !== 'live' && live.kind !== 'starting') throw new Error('no share');
    const { guest, sharer } = scene.net;

    // A random client, from the guest's network through its NAT: no ticket for a live share.
    const peerId = live.peerId;
    expect((await post(guest, '/api/tickets', { peerId })).status).toBe(403);
    expect((await post(guest, '/api/tickets', { peerId }, 'guessed-token-0123456789')).status).toBe(
      403,
    );
    // A guest without a ticket, or with a forged one: no credentials.
    expect((await post(guest, '/api/turn-credentials', {})).status).toBe(403);
    const forged = `${Buffer.from(JSON.stringify({ p: peerId, e: Date.now() + 60_000 })).toString('base64url')}.${'A'.repeat(43)}`;
    expect((await post(guest, '/api/turn-credentials', { ticket: forged })).status).toBe(403);

    // The real thing: the sharer's ticket (with the token), redeemed by the guest.
    const issued = await post(sharer, '/api/tickets', { peerId }, scene.accessToken);
    expect(issued.status).toBe(200);
    const { ticket } = issued.body as { ticket: string };
    const redeemed = await post(guest, '/api/turn-credentials', { ticket });
    expect(redeemed.status).toBe(200);
    const [ice] = (redeemed.body as { iceServers: { username: string; credential: string }[] })
      .iceServers;

    // With those credentials, from behind the guest's NAT: coturn relays to the public side
    // only — never to loopback, private, link-local or CGNAT addresses, nor to the networks
    // behind the NATs (198.19/16 here, 10/8 and the like on the internet).
    const denied = ['127.0.0.1', '10.1.2.3', '192.168.1.1', '172.16.0.1', '169.254.169.254'].concat(
      ['100.64.0.1', ADDRESSES.sharer, ADDRESSES.guest],
    );
    const turn = await probe<TurnAnswer>(guest, {
      kind: 'turn',
      server: { host: ADDRESSES.turn, port: TURN_PORT },
      username: ice?.username ?? '',
      credential: ice?.credential ?? '',
      peers: [ADDRESSES.sharerWan, ...denied],
    });
    expect(turn.allocation.ok).toBe(true);
    expect(turn.permissions[ADDRESSES.sharerWan]).toMatchObject({ ok: true });
    for (const peer of denied) {
      expect({ peer, answer: turn.permissions[peer] }).toMatchObject({
        peer,
        answer: { ok: false, code: 403 },
      });
    }
    // And no allocation at all with made-up credentials.
    const guessed = await probe<TurnAnswer>(guest, {
      kind: 'turn',
      server: { host: ADDRESSES.turn, port: TURN_PORT },
      username: `${Math.floor(Date.now() / 1000) + 600}:guess`,
      credential: 'bm90IHRoZSBjcmVkZW50aWFs',
      peers: [],
    });
    expect(guessed.allocation).toMatchObject({ ok: false, code: 401 });
  });
});
