import { describe, expect, it } from 'vitest';
import { baseHeaders, HASHED_ASSET, viewerCsp, viewerHeaders } from '../../../server/headers.js';

describe('viewer headers', () => {
  it('cache hashed assets for a year and revalidate everything else', () => {
    expect(viewerHeaders('viewer-IRS4CMV4.js', true)['Cache-Control']).toBe(
      'public, max-age=31536000, immutable',
    );
    expect(viewerHeaders('viewer-ZOVJBPIK.css.map', true)['Cache-Control']).toContain('immutable');
    expect(viewerHeaders('index.html', true)['Cache-Control']).toBe('no-cache');
    expect(viewerHeaders('viewer.js', true)['Cache-Control']).toBe('no-cache');
    expect(HASHED_ASSET.test('index.html')).toBe(false);
  });

  it('give the page a CSP that refuses framing, and a Permissions-Policy', () => {
    const page = viewerHeaders('index.html', true);
    expect(page['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(page['Content-Security-Policy']).toContain("script-src 'self'");
    expect(page['Permissions-Policy']).toContain('fullscreen=(self)');
    expect(page['Permissions-Policy']).toContain('camera=()');
    expect(viewerHeaders('viewer-IRS4CMV4.js', true)['Content-Security-Policy']).toBeUndefined();
  });

  it('allow plain ws:/http: connections only for a viewer served over http', () => {
    expect(viewerCsp(true)).toContain("connect-src 'self' https: wss:;");
    expect(viewerCsp(false)).toContain("connect-src 'self' https: wss: http: ws:;");
  });

  it('send HSTS only when this process terminates TLS', () => {
    expect(baseHeaders(true)['Strict-Transport-Security']).toBe('max-age=31536000');
    expect(baseHeaders(false)['Strict-Transport-Security']).toBeUndefined();
    expect(baseHeaders(false)).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});
