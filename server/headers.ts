/**
 * Response headers. The viewer gets a real Content-Security-Policy (its meta CSP stays as a
 * second line), framing is refused everywhere, and caching follows the file: `index.html` is
 * revalidated, hashed assets (`viewer-<hash>.js`) are kept for a year.
 */

export type Headers = Record<string, string>;

/**
 * The viewer connects to the signalling server named in its link (any host, ws: or wss:) and
 * fetches TURN credentials from it; http:/ws: only where the viewer itself is served over http
 * (a test machine), since an https page may not use them anyway.
 */
export function viewerCsp(secure: boolean): string {
  const connect = secure ? "'self' https: wss:" : "'self' https: wss: http: ws:";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The viewer uses full screen (keyboard lock has no policy of its own) and autoplays muted
 * video; everything else a page could ask for is off.
 */
export const VIEWER_PERMISSIONS = [
  'fullscreen=(self)',
  'autoplay=(self)',
  'keyboard-map=()',
  'camera=()',
  'microphone=()',
  'display-capture=()',
  'geolocation=()',
  'clipboard-read=()',
  'clipboard-write=()',
  'picture-in-picture=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'screen-wake-lock=()',
  'publickey-credentials-get=()',
  'xr-spatial-tracking=()',
].join(', ');

/** On every response: no sniffing, no referrer, no framing; HSTS when this process does TLS. */
export function baseHeaders(tls: boolean): Headers {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    ...(tls ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
  };
}

/** Names the build gives hashed assets: `viewer-<8+ base32/hex chars>.js|.css(.map)`. */
export const HASHED_ASSET = /^[a-z0-9_-]+-[A-Z0-9]{8,}\.(js|css)(\.map)?$/;

export function viewerHeaders(file: string, secure: boolean): Headers {
  const cache = HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
  const page: Headers = file.endsWith('.html')
    ? {
        'Content-Security-Policy': viewerCsp(secure),
        'Permissions-Policy': VIEWER_PERMISSIONS,
        'Cross-Origin-Opener-Policy': 'same-origin',
      }
    : {};
  return { 'Cache-Control': cache, ...page };
}

/** API responses: JSON, never cached, readable from any origin (no cookies are involved). */
export const API_HEADERS: Headers = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Access-Control-Allow-Origin': '*',
};

export const PREFLIGHT_HEADERS: Headers = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Max-Age': '600',
};
