import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t, tn } from '../extension-i18n.js';
import { DEFAULT_SETTINGS, parseSettings } from '../shared/settings.js';
import { CustomDomains } from './custom-domains.js';
import { DesktopControl } from './desktop-control.js';
import {
  type FieldIssues,
  issuesByField,
  type SettingsDraft,
  toDraft,
  toSettingsInput,
} from './draft.js';
import { IceServers } from './ice-servers.js';
import { Intro } from './intro.js';
import { QualityFields } from './quality-fields.js';
import { GuestFields, SignallingFields, ViewerField } from './server-fields.js';
import { loadSettings, saveSettings } from './storage.js';

/** The settings form: nothing is stored until `parseSettings` accepts the whole of it. */
export function App() {
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [issues, setIssues] = useState<FieldIssues>({});
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const [refused, setRefused] = useState(0);

  useEffect(() => {
    loadSettings().then(
      ({ settings, replaced }) => {
        setDraft(toDraft(settings));
        if (replaced) setProblem(t('optStoredInvalid'));
      },
      (error: unknown) => {
        setDraft(toDraft(DEFAULT_SETTINGS));
        setProblem(t('optReadFailed', String(error)));
      },
    );
  }, []);

  // After a refused save, take the keyboard to the first field that needs fixing.
  useLayoutEffect(() => {
    if (refused > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);

  if (!draft) return <main aria-busy="true" />;

  const change = (next: Partial<SettingsDraft>, edited?: string) => {
    setDraft((current) => current && { ...current, ...next });
    // The message described the old value; a new one is checked again on Save.
    if (edited && issues[edited]) {
      const { [edited]: _, ...rest } = issues;
      setIssues(rest);
    }
    setStatus('');
  };

  const store = async (next: SettingsDraft, done: string) => {
    const { input, rows } = toSettingsInput(next);
    const parsed = parseSettings(input);
    if (!parsed.ok) {
      const byField = issuesByField(parsed.issues, rows);
      const count = Object.keys(byField).length;
      setIssues(byField);
      setStatus(tn('optNotSaved', count));
      setRefused((n) => n + 1);
      return;
    }
    setStatus(''); // so that saving twice is announced twice
    try {
      await saveSettings(parsed.settings);
      setIssues({});
      setProblem('');
      // Show what was stored (trimmed, blank rows gone), keeping the rows' identities.
      setDraft(
        toDraft(
          parsed.settings,
          rows.map((row) => row.key),
        ),
      );
      setStatus(done);
    } catch (error) {
      setProblem(t('optSaveFailed', String(error)));
    }
  };

  return (
    <main>
      <h1>{t('optTitle')}</h1>
      <Intro />
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <form
        ref={form}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void store(draft, t('optSaved'));
        }}
      >
        <GuestFields draft={draft} issues={issues} onChange={change} />
        <SignallingFields draft={draft} issues={issues} onChange={change} />
        <IceServers
          rows={draft.iceServers}
          issues={issues}
          onChange={(iceServers, edited) => change({ iceServers }, edited)}
        />
        <ViewerField draft={draft} issues={issues} onChange={change} />
        <QualityFields draft={draft} issues={issues} onChange={change} />
        {issues[''] && <p class="field-error">{issues['']}</p>}
        <div class="actions">
          <button type="submit" class="primary">
            {t('optSave')}
          </button>
          <button
            type="button"
            class="quiet"
            onClick={() => void store(toDraft(DEFAULT_SETTINGS), t('optDefaultsRestored'))}
          >
            {t('optRestoreDefaults')}
          </button>
        </div>
        <p class="status" role="status">
          {status}
        </p>
      </form>
      <CustomDomains />
      <DesktopControl />
    </main>
  );
}
