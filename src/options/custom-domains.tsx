import { useEffect, useState } from 'preact/hooks';
import {
  customDomains,
  originFor,
  parseDomain,
  registerDomain,
  removeDomain,
} from '../background/custom-domains.js';

const INPUT_ID = 'call-site-domain';

/**
 * "Call sites": the built-in ones, and domains the user adds (a self-hosted Jitsi). Adding asks
 * the browser for access to that one origin, from this click; removing gives it back.
 */
export function CustomDomains() {
  const [domains, setDomains] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const refresh = () =>
    customDomains().then(setDomains, (error: unknown) => setProblem(String(error)));
  useEffect(() => void refresh(), []);

  const add = async () => {
    setStatus('');
    const parsed = parseDomain(typed);
    if (!parsed.ok) return setProblem(parsed.problem);
    setProblem('');
    const { domain } = parsed;
    // First thing in the click handler: the browser asks only during a user gesture.
    const granted = await chrome.permissions.request({ origins: [originFor(domain)] });
    if (!granted) return setStatus(`Access to ${domain} was not granted, so nothing was added.`);
    try {
      await registerDomain(domain);
      setTyped('');
      setStatus(`Added ${domain}. Reload its open call tabs to see Share desktop there.`);
    } catch (error) {
      setProblem(`${domain} could not be added (${String(error)}).`);
    }
    await refresh();
  };

  const remove = async (domain: string) => {
    setStatus('');
    try {
      await removeDomain(domain);
      setStatus(`Removed ${domain}.`);
    } catch (error) {
      setProblem(`${domain} could not be removed (${String(error)}).`);
    }
    await refresh();
  };

  return (
    <section class="group info" aria-labelledby="call-sites-heading">
      <h2 id="call-sites-heading">Call sites</h2>
      <p>
        Share desktop appears in Google Meet, Jitsi Meet (meet.jit.si), Microsoft Teams, Zoom’s web
        client and Whereby. Add another call site, such as your own Jitsi server, here: the browser
        asks you to let Deskbridge run on that domain.
      </p>
      <form
        class="field"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label for={INPUT_ID}>Call site domain</label>
        <p class="hint" id={`${INPUT_ID}-hint`}>
          For example jitsi.example.org. Sites are reached over https; only localhost and 127.0.0.1
          (local test servers) over http.
        </p>
        <input
          id={INPUT_ID}
          type="text"
          spellcheck={false}
          autocomplete="off"
          aria-describedby={`${INPUT_ID}-hint`}
          aria-invalid={problem ? 'true' : undefined}
          value={typed}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
        <div class="actions">
          <button type="submit" class="primary">
            Add call site
          </button>
        </div>
      </form>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {domains.length > 0 && (
        <ul aria-label="Added call sites">
          {domains.map((domain) => (
            <li key={domain}>
              <code>{domain}</code>{' '}
              <button
                type="button"
                class="quiet"
                aria-label={`Remove ${domain}`}
                onClick={() => void remove(domain)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <p class="status" role="status">
        {status}
      </p>
    </section>
  );
}
