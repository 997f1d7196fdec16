import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../extension-i18n.js';
import { maskLink } from '../shared/link.js';

interface Props {
  link: string;
  label?: string;
  /** Said in the note line when the link has no note of its own (e.g. "New link made…"). */
  notice?: string;
  /** More buttons for the row beside "Copy link". */
  children?: ComponentChildren;
}

/**
 * A read-only link whose value is the full link but whose visible text hides the key: the
 * input's own text is transparent and the masked link lies over it, because the window showing
 * it may be captured and shared. Screen readers and copy get the real value.
 * "Show" and the copy note belong to one link: a new link starts hidden from its very first
 * frame, while the buttons (and the keyboard focus on them) stay where they are.
 */
export function LinkField({ link, label = t('viewerLink'), notice = '', children }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [revealedLink, setRevealedLink] = useState<string | null>(null);
  const revealed = revealedLink === link;
  const [copied, setCopied] = useState({ link: '', text: '' });
  const setNote = (text: string) => setCopied({ link, text });
  const note = (copied.link === link && copied.text) || notice;
  // Forget both when the link changes, so that a link coming back is hidden again too.
  useEffect(() => {
    setRevealedLink((shown) => (shown === link ? shown : null));
    setCopied((note) => (note.link === link ? note : { link: '', text: '' }));
  }, [link]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setNote(t('linkCopied'));
    } catch {
      // No clipboard access (no focus or an older browser): leave the copy to the keyboard.
      input.current?.focus();
      input.current?.select();
      setNote(t('pressCtrlC'));
    }
  };

  return (
    <div class="link-field">
      <label for={id}>{label}</label>
      <div class="link-line">
        <div class={revealed ? 'link-box revealed' : 'link-box'}>
          <input
            id={id}
            ref={input}
            type="text"
            readOnly
            value={link}
            dir="ltr"
            spellcheck={false}
            autoComplete="off"
          />
          {!revealed && (
            <div class="link-mask" aria-hidden="true">
              {maskLink(link)}
            </div>
          )}
        </div>
        <button
          type="button"
          class="quiet"
          aria-pressed={revealed}
          onClick={() => setRevealedLink(revealed ? null : link)}
        >
          {revealed ? t('hide') : t('show')}
        </button>
      </div>
      <div class="row">
        <button type="button" class="primary" onClick={copy}>
          {t('copyLink')}
        </button>
        {children}
      </div>
      <p class="note" aria-live="polite">
        {note}
      </p>
    </div>
  );
}
