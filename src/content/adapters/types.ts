/**
 * A site adapter says, in selectors only, where the share control belongs on a call page. Each
 * site has one file beside this one; `locate.ts` reads them. Selectors lean on what the sites
 * keep stable (aria-labels, `data-*`, roles, ids), never on their generated class names.
 */
export type SiteName = 'meet' | 'jitsi' | 'teams' | 'zoom' | 'whereby' | 'demo' | 'generic';

export interface SiteAdapter {
  name: SiteName;
  /** Real sites, by hostname: exact names, or `.zoom.us` for any subdomain. */
  hosts: readonly string[];
  /** Present only while a call is on (not on the home page, in the lobby or after leaving). */
  inCall?: string;
  /** The call's toolbar. */
  toolbar?: string;
  /** The control goes just before the toolbar item holding this (the leave button, say). */
  before?: string;
  /** The chat's message box, when the chat panel is open. */
  chatInput?: string;
  /** The toolbar's colours: fixed, or read from its background. */
  theme: 'dark' | 'light' | 'auto';
  /** Recognises the site's own build on a domain the user added (a self-hosted Jitsi). */
  signature?: string;
}
