import { DEFAULT_SETTINGS } from '../shared/settings.js';

const { signalling } = DEFAULT_SETTINGS;
const viewerHost = new URL(DEFAULT_SETTINGS.viewerUrl).host;

/** Where the defaults point, so nobody wonders whether a third party sees their shares. */
export function Intro() {
  return (
    <div class="intro">
      <p>
        The defaults are the local servers that <code>npm start</code> runs: signalling on{' '}
        <code>
          {signalling.host}:{signalling.port}
        </code>{' '}
        and the viewer on <code>{viewerHost}</code>. The public PeerJS cloud server is never used
        unless you enter it here.
      </p>
      <p>Changes apply to the next share; a share that is running keeps its settings.</p>
    </div>
  );
}
