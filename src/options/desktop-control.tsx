import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../extension-i18n.js';
import { fillMarked, mark } from '../shared/i18n.js';
import { OPTIONS_SECTION_KEY, takeRequestedSection } from './open-section.js';

export const DESKTOP_CONTROL_ID = 'desktop-control';
const HOST_NAME = 'dev.deskbridge.input';
const MANIFEST_FILE = `${HOST_NAME}.json`;

/**
 * What remote control needs: nothing for a tab, the Deskbridge helper for the whole screen. The
 * popup's and the call page's "How to install the helper" lead here (`#desktop-control`).
 */
export function DesktopControl() {
  const heading = useRef<HTMLHeadingElement>(null);
  useShowWhenAsked(heading);

  return (
    <section id={DESKTOP_CONTROL_ID} class="group info" aria-labelledby="desktop-control-heading">
      <h2 id="desktop-control-heading" ref={heading} tabIndex={-1}>
        {t('dcTitle')}
      </h2>
      <p>
        {fillMarked(t('dcIntro', mark(0), mark(1), mark(2), mark(3)), [
          <strong key="allow">{t('allowControl')}</strong>,
          <strong key="take">{t('takeBackControl')}</strong>,
          <kbd key="kbd">{t('takeBackShortcut')}</kbd>,
          <code key="page">chrome://extensions/shortcuts</code>,
        ])}
      </p>

      <h3>{t('dcTabTitle')}</h3>
      <p>{t('dcTabText')}</p>

      <h3>{t('dcScreenTitle')}</h3>
      <p>
        {fillMarked(t('dcScreenText', mark(0)), [<strong key="allow">{t('allowControl')}</strong>])}
      </p>

      <h4>Linux</h4>
      <ol>
        <li>
          {fillMarked(t('dcLinuxStep1', mark(0)), [
            <code key="cmd">npm run native-host:install</code>,
          ])}
        </li>
        <li>{t('dcLinuxStep2')}</li>
      </ol>
      <p>
        {fillMarked(t('dcWayland', mark(0)), [
          <strong key="wayland">{t('dcWaylandStrong')}</strong>,
        ])}
      </p>

      <h4>{t('dcOtherTitle')}</h4>
      <p>{fillMarked(t('dcOtherText', mark(0)), [<code key="file">{MANIFEST_FILE}</code>])}</p>
      <dl class="locations">
        <dt>macOS (Chrome)</dt>
        <dd>
          <code>
            ~/Library/Application Support/Google/Chrome/NativeMessagingHosts/{MANIFEST_FILE}
          </code>
        </dd>
        <dt>Windows (Chrome)</dt>
        <dd>
          {fillMarked(t('dcWindowsKey', mark(0), mark(1)), [
            <code key="key">HKCU\Software\Google\Chrome\NativeMessagingHosts\{HOST_NAME}</code>,
            <code key="file">{MANIFEST_FILE}</code>,
          ])}
        </dd>
      </dl>
    </section>
  );
}

/** Scrolls to the section and puts the keyboard on its heading when another page asks. */
function useShowWhenAsked(heading: { current: HTMLElement | null }) {
  const show = () => {
    const element = heading.current;
    if (!element) return;
    (element.closest('section') ?? element).scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  };
  // On load: `#desktop-control` in the address, or a wish left by the popup.
  useLayoutEffect(() => {
    const asked = takeRequestedSection();
    if (location.hash === `#${DESKTOP_CONTROL_ID}` || asked === DESKTOP_CONTROL_ID) show();
  }, []);
  // Already open: the popup's wish arrives as a `storage` event, then this tab is focused.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== OPTIONS_SECTION_KEY || event.newValue === null) return;
      if (takeRequestedSection(event.newValue) === DESKTOP_CONTROL_ID) show();
    };
    const onHash = () => {
      if (location.hash === `#${DESKTOP_CONTROL_ID}`) show();
    };
    addEventListener('storage', onStorage);
    addEventListener('hashchange', onHash);
    return () => {
      removeEventListener('storage', onStorage);
      removeEventListener('hashchange', onHash);
    };
  }, []);
}
