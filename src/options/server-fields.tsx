import { t } from '../extension-i18n.js';
import { MAX_GUESTS_LIMIT, MAX_REJOIN_GRACE_SECONDS } from '../shared/settings.js';
import type { FieldIssues, SettingsDraft } from './draft.js';
import { CheckboxField, NumberField, TextField } from './field.js';

interface Props {
  draft: SettingsDraft;
  issues: FieldIssues;
  onChange(next: Partial<SettingsDraft>, edited: string): void;
}

/** The PeerJS signalling server: it exchanges connection offers only, never the picture or key. */
export function SignallingFields({ draft, issues, onChange }: Props) {
  return (
    <fieldset class="group">
      <legend>{t('optSignallingServer')}</legend>
      <TextField
        name="signalling.host"
        label={t('optSignallingHost')}
        hint={t('optSignallingHostHint')}
        value={draft.host}
        error={issues['signalling.host']}
        onInput={(host) => onChange({ host }, 'signalling.host')}
      />
      <div class="pair">
        <TextField
          name="signalling.port"
          label={t('optSignallingPort')}
          inputMode="numeric"
          value={draft.port}
          error={issues['signalling.port']}
          onInput={(port) => onChange({ port }, 'signalling.port')}
        />
        <TextField
          name="signalling.path"
          label={t('optSignallingPath')}
          value={draft.path}
          error={issues['signalling.path']}
          onInput={(path) => onChange({ path }, 'signalling.path')}
        />
      </div>
      <CheckboxField
        name="signalling.secure"
        label={t('optUseTls')}
        hint={t('optUseTlsHint')}
        checked={draft.secure}
        error={issues['signalling.secure']}
        onChange={(secure) => onChange({ secure }, 'signalling.secure')}
      />
      <TextField
        name="signalling.key"
        label={t('optServerKey')}
        hint={t('optServerKeyHint')}
        value={draft.key}
        error={issues['signalling.key']}
        onInput={(key) => onChange({ key }, 'signalling.key')}
      />
    </fieldset>
  );
}

export function ViewerField({ draft, issues, onChange }: Props) {
  return (
    <fieldset class="group">
      <legend>{t('optViewer')}</legend>
      <TextField
        name="viewerUrl"
        label={t('optViewerUrl')}
        inputMode="url"
        hint={t('optViewerUrlHint')}
        value={draft.viewerUrl}
        error={issues.viewerUrl}
        onInput={(viewerUrl) => onChange({ viewerUrl }, 'viewerUrl')}
      />
    </fieldset>
  );
}

/** Who may watch: admission is the sharer's call unless they turn it off here. */
export function GuestFields({ draft, issues, onChange }: Props) {
  return (
    <fieldset class="group">
      <legend>{t('guests')}</legend>
      <CheckboxField
        name="admitEveryone"
        label={t('optAdmitEveryone')}
        hint={t('optAdmitEveryoneHint')}
        checked={draft.admitEveryone}
        error={issues.admitEveryone}
        onChange={(admitEveryone) => onChange({ admitEveryone }, 'admitEveryone')}
      />
      <NumberField
        name="maxGuests"
        label={t('optMaxGuests')}
        hint={t('optMaxGuestsHint', MAX_GUESTS_LIMIT)}
        min={1}
        max={MAX_GUESTS_LIMIT}
        value={draft.maxGuests}
        error={issues.maxGuests}
        onInput={(maxGuests) => onChange({ maxGuests }, 'maxGuests')}
      />
      <NumberField
        name="rejoinGraceSeconds"
        label={t('optRejoinGrace')}
        hint={t('optRejoinGraceHint', MAX_REJOIN_GRACE_SECONDS)}
        min={0}
        max={MAX_REJOIN_GRACE_SECONDS}
        value={draft.rejoinGraceSeconds}
        error={issues.rejoinGraceSeconds}
        onInput={(rejoinGraceSeconds) => onChange({ rejoinGraceSeconds }, 'rejoinGraceSeconds')}
      />
    </fieldset>
  );
}
