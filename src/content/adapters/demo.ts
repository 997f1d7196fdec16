import type { SiteAdapter } from './types.js';

/** The local demo call (test/fixtures/demo), in the dev build only: a marked toolbar, always on. */
export const demo: SiteAdapter = {
  name: 'demo',
  toolbar: ['[data-call-toolbar]'],
  theme: 'dark',
};
