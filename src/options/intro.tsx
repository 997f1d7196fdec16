import { t } from '../extension-i18n.js';
import { fillMarked, mark } from '../shared/i18n.js';
import { DEFAULT_SETTINGS } from '../shared/settings.js';

const { signalling } = DEFAULT_SETTINGS;
const viewerHost = new URL(DEFAULT_SETTINGS.viewerUrl).host;

/** Where the defaults point, so nobody wonders whether a third party sees their shares. */
export function Intro() {
  return (
    <div class="intro">
      <p>
        {fillMarked(t('optIntroDefaults', mark(0), mark(1), mark(2)), [
          <code key="start">npm start</code>,
          <code key="signalling">
            {signalling.host}:{signalling.port}
          </code>,
          <code key="viewer">{viewerHost}</code>,
        ])}
      </p>
      <p>{t('optIntroApply')}</p>
    </div>
  );
}
