/**
 * Another extension page (the popup's "How to install the helper") asks this page to show one
 * of its sections. `runtime.openOptionsPage()` takes no fragment and may only focus a tab that is
 * already open, so the wish goes through `localStorage`, which both pages share (same origin):
 * read on load, or heard through the `storage` event when the page is already open.
 */
export const OPTIONS_SECTION_KEY = 'deskbridge:options-section';

/** A wish older than this is stale (the page did not open then): ignore it. */
const FRESH_MS = 30_000;

export function requestSection(id: string): void {
  try {
    localStorage.setItem(OPTIONS_SECTION_KEY, JSON.stringify({ id, at: Date.now() }));
  } catch {
    // No storage: the page opens at its top, with the section further down.
  }
}

/** The section asked for, once: the wish is removed as it is read. */
export function takeRequestedSection(raw?: string | null): string | null {
  let value = raw;
  try {
    value ??= localStorage.getItem(OPTIONS_SECTION_KEY);
    if (value === null) return null;
    localStorage.removeItem(OPTIONS_SECTION_KEY);
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { id, at } = parsed as { id?: unknown; at?: unknown };
    if (typeof id !== 'string' || !/^[a-z-]{1,40}$/.test(id)) return null;
    if (typeof at !== 'number' || Math.abs(Date.now() - at) > FRESH_MS) return null;
    return id;
  } catch {
    return null;
  }
}
