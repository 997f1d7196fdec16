import { describe, expect, it } from 'vitest';
import { VERIFICATION_WORDS } from '../../src/shared/verification-words.js';

describe('VERIFICATION_WORDS', () => {
  it('has one word per byte value', () => {
    expect(VERIFICATION_WORDS).toHaveLength(256);
  });

  it('has no word twice, and none that is another with a letter more or less at the end', () => {
    expect(new Set(VERIFICATION_WORDS).size).toBe(256);
    for (const word of VERIFICATION_WORDS) {
      expect(VERIFICATION_WORDS).not.toContain(`${word}s`);
    }
  });

  it('holds short lower-case words, easy to read aloud', () => {
    for (const word of VERIFICATION_WORDS) expect(word).toMatch(/^[a-z]{3,7}$/);
  });
});
