import { t } from '../../extension-i18n.js';
import type { ControlOffer, Surface } from '../../shared/session.js';
import { probeDesktop } from './desktop-executor.js';

/** Tab control drives the debugger API: Chrome's alone (not Firefox's), feature-detected. */
const canControlTabs = () =>
  __BROWSER__ === 'chrome' && typeof chrome.debugger?.attach === 'function';

/** What control a guest could be given for this share — known before anyone is granted it. */
export async function controlOffer(
  surface: Surface,
  capturedTabId: number | null,
): Promise<ControlOffer> {
  switch (surface.kind) {
    case 'browser':
      if (!canControlTabs()) return { kind: 'unavailable', reason: t('offerTabNoDebugger') };
      if (capturedTabId !== null) return { kind: 'tab' };
      return { kind: 'unavailable', reason: t('offerTabElsewhere') };
    case 'monitor': {
      const probe = await probeDesktop();
      return probe.ok ? { kind: 'desktop' } : { kind: 'unavailable', reason: probe.reason };
    }
    default:
      return { kind: 'unavailable', reason: t('offerWindow') };
  }
}
