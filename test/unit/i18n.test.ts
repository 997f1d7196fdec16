import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createTranslator,
  fillMarked,
  formatMessage,
  type MessageTable,
  mark,
  pickLocale,
  splitMarked,
  tableLookup,
} from '../../src/shared/i18n.js';

const root = join(import.meta.dirname, '..', '..');
const localesDir = join(root, '_locales');
const locales = readdirSync(localesDir);
const table = (locale: string): MessageTable =>
  JSON.parse(readFileSync(join(localesDir, locale, 'messages.json'), 'utf8'));
const english = table('en');

/** `$1`…`$9` and `$NAME$` a message uses: a translation must use the same ones. */
const substitutions = (message: string) =>
  [...message.matchAll(/\$([1-9])|\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[0]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the locales', () => {
  it('are English (the default) and at least one more', () => {
    expect(locales).toContain('en');
    expect(locales.length).toBeGreaterThanOrEqual(2);
  });

  it.each(locales)('%s has every English key, and no key English lacks', (locale) => {
    const keys = Object.keys(table(locale)).sort();
    expect(keys).toEqual(Object.keys(english).sort());
  });

  it.each(locales)('%s says every message with the same substitutions as English', (locale) => {
    const messages = table(locale);
    const mismatched = Object.entries(english)
      .filter(([key, entry]) => {
        const translated = messages[key]?.message ?? '';
        return substitutions(translated).join() !== substitutions(entry.message).join();
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it.each(locales)('%s has no empty message', (locale) => {
    const empty = Object.entries(table(locale)).filter(([, e]) => e.message.trim() === '');
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it('name keys the way browsers accept them, never two differing only in case', () => {
    const keys = Object.keys(english);
    expect(keys.filter((key) => !/^[A-Za-z0-9_@]+$/.test(key))).toEqual([]);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });

  it('come in _one/_other pairs for counted messages', () => {
    const keys = new Set(Object.keys(english));
    const unpaired = [...keys].filter((key) => {
      const pair = /^(.*)_(one|other)$/.exec(key);
      return pair && !keys.has(`${pair[1]}_${pair[2] === 'one' ? 'other' : 'one'}`);
    });
    expect(unpaired).toEqual([]);
  });

  it('are all used by the code or the manifest (no message is left behind)', () => {
    const sources = [
      ...sourceFiles(join(root, 'src')).map((file) => readFileSync(file, 'utf8')),
      readFileSync(join(root, 'manifest.json'), 'utf8'),
    ].join('\n');
    const unused = Object.keys(english).filter((key) => {
      const base = key.replace(/_(one|other)$/, '');
      return !sources.includes(`'${base}'`) && !sources.includes(`__MSG_${key}__`);
    });
    expect(unused).toEqual([]);
  });

  it('cover every __MSG_ reference in the manifest', () => {
    const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');
    const refs = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((key) => !(key in english))).toEqual([]);
  });

  it('leave no user-visible English literal in the UI modules that were moved to them', () => {
    // A cheap tripwire: `>Words<` JSX text or a capitalised sentence in a button label.
    const ui = ['src/popup', 'src/options', 'src/viewer', 'src/content'].flatMap((dir) =>
      sourceFiles(join(root, dir)).filter((file) => file.endsWith('.tsx')),
    );
    const offenders = ui.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const hits = [...text.matchAll(/>\s*([A-Z][a-z]+(?: [a-z]+)+)\s*</g)].map((m) => m[1]);
      return hits.map((hit) => `${relative(root, file)}: ${hit}`);
    });
    expect(offenders).toEqual([]);
  });
});

describe('formatMessage, as browsers do', () => {
  it('fills $1…$9 and keeps $$ as a dollar', () => {
    expect(formatMessage({ message: '$1 asks $2 for $$5' }, ['Ada', 'Bo'])).toBe(
      'Ada asks Bo for $5',
    );
  });

  it('fills named placeholders, whatever their case, from their content', () => {
    const entry = {
      message: 'Hello $WHO$, $Who$!',
      placeholders: { who: { content: '$1', example: 'Ada' } },
    };
    expect(formatMessage(entry, ['Ada'])).toBe('Hello Ada, Ada!');
  });

  it('leaves a missing substitution empty', () => {
    expect(formatMessage({ message: 'a$1b' }, [])).toBe('ab');
  });
});

describe('createTranslator', () => {
  const tables: MessageTable = {
    hello: { message: 'Hello $1' },
    guests_one: { message: '$1 guest' },
    guests_other: { message: '$1 guests' },
  };
  const lookup = tableLookup(tables, {});

  it('looks up and substitutes numbers as text', () => {
    const { t } = createTranslator(lookup, 'en');
    expect(t('hello' as never, 3)).toBe('Hello 3');
  });

  it('picks _one or _other by the language’s plural rules', () => {
    const { tn } = createTranslator(lookup, 'en');
    expect(tn('guests' as never, 1)).toBe('1 guest');
    expect(tn('guests' as never, 0)).toBe('0 guests');
    expect(tn('guests' as never, 2)).toBe('2 guests');
  });

  it('says the key rather than nothing when a message is missing', () => {
    const { t } = createTranslator(() => '', 'en');
    expect(t('nowhere' as never)).toBe('nowhere');
  });

  it('survives a language tag Intl does not know', () => {
    const { tn } = createTranslator(lookup, 'not a tag!');
    expect(tn('guests' as never, 1)).toBe('1 guest');
  });

  it('gives German its own words for the same keys', () => {
    const { t, tn } = createTranslator(tableLookup(table('de'), english), 'de');
    expect(t('shareDesktop')).toBe('Desktop teilen');
    expect(tn('sharingWithGuests', 1)).toBe('Geteilt mit 1 Gast');
    expect(tn('sharingWithGuests', 3)).toBe('Geteilt mit 3 Gästen');
  });
});

describe('pickLocale', () => {
  const available = ['en', 'de'];
  it('takes the first wanted language there is, by its base language too', () => {
    expect(pickLocale(available, ['de-AT', 'en'], 'en')).toBe('de');
    expect(pickLocale(available, ['fr', 'en-GB'], 'en')).toBe('en');
    expect(pickLocale(['en', 'pt_BR'], ['pt-BR'], 'en')).toBe('pt_BR');
  });

  it('falls back when nothing matches', () => {
    expect(pickLocale(available, ['ja', 'fr'], 'en')).toBe('en');
    expect(pickLocale(available, [], 'en')).toBe('en');
  });
});

describe('marks: elements inside a translated sentence', () => {
  it('split the sentence where each element goes, in the translation’s order', () => {
    const text = formatMessage({ message: '$2 steuert $1' }, [mark(0), mark(1)]);
    expect(splitMarked(text)).toEqual([1, ' steuert ', 0]);
    expect(fillMarked(text, ['A', 'B'])).toEqual(['B', ' steuert ', 'A']);
  });

  it('leave text without marks whole, and marks at both ends without empty strings', () => {
    expect(splitMarked('plain')).toEqual(['plain']);
    expect(splitMarked(`${mark(0)} and ${mark(1)}`)).toEqual([0, ' and ', 1]);
  });
});
