import german from '../../_locales/de/messages.json';
import english from '../../_locales/en/messages.json';
import { createTranslator, type MessageTable, pickLocale, tableLookup } from '../shared/i18n.js';

/**
 * The viewer is a plain web page, with no `i18n.getMessage`: it carries the extension's own
 * message tables and picks the guest's language from the browser's preferences.
 */
const TABLES: Record<string, MessageTable> = { en: english, de: german };

// `globalThis`: the pure machine that uses these words is also run under Node by the unit tests.
const browser = globalThis.navigator as Navigator | undefined;
const wanted = browser?.languages?.length ? browser.languages : [browser?.language ?? 'en'];
const chosen = pickLocale(Object.keys(TABLES), wanted, 'en');

export const { t, tn, locale } = createTranslator(
  tableLookup(TABLES[chosen] ?? english, english),
  chosen,
);
