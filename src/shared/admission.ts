import type { Admission } from './guest.js';
import {
  grantRejoin,
  NO_REJOINS,
  pruneRejoins,
  type RejoinContext,
  type RejoinGrants,
  rejoinHolderLeft,
  rejoinTokenFor,
  revokeRejoin,
  verifyRejoinProof,
} from './rejoin.js';
import type { GuestStatus } from './session.js';

/** A guest's claim to come back without admission: its MAC and what it must cover. */
export interface RejoinAttempt {
  mac: string;
  context: RejoinContext;
}

export interface AdmissionRules {
  /** The sharer's "Admit everyone with the link" (for the whole share). */
  admitEveryone: boolean;
  /** An admitted guest who left comes back without asking within this long (0: never). */
  rejoinGraceMs: number;
}

/**
 * Who comes in at Join, once the key is proved: straight in (admit everyone, or a rejoin proof
 * within the grace period), ask the sharer, or full. Remembers who was removed (they ask again)
 * and each admitted guest's rejoin token (rejoin.ts). Pure apart from WebCrypto's HMAC check;
 * the media host tells it what happens to guests and does what it says.
 */
export class AdmissionPolicy {
  readonly #removed = new Set<string>();
  #rejoins: RejoinGrants = NO_REJOINS;

  constructor(private readonly rules: AdmissionRules) {}

  /**
   * The decision at Join. `rejoined` is true when a valid rejoin proof let the guest in: its
   * earlier connection (a reload not yet noticed) must then make way.
   */
  async decide(
    client: string,
    rejoin: RejoinAttempt | null,
    full: boolean,
    now: number,
  ): Promise<{ admission: Admission; rejoined: boolean }> {
    if (rejoin && (await this.#rejoinProved(client, rejoin, now))) {
      return { admission: full ? 'full' : 'admit', rejoined: true };
    }
    if (full) return { admission: 'full', rejoined: false };
    const trusted = this.rules.admitEveryone && !this.#removed.has(client);
    return { admission: trusted ? 'admit' : 'ask', rejoined: false };
  }

  /** The sharer removed this client: it must be admitted again, and its token is void. */
  remove(client: string): void {
    this.#removed.add(client);
    this.#rejoins = revokeRejoin(this.#rejoins, client);
  }

  /**
   * A guest's status changed. Returns a fresh rejoin token to hand it when it is now watching
   * (the last one is spent); a guest that left or dropped starts its grace period.
   */
  statusChanged(
    client: string,
    peerId: string,
    status: GuestStatus,
    now: number,
    freshToken: () => string,
  ): string | null {
    if (status === 'removed') this.#rejoins = revokeRejoin(this.#rejoins, client);
    else if (status === 'left' || status === 'reconnecting') {
      this.#rejoins = rejoinHolderLeft(this.#rejoins, client, peerId, now);
    } else if (status === 'watching' && this.rules.rejoinGraceMs > 0) {
      const token = freshToken();
      const live = pruneRejoins(this.#rejoins, now, this.rules.rejoinGraceMs);
      this.#rejoins = grantRejoin(live, client, peerId, token);
      return token;
    }
    return null;
  }

  async #rejoinProved(client: string, { mac, context }: RejoinAttempt, now: number) {
    if (this.#removed.has(client)) return false;
    const token = rejoinTokenFor(this.#rejoins, client, now, this.rules.rejoinGraceMs);
    return token !== null && verifyRejoinProof(token, context, mac);
  }
}
