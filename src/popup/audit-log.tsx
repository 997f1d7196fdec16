import { useId, useState } from 'preact/hooks';
import { t, tn } from '../extension-i18n.js';
import type { AuditRecord, SessionState } from '../shared/session.js';
import { downloadAudit } from './audit-export.js';
import { auditTimeText, auditWhatText, CONTROL_TEXT, controlName } from './texts.js';

type Live = Extract<SessionState, { kind: 'live' }>;

/**
 * Who asked for control, who got it and how it ended, newest first; collapsed until opened.
 * "Export audit log" stays outside the disclosure, so the file can be saved without opening it.
 * Names come from guests: text nodes only.
 */
export function AuditLog({ state }: { state: Live }) {
  const listId = useId();
  const [saved, setSaved] = useState('');
  const entries = state.audit.map((entry, index) => ({ entry, index })).reverse();

  const save = () => {
    setSaved('');
    try {
      setSaved(t('auditSavedAs', downloadAudit(state)));
    } catch (error) {
      setSaved(t('auditSaveFailed', String(error)));
    }
  };

  return (
    <div class="audit">
      <details>
        <summary>{CONTROL_TEXT.auditLog}</summary>
        {entries.length === 0 ? (
          <p class="quiet-text audit-empty">{CONTROL_TEXT.auditEmpty}</p>
        ) : (
          <>
            <p class="quiet-text audit-order" id={listId}>
              {tn('auditEntries', entries.length)}
            </p>
            <ul class="audit-list" aria-labelledby={listId}>
              {entries.map(({ entry, index }) => (
                <AuditRow key={index} entry={entry} />
              ))}
            </ul>
          </>
        )}
      </details>
      <button type="button" class="quiet small" onClick={save}>
        {CONTROL_TEXT.exportAudit}
      </button>
      <p class="note" aria-live="polite">
        {saved}
      </p>
    </div>
  );
}

function AuditRow({ entry }: { entry: AuditRecord }) {
  const iso = Number.isFinite(entry.at) ? new Date(entry.at).toISOString() : undefined;
  return (
    <li class={`audit-entry ${entry.type}`}>
      <time class="audit-time" dateTime={iso}>
        {auditTimeText(entry.at)}
      </time>{' '}
      <bdi class="audit-name">{controlName(entry.name)}</bdi> <span>{auditWhatText(entry)}</span>
    </li>
  );
}
