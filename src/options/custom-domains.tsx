import { useEffect, useState } from 'preact/hooks';
import { customDomains, registerDomain, removeDomain } from '../background/custom-domains.js';
import { t } from '../extension-i18n.js';
import { originFor, parseDomain } from '../shared/call-sites.js';

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
    if (!parsed.ok) return setProblem(t(parsed.problem.key, ...parsed.problem.args));
    setProblem('');
    const { domain } = parsed;
    // First thing in the click handler: the browser asks only during a user gesture.
    const granted = await chrome.permissions.request({ origins: [originFor(domain)] });
    if (!granted) return setStatus(t('domainNotGranted', domain));
    try {
      await registerDomain(domain);
      setTyped('');
      setStatus(t('domainAdded', domain));
    } catch (error) {
      setProblem(t('domainAddFailed', domain, String(error)));
    }
    await refresh();
  };

  const remove = async (domain: string) => {
    setStatus('');
    try {
      await removeDomain(domain);
      setStatus(t('domainRemoved', domain));
    } catch (error) {
      setProblem(t('domainRemoveFailed', domain, String(error)));
    }
    await refresh();
  };

  return (
    <section class="group info" aria-labelledby="call-sites-heading">
      <h2 id="call-sites-heading">{t('callSites')}</h2>
      <p>{t('callSitesIntro')}</p>
      <form
        class="field"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <label for={INPUT_ID}>{t('callSiteDomain')}</label>
        <p class="hint" id={`${INPUT_ID}-hint`}>
          {t('callSiteDomainHint')}
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
            {t('addCallSite')}
          </button>
        </div>
      </form>
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      {domains.length > 0 && (
        <ul aria-label={t('addedCallSites')}>
          {domains.map((domain) => (
            <li key={domain}>
              <code>{domain}</code>{' '}
              <button
                type="button"
                class="quiet"
                aria-label={t('removeName', domain)}
                onClick={() => void remove(domain)}
              >
                {t('remove')}
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
