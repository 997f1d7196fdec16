import type english from '../../_locales/en/messages.json';

/**
 * Every word a person reads lives in `_locales/<lang>/messages.json`, the WebExtension format.
 * Extension pages and the content script look messages up with `i18n.getMessage` (the browser
 * picks the language); the viewer is a plain web page, so it bundles the tables and formats
 * them with the same rules here.
 */
export type MessageKey = keyof typeof english;

/** Keys that come as a `_one`/`_other` pair, looked up by count. */
export type PluralKey = PluralBase<MessageKey>;
type PluralBase<K> = K extends `${infer Base}_other`
  ? `${Base}_one` extends MessageKey
    ? Base
    : never
  : never;

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type MessageTable = Record<string, MessageEntry>;

/** The browser's lookup: `i18n.getMessage` returns '' for an unknown key. */
export type Lookup = (key: string, substitutions: string[]) => string;

export interface Translator {
  /** The message for `key` with `$1`…`$9` filled from `substitutions`. */
  t(key: MessageKey, ...substitutions: (string | number)[]): string;
  /** The `_one` or `_other` form for `count` (as `$1`), by the language's plural rules. */
  tn(key: PluralKey, count: number, ...more: (string | number)[]): string;
  /** The language the messages are in, for number and date formatting. */
  readonly locale: string;
}

export function createTranslator(lookup: Lookup, locale: string): Translator {
  let rules: Intl.PluralRules;
  try {
    rules = new Intl.PluralRules(locale);
  } catch {
    rules = new Intl.PluralRules('en');
  }
  const t = (key: string, substitutions: (string | number)[]) => {
    const text = lookup(key, substitutions.map(String));
    // A missing message must still leave the person something to read and us a clue.
    return text === '' ? key : text;
  };
  return {
    locale,
    t: (key, ...substitutions) => t(key, substitutions),
    tn: (key, count, ...more) => {
      const form = rules.select(count) === 'one' ? 'one' : 'other';
      return t(`${key}_${form}`, [count, ...more]);
    },
  };
}

/**
 * Chrome's substitution rules: a `$NAME$` placeholder becomes its `content` (which may hold
 * `$1`…`$9`), then `$1`…`$9` become the substitutions, and `$$` is a literal dollar.
 */
export function formatMessage(entry: MessageEntry, substitutions: readonly string[]): string {
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  const withPlaceholders = entry.message.replace(
    /\$([A-Za-z0-9_@]+)\$/g,
    (whole, name: string) => placeholders.get(name.toLowerCase()) ?? whole,
  );
  return withPlaceholders.replace(/\$(\$|[1-9])/g, (_whole, what: string) =>
    what === '$' ? '$' : (substitutions[Number(what) - 1] ?? ''),
  );
}

/** A lookup over bundled tables, for pages that have no `i18n.getMessage`. */
export function tableLookup(primary: MessageTable, fallback: MessageTable): Lookup {
  const byKey = (table: MessageTable) =>
    new Map(Object.entries(table).map(([key, entry]) => [key.toLowerCase(), entry]));
  const first = byKey(primary);
  const second = byKey(fallback);
  return (key, substitutions) => {
    const entry = first.get(key.toLowerCase()) ?? second.get(key.toLowerCase());
    return entry ? formatMessage(entry, substitutions) : '';
  };
}

/**
 * The best of `available` for a reader who prefers `wanted` (most preferred first), matching
 * `de-AT` to `de`; `fallback` when nothing matches.
 */
export function pickLocale(
  available: readonly string[],
  wanted: readonly string[],
  fallback: string,
): string {
  const normal = (tag: string) => tag.toLowerCase().replace(/_/g, '-');
  const have = new Map(available.map((tag) => [normal(tag), tag]));
  for (const tag of wanted) {
    const exact = have.get(normal(tag));
    if (exact) return exact;
    const language = have.get(normal(tag).split('-')[0] ?? '');
    if (language) return language;
  }
  return fallback;
}

/**
 * A stand-in for a substitution that is an element, not text (a guest's name in `<bdi>`): the
 * translated sentence keeps its word order, and `splitMarked` cuts it where the element goes.
 */
export const mark = (index: number): string => `\uE000${index}\uE001`;

/** The text between marks as strings, each mark as the index it stands for. */
export function splitMarked(text: string): (string | number)[] {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const match of text.matchAll(/\uE000(\d)\uE001/g)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(Number(match[1]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** `splitMarked` with each mark replaced by its node: `fillMarked(t('k', mark(0)), [<b/>])`. */
export function fillMarked<T>(text: string, nodes: readonly T[]): (T | string)[] {
  return splitMarked(text).map((part) => (typeof part === 'number' ? (nodes[part] ?? '') : part));
}
