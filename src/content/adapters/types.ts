import type { SiteName } from '../../shared/call-sites.js';

export type AdapterName = SiteName | 'demo' | 'generic';

/**
 * A site adapter lists, in selectors only, the evidence for each part of a call page: several
 * independent signals per role, from every markup generation of the site that is known, each
 * cited to its public source in the adapter's file. `evidence.ts` weighs them; a label in one
 * language is never enough on its own (see `LEAVE_WORDS` there for the languages). Selectors
 * lean on what the sites keep stable (ids, `data-*`, roles, icon names), never on their
 * generated class names.
 */
export interface SiteAdapter {
  readonly name: AdapterName;
  /** Present only while a call is on: the conference view, one's own tile. */
  readonly call?: readonly string[];
  /** Present only before a call is on (pre-join screen, lobby, waiting room): vetoes a call. */
  readonly lobby?: readonly string[];
  /** The hang-up control, by id, `data-*` or class of each generation. */
  readonly leave?: readonly string[];
  /** Controls that live in the call's toolbar beside the hang-up (microphone, camera). */
  readonly controls?: readonly string[];
  /** The toolbar itself, where a generation marks it. */
  readonly toolbar?: readonly string[];
  /** The chat's message box, when the chat panel shows it (the first found is used). */
  readonly chatInput?: readonly string[];
  /** The toolbar's colours: fixed, or read from its background. */
  readonly theme: 'dark' | 'light' | 'auto';
  /** Recognises the site's own build on a domain the user added (a self-hosted Jitsi). */
  readonly signature?: string;
}
