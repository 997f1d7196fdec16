import { describe, expect, it } from 'vitest';
import { parseSiteStatus, type SiteStatus } from '../../src/shared/site-status.js';

const fallback: SiteStatus = {
  site: 'meet',
  placement: 'floating',
  fallback: true,
  lobby: false,
  missing: ['leave', 'toolbar'],
};

describe("a tab's answer about its page", () => {
  it('is taken when it is a status', () => {
    expect(parseSiteStatus(fallback)).toEqual(fallback);
  });

  it.each([
    ['nothing', undefined],
    ['another site', { ...fallback, site: 'evil' }],
    ['markup in a list', { ...fallback, missing: ['<img src=x>'] }],
    ['an extra field', { ...fallback, link: 'https://viewer/#k=secret' }],
    ['a string', 'Toolbar not found'],
  ])('is dropped when it is %s', (_what, reply) => {
    expect(parseSiteStatus(reply)).toBeNull();
  });
});
