import messages from '../../_locales/en/messages.json';
import { createTranslator, tableLookup } from '../../src/shared/i18n.js';

/** The English messages as the browser would give them, for tests that check words. */
export const english = createTranslator(tableLookup(messages, messages), 'en');
