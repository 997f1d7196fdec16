import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '../extension-i18n.js';
import {
  emptyIceRow,
  type FieldIssues,
  type IceDraft,
  iceField,
  MAX_ICE_SERVERS,
} from './draft.js';
import { fieldId, TextField } from './field.js';

interface Props {
  rows: IceDraft[];
  issues: FieldIssues;
  onChange(rows: IceDraft[], edited?: string): void;
}

const ADD_ID = 'ice-add';

/** STUN/TURN servers, one row each; rows are added and removed here, checked on Save. */
export function IceServers({ rows, issues, onChange }: Props) {
  // Adding or removing a row moves focus on purpose, so keyboard users are not dropped to <body>.
  const focusNext = useRef<string | null>(null);
  // Layout effect: focus must move before the next keystroke arrives, not after the next paint.
  useLayoutEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  }, [rows.length]);

  const edit = (row: IceDraft, part: 'urls' | 'username' | 'credential', value: string) =>
    onChange(
      rows.map((r) => (r === row ? { ...r, [part]: value } : r)),
      iceField(row, part),
    );
  const add = () => {
    const row = emptyIceRow();
    focusNext.current = fieldId(iceField(row, 'urls'));
    onChange([...rows, row]);
  };
  const remove = (row: IceDraft) => {
    focusNext.current = ADD_ID;
    onChange(rows.filter((r) => r !== row));
  };
  const listError = issues.iceServers;

  return (
    <fieldset class="group" aria-describedby={listError ? 'ice-error' : undefined}>
      <legend>{t('optIceServers')}</legend>
      <p class="hint">{t('optIceServersHint')}</p>
      {rows.map((row, index) => (
        <fieldset class="ice-row" key={row.key}>
          <legend>{t('optIceServerN', index + 1)}</legend>
          <TextField
            name={iceField(row, 'urls')}
            label={t('optIceUrls')}
            hint={t('optIceUrlsHint')}
            value={row.urls}
            error={issues[iceField(row, 'urls')]}
            onInput={(value) => edit(row, 'urls', value)}
          />
          <div class="pair">
            <TextField
              name={iceField(row, 'username')}
              label={t('optIceUsername')}
              value={row.username}
              error={issues[iceField(row, 'username')]}
              onInput={(value) => edit(row, 'username', value)}
            />
            <TextField
              name={iceField(row, 'credential')}
              label={t('optIceCredential')}
              value={row.credential}
              error={issues[iceField(row, 'credential')]}
              onInput={(value) => edit(row, 'credential', value)}
            />
          </div>
          <button
            type="button"
            class="quiet"
            aria-label={t('optRemoveIceServerN', index + 1)}
            onClick={() => remove(row)}
          >
            {t('remove')}
          </button>
        </fieldset>
      ))}
      {listError && (
        <p id="ice-error" class="field-error">
          {listError}
        </p>
      )}
      <button
        id={ADD_ID}
        type="button"
        class="quiet"
        disabled={rows.length >= MAX_ICE_SERVERS}
        onClick={add}
      >
        {t('optAddIceServer')}
      </button>
    </fieldset>
  );
}
