import { MAX_GUESTS_LIMIT } from '../shared/settings.js';
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
      <legend>Signalling server</legend>
      <TextField
        name="signalling.host"
        label="Signalling host"
        hint="A host name or IP address, without scheme or path."
        value={draft.host}
        error={issues['signalling.host']}
        onInput={(host) => onChange({ host }, 'signalling.host')}
      />
      <div class="pair">
        <TextField
          name="signalling.port"
          label="Signalling port"
          inputMode="numeric"
          value={draft.port}
          error={issues['signalling.port']}
          onInput={(port) => onChange({ port }, 'signalling.port')}
        />
        <TextField
          name="signalling.path"
          label="Signalling path"
          value={draft.path}
          error={issues['signalling.path']}
          onInput={(path) => onChange({ path }, 'signalling.path')}
        />
      </div>
      <CheckboxField
        name="signalling.secure"
        label="Use TLS (wss/https)"
        hint="Needed for any server that is not on this machine."
        checked={draft.secure}
        error={issues['signalling.secure']}
        onChange={(secure) => onChange({ secure }, 'signalling.secure')}
      />
      <TextField
        name="signalling.key"
        label="Server key"
        hint="The PeerJS server's key: peerjs unless the server was started with another."
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
      <legend>Viewer</legend>
      <TextField
        name="viewerUrl"
        label="Viewer URL"
        inputMode="url"
        hint="The page guests open; the link adds the share's details after #. Guests must be able to reach it."
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
      <legend>Guests</legend>
      <CheckboxField
        name="admitEveryone"
        label="Admit everyone with the link"
        hint="Off by default: each guest who opens the link waits until you admit them. When on, anyone with the link sees your screen at once, without asking."
        checked={draft.admitEveryone}
        error={issues.admitEveryone}
        onChange={(admitEveryone) => onChange({ admitEveryone }, 'admitEveryone')}
      />
      <NumberField
        name="maxGuests"
        label="Maximum guests"
        hint={`From 1 to ${MAX_GUESTS_LIMIT}. Once this many guests are in, no one else can join.`}
        min={1}
        max={MAX_GUESTS_LIMIT}
        value={draft.maxGuests}
        error={issues.maxGuests}
        onInput={(maxGuests) => onChange({ maxGuests }, 'maxGuests')}
      />
    </fieldset>
  );
}
