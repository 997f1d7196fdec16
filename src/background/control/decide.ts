import { appError, fail, ok, type Result } from '../../shared/errors.js';
import type { SessionState } from '../../shared/session.js';
import { currentSession, dispatchControl } from '../coordinator.js';

/** The sharer's answer to a control request; the scope comes from what this share allows. */
export async function decideControl(
  peerId: string,
  decision: 'allow' | 'deny',
): Promise<Result<SessionState>> {
  if (decision === 'deny') return ok(await dispatchControl({ type: 'deny', peerId }));
  const state = await currentSession();
  if (state.kind !== 'live') return fail(appError('not-sharing'));
  const offer = state.controlOffer;
  if (offer.kind !== 'tab' && offer.kind !== 'desktop') {
    return fail(
      appError('control-unavailable', offer.kind === 'unavailable' ? offer.reason : undefined),
    );
  }
  return ok(await dispatchControl({ type: 'allow', peerId, scope: offer.kind, now: Date.now() }));
}
