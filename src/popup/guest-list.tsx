import { useId } from 'preact/hooks';
import type { GuestView } from '../shared/session.js';
import { guestStatusText, refusedText, sinceText, TEXT } from './texts.js';

interface Props {
  guests: GuestView[];
  rejectedAttempts: number;
}

/** Guests as the media host reports them. Names come from guests: text nodes only, never markup. */
export function GuestList({ guests, rejectedAttempts }: Props) {
  const heading = useId();
  const refused = refusedText(rejectedAttempts);
  return (
    <section class="guests" aria-labelledby={heading}>
      <h2 id={heading}>Guests</h2>
      {guests.length === 0 ? (
        <p class="quiet-text">{TEXT.noGuests}</p>
      ) : (
        <ul>
          {guests.map((guest) => (
            <GuestRow key={guest.peerId} guest={guest} />
          ))}
        </ul>
      )}
      {refused && <p class="warning">{refused}</p>}
    </section>
  );
}

function GuestRow({ guest }: { guest: GuestView }) {
  const since = sinceText(guest.since);
  return (
    <li class={`guest ${guest.status}`}>
      {/* <bdi>: a right-to-left name cannot reorder the words around it. */}
      <bdi class="guest-name" title={guest.name}>
        {guest.name || 'Unnamed guest'}
      </bdi>
      <span class="guest-status">{guestStatusText(guest.status)}</span>
      {since && (
        <time class="guest-since" dateTime={new Date(guest.since).toISOString()}>
          {since}
        </time>
      )}
    </li>
  );
}
