import german from '../../_locales/de/messages.json';
import english from '../../_locales/en/messages.json';
import { createTranslator, type MessageTable, pickLocale, tableLookup } from '../shared/i18n.js';

/**
 * The viewer is a plain web page, with no `i18n.getMessage`: it carries the extension's own
 * message tables and picks the guest's language from the browser's preferences.
 */
const TABLES: Record<string, MessageTable> = { en: english, de: german };

const wanted = navigator.languages?.length ? navigator.languages : [navigator.language];
const chosen = pickLocale(Object.keys(TABLES), wanted, 'en');

export const { t, tn, locale } = createTranslator(
  tableLookup(TABLES[chosen] ?? english, english),
  chosen,
);
