import type { SiteAdapter } from './types.js';

/** The local demo call (test/fixtures/demo): a toolbar marked `data-call-toolbar`, always on. */
export const demo: SiteAdapter = {
  name: 'demo',
  hosts: [],
  toolbar: '[data-call-toolbar]',
  theme: 'dark',
};
