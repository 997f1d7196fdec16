/**
 * The link's fragment (the key, the share's id) is taken out of the address bar as soon as the
 * page reads it (issue #14, finding 8): a URL stays in the browser's history, may be synced to
 * other devices, and shows in screenshots. It is kept in this tab's sessionStorage instead,
 * where a reload of this tab finds it and no other tab or window does. With storage off, a
 * reload needs the link again.
 */
const KEY = 'deskbridge.viewer.link';

/** This tab's link fragment (`#…`): from the address bar if it has one (then cleared), else kept. */
export function takeFragment(): string {
  const { hash } = location;
  if (hash.length > 1) {
    try {
      sessionStorage.setItem(KEY, hash);
    } catch {
      // No storage: a reload will need the link again.
    }
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return hash;
  }
  try {
    return sessionStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}
