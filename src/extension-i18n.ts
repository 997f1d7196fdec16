import { createTranslator } from './shared/i18n.js';

/**
 * The translator for every extension context (content script, popup, options, media host,
 * service worker): the browser picks the language from its own UI language and `_locales`.
 */
export const { t, tn, locale } = createTranslator(
  (key, substitutions) => chrome.i18n.getMessage(key, substitutions),
  chrome.i18n.getUILanguage(),
);
