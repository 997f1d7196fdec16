import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
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
        Desktop control
      </h2>
      <p>
        A guest can ask to control what you share with their mouse and keyboard. Nothing happens
        until you press <strong>Allow control</strong>, and <strong>Take back control</strong> (in
        the popup, in the call page, or the shortcut <kbd>Alt+Shift+X</kbd>, which you can change at{' '}
        <code>chrome://extensions/shortcuts</code>) ends it at once.
      </p>

      <h3>A browser tab: nothing to install</h3>
      <p>
        When you share a tab, the guest controls that tab only, through the browser’s debugger. No
        helper is needed. While a guest is in control, Chrome shows a bar saying “Deskbridge started
        debugging this browser”; it goes away when control ends.
      </p>

      <h3>Your whole screen or a window: the Deskbridge helper</h3>
      <p>
        Controlling the whole screen needs the Deskbridge helper, a small native program that turns
        the guest’s input into real mouse and keyboard events. The browser starts it only for this
        extension, and it refuses all input unless you have allowed control. Without it, a control
        request tells you why control is not available, and <strong>Allow control</strong> stays
        off.
      </p>

      <h4>Linux</h4>
      <ol>
        <li>
          In the Deskbridge folder, run <code>npm run native-host:install</code>. It registers the
          helper for Chrome, Chromium and Firefox.
        </li>
        <li>
          Share your screen again: the next control request shows whether the helper is found.
        </li>
      </ol>
      <p>
        The helper works in X11 sessions. <strong>Wayland is not supported yet</strong>: on a
        Wayland desktop, log in to an X11 (“Xorg”) session to control the whole screen. Tab control
        works either way.
      </p>

      <h4>macOS and Windows</h4>
      <p>
        There is no install command yet. The browser looks for the helper’s registration file,{' '}
        <code>{MANIFEST_FILE}</code>, here:
      </p>
      <dl class="locations">
        <dt>macOS (Chrome)</dt>
        <dd>
          <code>
            ~/Library/Application Support/Google/Chrome/NativeMessagingHosts/{MANIFEST_FILE}
          </code>
        </dd>
        <dt>Windows (Chrome)</dt>
        <dd>
          the registry key <code>HKCU\Software\Google\Chrome\NativeMessagingHosts\{HOST_NAME}</code>
          , whose default value is the full path of <code>{MANIFEST_FILE}</code>
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
