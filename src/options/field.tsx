/** DOM ids from field names (`signalling.port`, `ice.<key>.urls`), for labels and messages. */
export const fieldId = (name: string) => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface Common {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
}

function describedBy(id: string, hint: string | undefined, error: string | undefined) {
  const ids = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return ids || undefined;
}

function Messages({ id, hint, error }: { id: string; hint?: string; error?: string | undefined }) {
  return (
    <>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      )}
    </>
  );
}

interface TextProps extends Common {
  value: string;
  onInput(value: string): void;
  inputMode?: 'text' | 'numeric' | 'url';
}

/** A labelled text box; its problem is tied to it by aria-invalid and aria-describedby. */
export function TextField({ name, label, hint, error, value, onInput, inputMode }: TextProps) {
  const id = fieldId(name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        value={value}
        spellcheck={false}
        autoComplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <Messages id={id} hint={hint} error={error} />
    </div>
  );
}

interface NumberProps extends Common {
  /** As typed; `parseSettings` judges it, so the browser's own checks are off (noValidate). */
  value: string;
  min: number;
  max: number;
  onInput(value: string): void;
}

/** A whole number with arrow-key steps; the range is also said in the label's hint. */
export function NumberField({ name, label, hint, error, value, min, max, onInput }: NumberProps) {
  const id = fieldId(name);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={value}
        autoComplete="off"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <Messages id={id} hint={hint} error={error} />
    </div>
  );
}

interface CheckProps extends Common {
  checked: boolean;
  onChange(checked: boolean): void;
}

export function CheckboxField({ name, label, hint, error, checked, onChange }: CheckProps) {
  const id = fieldId(name);
  return (
    <div class="field check">
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      <label for={id}>{label}</label>
      <Messages id={id} hint={hint} error={error} />
    </div>
  );
}
