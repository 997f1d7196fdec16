import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '../extension-i18n.js';
import { statsLine, statsWords } from '../shared/media-stats.js';
import type { GuestDecision, GuestView } from '../shared/session.js';
import {
  guestName,
  joinRequestText,
  otherGuestsText,
  qualityOf,
  refusedText,
  sinceText,
  TEXT,
} from './texts.js';

interface Props {
  guests: GuestView[];
  rejectedAttempts: number;
  /** Guests whose decision is out: their buttons wait for it. */
  deciding: ReadonlySet<string>;
  onDecide(peerId: string, decision: GuestDecision): void;
}

type Group = 'waiting' | 'watching';

const ANNOUNCEMENT_MS = 10_000;

const byArrival = (a: GuestView, b: GuestView) => a.since - b.since;
const inGroup = (guests: GuestView[], group: Group) =>
  guests.filter((guest) => guest.status === group).sort(byArrival);

/**
 * Guests as the media host reports them: those waiting for the sharer first, then those watching;
 * the rest are counted in one line. Names come from guests: text nodes and attributes only.
 */
export function GuestList({ guests, rejectedAttempts, deciding, onDecide }: Props) {
  const ids = { guests: useId(), waiting: useId(), watching: useId() };
  const section = useRef<HTMLElement>(null);
  const waiting = inGroup(guests, 'waiting');
  const watching = inGroup(guests, 'watching');
  const others = otherGuestsText(guests);
  const refused = refusedText(rejectedAttempts);
  const announcement = useJoinRequests(waiting);
  const keepFocus = useKeepFocus(section, { waiting: waiting.length, watching: watching.length });

  return (
    <section
      ref={section}
      class="guests"
      aria-labelledby={ids.guests}
      onFocusIn={keepFocus.onFocusIn}
    >
      <h2 id={ids.guests} tabIndex={-1}>
        {t('guests')}
      </h2>
      {/* A new element when it turns into an alert, so the third attempt is announced. */}
      {refused && rejectedAttempts < 3 && <p class="warning">{refused}</p>}
      {refused && rejectedAttempts >= 3 && (
        <p class="warning" role="alert">
          {refused}
        </p>
      )}
      <GuestGroup
        group="waiting"
        headingId={ids.waiting}
        heading={TEXT.waitingHeading}
        guests={waiting}
        Row={WaitingRow}
        deciding={deciding}
        onDecide={onDecide}
      />
      <GuestGroup
        group="watching"
        headingId={ids.watching}
        heading={TEXT.watchingHeading}
        guests={watching}
        Row={WatchingRow}
        deciding={deciding}
        onDecide={onDecide}
      />
      {waiting.length + watching.length === 0 && (
        <p class="quiet-text">{others ? TEXT.noOneWatching : TEXT.noGuests}</p>
      )}
      {others && <p class="quiet-text others">{others}</p>}
      <p class="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

interface RowProps {
  guest: GuestView;
  busy: boolean;
  onDecide(peerId: string, decision: GuestDecision): void;
}

interface GroupProps {
  group: Group;
  headingId: string;
  heading: string;
  guests: GuestView[];
  Row: (props: RowProps) => preact.JSX.Element;
  deciding: ReadonlySet<string>;
  onDecide: RowProps['onDecide'];
}

/** One list of guests under its heading (focus moves to the heading when a row goes). */
function GuestGroup({ group, headingId, heading, guests, Row, deciding, onDecide }: GroupProps) {
  if (guests.length === 0) return null;
  return (
    <div class="guest-group" data-group={group}>
      <h3 id={headingId} tabIndex={-1}>
        {heading}
      </h3>
      <ul aria-labelledby={headingId}>
        {guests.map((guest) => (
          <Row
            key={guest.peerId}
            guest={guest}
            busy={deciding.has(guest.peerId)}
            onDecide={onDecide}
          />
        ))}
      </ul>
    </div>
  );
}

function WaitingRow({ guest, busy, onDecide }: RowProps) {
  const name = guestName(guest);
  const since = sinceText(guest.since);
  const decide = (decision: GuestDecision) => () => onDecide(guest.peerId, decision);
  return (
    <li class="guest waiting">
      <GuestName name={name} />
      <span class="guest-actions">
        <button
          type="button"
          class="primary small"
          aria-label={t('admitName', name)}
          aria-disabled={busy}
          onClick={decide('admit')}
        >
          {t('admit')}
        </button>
        <button
          type="button"
          class="quiet small"
          aria-label={t('denyName', name)}
          aria-disabled={busy}
          onClick={decide('deny')}
        >
          {t('deny')}
        </button>
      </span>
      {since && <Since since={guest.since} text={t('waitingSince', since)} />}
    </li>
  );
}

function WatchingRow({ guest, busy, onDecide }: RowProps) {
  const name = guestName(guest);
  const since = sinceText(guest.since);
  return (
    <li class="guest watching">
      <GuestName name={name} />
      <span class="guest-actions">
        <button
          type="button"
          class="quiet small"
          aria-label={t('removeName', name)}
          aria-disabled={busy}
          onClick={() => onDecide(guest.peerId, 'remove')}
        >
          {t('remove')}
        </button>
      </span>
      <span class="guest-meta">
        {since && <Since since={guest.since} text={since} />}
        <Quality rttMs={guest.rttMs} />
        {guest.media && <span class="guest-stats">{statsLine(guest.media, statsWords(t))}</span>}
      </span>
    </li>
  );
}

/** <bdi>: a right-to-left name cannot reorder the words around it. */
function GuestName({ name }: { name: string }) {
  return <bdi class="guest-name">{name}</bdi>;
}

function Since({ since, text }: { since: number; text: string }) {
  return (
    <time class="guest-since" dateTime={new Date(since).toISOString()}>
      {text}
    </time>
  );
}

const QUALITY_KEYS = { good: 'qualityGood', fair: 'qualityFair', poor: 'qualityPoor' } as const;

/** In words, with the colour only repeating them. */
function Quality({ rttMs }: { rttMs: number | null }) {
  const quality = qualityOf(rttMs);
  if (quality === null) {
    return (
      <span class="quality unknown">
        {t('connectionLabel')} <span aria-hidden="true">—</span>
        <span class="visually-hidden">{t('notMeasuredYet')}</span>
      </span>
    );
  }
  return (
    <span class={`quality ${quality}`}>
      <span class="quality-mark" aria-hidden="true" />
      {t('connectionQuality', t(QUALITY_KEYS[quality]), Math.round(rttMs ?? 0))}
    </span>
  );
}

/** "Ada asks to join", said once for each guest that starts waiting while the popup is open. */
function useJoinRequests(waiting: GuestView[]): string {
  const seen = useRef<Set<string> | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const key = waiting.map((guest) => guest.peerId).join(' ');
  // `key` stands for `waiting`: a new array each render, the same guests most of the time.
  useEffect(() => {
    // Those already waiting when the popup opens are on screen, not news.
    if (seen.current === null) {
      seen.current = new Set(waiting.map((guest) => guest.peerId));
      return;
    }
    const known = seen.current;
    const fresh = waiting.filter((guest) => !known.has(guest.peerId));
    for (const guest of fresh) known.add(guest.peerId);
    if (fresh.length === 0) return;
    const text = fresh.map((guest) => `${joinRequestText(guestName(guest))}.`).join(' ');
    // The same words twice (a guest asking again) must still change the region to be spoken.
    setAnnouncement((previous) => (previous === text ? `${text}\u00a0` : text));
  }, [key]);
  // Said, then gone: a screen reader reading the page later finds the list, not old news.
  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => setAnnouncement(''), ANNOUNCEMENT_MS);
    return () => clearTimeout(timer);
  }, [announcement]);
  return announcement;
}

/**
 * A decision moves its guest to another list or out of it, and the button that had the focus
 * goes with it: put the keyboard on the heading of the list it was in (or "Guests" when that
 * list is gone) rather than lose it to the page. A heading, not the next guest's button, so a
 * second Enter cannot admit someone else.
 */
function useKeepFocus(
  section: { current: HTMLElement | null },
  counts: Record<Group, number>,
): { onFocusIn(event: FocusEvent): void } {
  const last = useRef<{ element: HTMLElement; group: Group | null } | null>(null);
  useLayoutEffect(() => {
    const root = section.current;
    const previous = last.current;
    if (!root || !previous || previous.element.isConnected) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    last.current = null;
    const group = previous.group && counts[previous.group] > 0 ? previous.group : null;
    const heading = group
      ? root.querySelector<HTMLElement>(`[data-group="${group}"] h3`)
      : root.querySelector<HTMLElement>('h2');
    heading?.focus();
  });
  return {
    onFocusIn(event: FocusEvent) {
      const element = event.target as HTMLElement;
      const group = element.closest<HTMLElement>('[data-group]')?.dataset.group;
      last.current = {
        element,
        group: group === 'waiting' || group === 'watching' ? group : null,
      };
    },
  };
}
