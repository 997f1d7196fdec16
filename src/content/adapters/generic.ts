import type { SiteAdapter } from './types.js';

/** Any other page: no toolbar known, so the control floats; no chat, so the link is copied. */
export const generic: SiteAdapter = {
  name: 'generic',
  theme: 'auto',
};
