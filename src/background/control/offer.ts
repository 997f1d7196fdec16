import { t } from '../../extension-i18n.js';
import type { ControlOffer, Surface } from '../../shared/session.js';
import { probeDesktop } from './desktop-executor.js';

/** What control a guest could be given for this share — known before anyone is granted it. */
export async function controlOffer(
  surface: Surface,
  capturedTabId: number | null,
): Promise<ControlOffer> {
  switch (surface.kind) {
    case 'browser':
      if (
        __BROWSER__ === 'chrome' &&
        capturedTabId !== null &&
        typeof chrome.debugger?.attach === 'function'
      )
        return { kind: 'tab' };
      return {
        kind: 'unavailable',
        reason: t('offerTabElsewhere'),
      };
    case 'monitor': {
      const probe = await probeDesktop();
      return probe.ok ? { kind: 'desktop' } : { kind: 'unavailable', reason: probe.reason };
    }
    default:
      return {
        kind: 'unavailable',
        reason: t('offerWindow'),
      };
  }
}
