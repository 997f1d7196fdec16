import type { InputEvent } from '../../shared/input.js';
import { type BucketRule, fullBucket, take } from '../../shared/token-bucket.js';

/** Pointer moves: the viewer sends at most one per frame; this allows 120/s with some slack. */
const MOVE_RULE: BucketRule = { capacity: 60, perSecond: 120 };
/** Presses, keys, wheel, text: fast typing is ~30 events/s. */
const OTHER_RULE: BucketRule = { capacity: 100, perSecond: 60 };

/**
 * The media host's first filter on input: only the holder of the current grant, only with its
 * epoch, within the rate. The coordinator checks the grant again before anything is injected.
 */
export class InputGate {
  private epoch = 0;
  private holder: string | null = null;
  private moves = fullBucket(MOVE_RULE, Date.now());
  private others = fullBucket(OTHER_RULE, Date.now());
  dropped = 0;

  sync(epoch: number, holder: string | null): void {
    this.epoch = epoch;
    this.holder = holder;
  }

  admit(peerId: string, epoch: number, event: InputEvent): boolean {
    if (peerId !== this.holder || epoch !== this.epoch) return this.drop();
    // Releases pass: the executor only acts on an `up` for what it holds, so they cost nothing,
    // and a dropped one would leave a key down.
    if ((event.kind === 'pointer' || event.kind === 'key') && event.action === 'up') return true;
    const isMove = event.kind === 'pointer' && event.action === 'move';
    const rule = isMove ? MOVE_RULE : OTHER_RULE;
    const { bucket, allowed } = take(isMove ? this.moves : this.others, rule, Date.now());
    if (isMove) this.moves = bucket;
    else this.others = bucket;
    return allowed || this.drop();
  }

  private drop(): false {
    this.dropped += 1;
    return false;
  }
}
