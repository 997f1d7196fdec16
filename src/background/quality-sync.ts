import { SETTINGS_STORAGE_KEY } from '../shared/protocol.js';
import { settingsOrDefault } from '../shared/settings.js';
import { sendToHost } from './host-lifecycle.js';
import { loadSession } from './session-store.js';

/** A preset or maximum resolution saved during a share reaches the live senders at once. */
export function watchQualitySettings(): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    const change = changes[SETTINGS_STORAGE_KEY];
    if (area !== 'local' || !change) return;
    const before = settingsOrDefault(change.oldValue).quality;
    const quality = settingsOrDefault(change.newValue).quality;
    if (!quality || JSON.stringify(before) === JSON.stringify(quality)) return;
    void loadSession()
      .then(async (state) => {
        if (state.kind !== 'live') return;
        await sendToHost({ to: 'host', type: 'host/quality', sessionId: state.sessionId, quality });
      })
      .catch((error: unknown) => console.warn('quality not sent to the media host', error));
  });
}
