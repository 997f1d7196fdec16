import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { GuestView } from '../../src/shared/session.js';
import { type Attacker, launchAttacker } from './harness/attacker.js';
import { launchGuestBrowser, PLAIN_HOST_CANDIDATES } from './harness/browsers.js';
import { sessionState, updateSettings, waitFor } from './harness/extension.js';
import {
  type EditResult,
  type MitmRelay,
  type SignallingMessage,
  startMitmRelay,
} from './harness/mitm-relay.js';
import {
  answerForAttacker,
  backIntoBundle,
  firstFingerprint,
  midOfKind,
  reorderedBundle,
  splitOutOfBundle,
  withDecoyFingerprint,
} from './harness/sdp-edit.js';
import { openSplitReceiver, type SplitReceiver } from './harness/split-receiver.js';
import {
  joinAsGuest,
  type Stack,
  shareFromPage,
  startStack,
  stopSharing,
  viewerState,
} from './harness/stack.js';

/**
 * Issue #14, finding 1: a signalling server that rewrites the SDP so that the picture travels on
 * a transport other than the one the key proof covers. Three rewrites, each run against the
 * built product through the relay, each a complete attack against the code before the fix:
 * 1. the video section moved out of the BUNDLE group onto the attacker's own transport, the data
 *    channel (and so the proof) left end to end;
 * 2. a full man in the middle whose descriptions carry a session-level decoy fingerprint — the
 *    real one for each side — while every section's own is the attacker's;
 * 3. the same with the BUNDLE group reordered, the decoy in the first section instead.
 * The sharer must send no frame to any transport but the proved one, and refuse the guest.
 * Before the fix, 1 gave the attacker the live picture (67 frames decoded in one run here) while
 * the admitted guest saw none; 2 and 3 were already refused by Chromium's own handling (it
 * drops a session-level fingerprint that sections override; the reordered group broke DTLS).
 */

const DEMO_TITLE = 'Deskbridge demo call';
const SECURITY_TEXT =
  'The connection to the host could not be verified: someone may be intercepting it. Ask the host for a new link.';

type Attack = 'split' | 'decoy' | 'reorder';

interface SdpPayload {
  type?: string;
  sdp?: { type?: string; sdp?: string };
  candidate?: { candidate?: string; sdpMid?: string };
}

const isGuest = (id: unknown) => typeof id === 'string' && id.startsWith('guest-');
const isSharer = (id: unknown) => typeof id === 'string' && id.startsWith('db-');

/** One deferred value: what a later message needs from an earlier one. */
function later<T>(): { value: Promise<T>; set(value: T): void } {
  let set: (value: T) => void = () => {};
  const value = new Promise<T>((resolve) => {
    set = resolve;
  });
  return { value, set };
}

/** The relay's edit hook for one attack; everything it did goes into `log`. */
function attackEditor(attack: Attack, receiver: SplitReceiver | null, log: string[]) {
  const victimFingerprint = later<string>();
  const sharerFingerprint = later<string>();
  let videoMid: string | null = null;
  // The attacker's receiver hears the answer first, then the candidates, in order.
  let toReceiver: Promise<void> = Promise.resolve();

  return async (
    direction: 'up' | 'down',
    message: SignallingMessage,
    client: string,
  ): Promise<EditResult> => {
    const payload = message.payload as SdpPayload | undefined;
    const sdp = payload?.sdp?.sdp;
    if (attack === 'split' && receiver) {
      if (direction !== 'up') return 'same';
      if (message.type === 'OFFER' && isGuest(client) && isSharer(message.dst) && sdp) {
        videoMid = midOfKind(sdp, 'video');
        payload.sdp = {
          ...payload.sdp,
          sdp: splitOutOfBundle(sdp, videoMid, receiver.transport, receiver.candidates),
        };
        log.push(`split: video (mid ${videoMid}) out of the bundle, to the attacker`);
        return 'edited';
      }
      if (message.type === 'ANSWER' && isSharer(client) && videoMid && sdp && payload.sdp) {
        const forAttacker = answerForAttacker(sdp, videoMid, receiver.mid);
        toReceiver = toReceiver.then(() => receiver.answer(forAttacker));
        payload.sdp = { ...payload.sdp, sdp: backIntoBundle(sdp, videoMid) };
        log.push('split: answer mended for the guest, its video section to the attacker');
        return 'edited';
      }
      const candidate = payload?.candidate;
      if (message.type === 'CANDIDATE' && isSharer(client) && candidate?.sdpMid === videoMid) {
        const line = candidate?.candidate ?? '';
        toReceiver = toReceiver.then(() => receiver.addCandidate(line));
        log.push('split: a sharer candidate for the video diverted');
        return 'drop';
      }
      return 'same';
    }
    // decoy / reorder: the relay re-addresses (victim ↔ mitm-v, mitm-s ↔ sharer); the attacker
    // relays the data channel verbatim, so the proof itself is the victim's own.
    if (!sdp || !payload.sdp) return 'same';
    if (direction === 'up' && message.type === 'OFFER' && isGuest(client)) {
      victimFingerprint.set(firstFingerprint(sdp) ?? '');
      return 'same';
    }
    if (direction === 'up' && message.type === 'ANSWER' && isSharer(client)) {
      sharerFingerprint.set(firstFingerprint(sdp) ?? '');
      return 'same';
    }
    if (direction !== 'down') return 'same';
    const disguise = async (real: Promise<string>) => {
      const decoy = await Promise.race([
        real,
        new Promise<string>((_, fail) =>
          setTimeout(() => fail(new Error('no fingerprint')), 30_000),
        ),
      ]);
      return attack === 'decoy'
        ? withDecoyFingerprint(sdp, decoy)
        : reorderedBundle(sdp, midOfKind(sdp, 'video'), decoy);
    };
    if (message.type === 'OFFER' && isSharer(client)) {
      // mitm-s's offer, reaching the sharer as the victim's: the victim's fingerprint shown.
      payload.sdp = { ...payload.sdp, sdp: await disguise(victimFingerprint.value) };
      log.push(`${attack}: the sharer is shown the victim's fingerprint`);
      return 'edited';
    }
    if (message.type === 'ANSWER' && isGuest(client)) {
      // mitm-v's answer, reaching the victim as the sharer's: the sharer's fingerprint shown.
      payload.sdp = { ...payload.sdp, sdp: await disguise(sharerFingerprint.value) };
      log.push(`${attack}: the victim is shown the sharer's fingerprint`);
      return 'edited';
    }
    return 'same';
  };
}

describe('Chromium: a signalling server rewrites the SDP to take the picture (issue #14, 1)', () => {
  let stack: Stack;
  let guests: Browser;
  let relay: MitmRelay;
  let call: Page;
  let attacker: Attacker | null = null;
  let editor: ReturnType<typeof attackEditor> | null = null;

  beforeAll(async () => {
    [stack, guests] = await Promise.all([
      startStack({ pick: DEMO_TITLE }),
      // The split-out section needs a candidate the attacker's receiver can reach directly.
      launchGuestBrowser([PLAIN_HOST_CANDIDATES]),
    ]);
    relay = await startMitmRelay({
      upstreamPort: stack.servers.peerPort,
      rewrite: false,
      edit: (direction, message, client) =>
        editor ? editor(direction, message, client) : ('same' as const),
    });
    await updateSettings(stack.sharer.worker, {
      signalling: {
        host: '127.0.0.1',
        port: relay.port,
        path: stack.servers.peerPath,
        secure: false,
        key: 'peerjs',
      },
    });
    call = await stack.sharer.context.newPage();
    await call.goto(stack.servers.demoUrl);
  });

  afterEach(async () => {
    editor = null;
    relay.rewrite = false;
    for (const context of guests.contexts()) await context.close();
    await attacker?.close();
    attacker = null;
    await stopSharing(call, stack.sharer.worker);
  });

  afterAll(async () => {
    await guests?.close();
    await stack?.close();
    await relay?.close();
  });

  /** Shares, lets the attack run on one guest's join, and admits the guest if it gets that far. */
  async function runAttack(attack: Attack) {
    const log: string[] = [];
    const link = await shareFromPage(call);
    const live = await waitFor(
      () => sessionState(stack.sharer.worker),
      (s) => s.kind === 'live',
      { what: 'the share to be live', timeout: 60_000 },
    );
    const sharerId = live.kind === 'live' ? live.peerId : '';
    attacker = await launchAttacker(stack.servers);
    let receiver: SplitReceiver | null = null;
    if (attack === 'split') receiver = await openSplitReceiver(attacker.page);
    else {
      relay.rewrite = true;
      await attacker.startMitm(sharerId, 'relay-media');
    }
    editor = attackEditor(attack, receiver, log);

    const victim = await joinAsGuest(guests, link, 'Victim');
    // Either the sharer is asked to admit the victim (the attack passed the proof) or the victim
    // is refused; a sharer who is asked admits, as a real one would.
    const outcome = await waitFor(
      async () => {
        const state = await sessionState(stack.sharer.worker);
        const guests: GuestView[] = state.kind === 'live' ? state.guests : [];
        const seen = guests.find((g) => g.name === 'Victim')?.status;
        if (seen) return seen;
        if (guests.some((g) => g.status === 'denied')) return 'denied';
        return (await viewerState(victim)) === 'error' ? 'victim-refused' : null;
      },
      (status) => status === 'waiting' || status === 'denied' || status === 'victim-refused',
      { what: 'the victim to be refused or to wait for admission', timeout: 60_000 },
    );
    if (outcome === 'waiting') {
      await call
        .getByRole('button', { name: 'Admit Victim', exact: true })
        .click({ timeout: 30_000 });
      // Admitted: the picture flows wherever the sharer's video transport leads. The sharer's
      // own figures say when it has sent a good number of frames.
      await waitFor(
        () => sessionState(stack.sharer.worker),
        (s) =>
          s.kind === 'live' && (s.guests.find((g) => g.name === 'Victim')?.framesSent ?? 0) >= 60,
        { what: 'the sharer to send frames to the admitted "guest"', timeout: 30_000 },
      ).catch(() => {});
    }
    const report =
      attack === 'split'
        ? await receiver?.report()
        : await attacker.mitmReport().then((r) => ({ ...r, events: r.events }));
    return { victim, outcome, report, log };
  }

  for (const attack of ['split', 'decoy'] as const) {
    test(`${attack}: no frame reaches the attacker, and the guest is refused`, async () => {
      const { victim, outcome, report, log } = await runAttack(attack);
      const alert = await victim.getByRole('alert').textContent({ timeout: 30_000 });
      // The attack really ran: the relay rewrote the descriptions both ways.
      expect(log.length, JSON.stringify(log)).toBeGreaterThanOrEqual(2);
      expect(report?.framesDecoded ?? -1).toBe(0);
      expect(report?.bytesReceived ?? -1).toBe(0);
      expect(outcome).not.toBe('waiting');
      expect(alert).toBe(SECURITY_TEXT);
    });
  }

  // The sharer's own connection is max-bundle: Chromium refuses to answer an offer whose BUNDLE
  // group is reordered this way ("Failed to setup RTCP mux"), so no connection exists to be
  // refused over and the victim can only time out. What counts: nothing reaches the attacker.
  test('reorder: the sharer never answers, no frame reaches the attacker', async () => {
    const { victim, outcome, report, log } = await runAttack('reorder');
    expect(log).toContain("reorder: the sharer is shown the victim's fingerprint");
    expect(report?.framesDecoded ?? -1).toBe(0);
    expect(report?.bytesReceived ?? -1).toBe(0);
    expect(outcome).not.toBe('waiting');
    expect(await viewerState(victim)).toBe('error');
    const session = await sessionState(stack.sharer.worker);
    expect(session.kind === 'live' ? session.guests.filter((g) => g.framesSent > 0) : []).toEqual(
      [],
    );
  });
});
