import { type Bucket, type BucketRule, fullBucket, take } from './token-bucket.js';

/**
 * The sharer's door: what strangers may cost it before they prove the key (issue #14, finding 5).
 * Anyone who learns the sharer's peer id can send offers; none of them may lock honest guests
 * out, or make the sharer build connections without end. Counted per source (the peer id the
 * signalling server stamps on each message), with a bounded memory of sources, and overall.
 * Pure: the media host asks it before PeerJS builds anything, and tells it what happened.
 */

/** Proof attempts across all guests: a burst of 10 joins, then one every 2 s (30 a minute). */
export const PROOF_RULE: BucketRule = { capacity: 10, perSecond: 0.5 };
/** Data-channel offers from one source: a page and a couple of reloads, then one per 10 s. */
export const OFFER_RULE_PER_SOURCE: BucketRule = { capacity: 3, perSecond: 0.1 };
/**
 * Data-channel offers from everyone: each costs an RTCPeerConnection, so the sharer's browser
 * has a ceiling. Generous enough that a roomful of guests joining at once is never refused.
 */
export const OFFER_RULE: BucketRule = { capacity: 30, perSecond: 10 };
/** Failed proofs or silent handshakes one source may make before its offers are dropped. */
export const FAILURES_PER_SOURCE = 3;
/** Sources remembered; past this the one heard from longest ago is forgotten. */
export const SOURCES_REMEMBERED = 512;

interface Source {
  offers: Bucket;
  failures: number;
}

/** What a signalling message may do: go on to PeerJS, or be dropped before it builds anything. */
export type DoorVerdict =
  | 'pass'
  /** A call (media offer): the sharer never takes one; the picture rides the data connection. */
  | 'drop-call'
  /** Candidates or answers for a connection that does not exist: PeerJS would keep them forever. */
  | 'drop-stray'
  /** This source has failed too often, or sends offers too fast. */
  | 'drop-source'
  /** Everyone together sends offers too fast. */
  | 'drop-busy';

/** The parts of a PeerJS server message the door reads. */
export interface SignalLike {
  type?: unknown;
  src?: unknown;
  payload?: { type?: unknown; connectionId?: unknown } | null;
}

export class Door {
  #proofs: Bucket;
  #offers: Bucket;
  readonly #sources = new Map<string, Source>();

  constructor(now: number) {
    this.#proofs = fullBucket(PROOF_RULE, now);
    this.#offers = fullBucket(OFFER_RULE, now);
  }

  /**
   * A message from the signalling server. `known`: its connection exists already (PeerJS has
   * it), so candidates for it are real.
   */
  signal(message: SignalLike, known: boolean, now: number): DoorVerdict {
    const { type } = message;
    if (type === 'CANDIDATE' || type === 'ANSWER') return known ? 'pass' : 'drop-stray';
    if (type !== 'OFFER') return 'pass';
    if (message.payload?.type !== 'data') return 'drop-call';
    const id = typeof message.src === 'string' ? message.src : '';
    const source = this.#source(id, now);
    if (source.failures >= FAILURES_PER_SOURCE) return 'drop-source';
    const own = take(source.offers, OFFER_RULE_PER_SOURCE, now);
    source.offers = own.bucket;
    if (!own.allowed) return 'drop-source';
    const all = take(this.#offers, OFFER_RULE, now);
    this.#offers = all.bucket;
    return all.allowed ? 'pass' : 'drop-busy';
  }

  /** False when too many proofs were tried lately, overall or from this source. */
  allowProofAttempt(id: string, now: number): boolean {
    if (this.blocked(id)) return false;
    const { bucket, allowed } = take(this.#proofs, PROOF_RULE, now);
    this.#proofs = bucket;
    return allowed;
  }

  /** A wrong key, a man in the middle, or a handshake that went silent. */
  failed(id: string, now: number): void {
    this.#source(id, now).failures += 1;
  }

  blocked(id: string): boolean {
    return (this.#sources.get(id)?.failures ?? 0) >= FAILURES_PER_SOURCE;
  }

  /** How many sources are remembered (bounded by SOURCES_REMEMBERED). */
  get remembered(): number {
    return this.#sources.size;
  }

  #source(id: string, now: number): Source {
    let source = this.#sources.get(id);
    if (source) {
      // Most recent last: Map keeps insertion order, so the first entry is the stalest.
      this.#sources.delete(id);
    } else {
      source = { offers: fullBucket(OFFER_RULE_PER_SOURCE, now), failures: 0 };
      if (this.#sources.size >= SOURCES_REMEMBERED) {
        const [stalest] = this.#sources.keys();
        if (stalest !== undefined) this.#sources.delete(stalest);
      }
    }
    this.#sources.set(id, source);
    return source;
  }
}

/**
 * Which handshake in flight gives its place to a newcomer when all places are taken: the one
 * that started longest ago. Refusing the newcomer instead would let a stranger who fills the
 * places with silent connections lock every honest guest out.
 */
export function oldestInFlight<T extends { startedAt: number }>(inFlight: readonly T[]): T | null {
  let oldest: T | null = null;
  for (const entry of inFlight) if (!oldest || entry.startedAt < oldest.startedAt) oldest = entry;
  return oldest;
}
