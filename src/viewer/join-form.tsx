import { useId, useState } from 'preact/hooks';
import { cleanName, MAX_NAME_LENGTH } from '../shared/wire.js';
import { t } from './i18n.js';

interface Props {
  initialName: string;
  onJoin: (name: string) => void;
}

export function JoinForm({ initialName, onJoin }: Props) {
  const [name, setName] = useState(initialName);
  const id = useId();
  const clean = cleanName(name);
  return (
    <form
      class="join"
      onSubmit={(event) => {
        event.preventDefault();
        if (clean) onJoin(clean);
      }}
    >
      <label for={id}>{t('vYourName')}</label>
      <div class="join-row">
        <input
          id={id}
          type="text"
          value={name}
          maxLength={MAX_NAME_LENGTH}
          autocomplete="nickname"
          spellcheck={false}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={!clean}>
          {t('vJoin')}
        </button>
      </div>
      <p class="fine-print">{t('vNameHint')}</p>
    </form>
  );
}
