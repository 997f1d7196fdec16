import * as v from 'valibot';

/**
 * What the content script in a tab says about its page when the popup asks (`popup→cs`):
 * which adapter read it, where the share control is, and what it did not find. The popup
 * parses the answer, since a page's renderer may be compromised; it only ever shows it.
 * Nothing of this leaves the browser: no network, no telemetry.
 */
export const SiteStatusSchema = v.strictObject({
  site: v.picklist(['meet', 'jitsi', 'teams', 'zoom', 'whereby', 'demo', 'generic']),
  placement: v.picklist(['toolbar', 'floating', 'none']),
  /** The adapter knows the site's toolbar, yet the control floats: it fell back. */
  fallback: v.boolean(),
  /** A pre-join, lobby or waiting screen: the call has not begun. */
  lobby: v.boolean(),
  /** What the adapter looked for and did not find. */
  missing: v.array(v.picklist(['call', 'leave', 'toolbar'])),
});
export type SiteStatus = v.InferOutput<typeof SiteStatusSchema>;
export type SiteRole = SiteStatus['missing'][number];

/** `popup→cs`. `found`: only a frame whose page shows a call answers (Zoom's meeting frame). */
export const SiteStatusRequestSchema = v.strictObject({
  to: v.literal('cs'),
  type: v.literal('site/status'),
  found: v.optional(v.boolean()),
});
export type SiteStatusRequest = v.InferOutput<typeof SiteStatusRequestSchema>;

/** The answer, or null for anything that is not a status (no content script, a bad reply). */
export function parseSiteStatus(reply: unknown): SiteStatus | null {
  const parsed = v.safeParse(SiteStatusSchema, reply);
  return parsed.success ? parsed.output : null;
}
