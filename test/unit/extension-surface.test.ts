import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentScripts } from '../../src/shared/call-sites.js';

/** Convention tests over the extension's attack surface: permissions, CSP, no inline code. */
const root = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .map((name) => join(root, dir, name));
}

function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...values]) => [name, values]),
  );
}

function expectStrict(policy: string): void {
  const csp = cspDirectives(policy);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
}

describe('the manifest asks for the fewest permissions that work', () => {
  it('needs only storage, offscreen, debugger (tab control), nativeMessaging (desktop control), scripting (added call sites) and activeTab (the popup reads the page it is opened over)', () => {
    expect([...manifest.permissions].sort()).toEqual([
      'activeTab',
      'debugger',
      'nativeMessaging',
      'offscreen',
      'scripting',
      'storage',
    ]);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_permissions).toBeUndefined();
  });

  it('asks for another call site only when the user adds one: https, or http on this machine', () => {
    expect([...manifest.optional_host_permissions].sort()).toEqual([
      'http://127.0.0.1/*',
      'http://localhost/*',
      'https://*/*',
    ]);
  });

  it('lets no web page message the extension or load its files', () => {
    expect(manifest.externally_connectable).toBeUndefined();
    expect(manifest.web_accessible_resources).toBeUndefined();
  });

  // The build writes the content scripts from the call sites' one list (src/shared/call-sites.ts);
  // the store build's manifest is checked in adapters-store-build.test.ts.
  it('injects the content script only into call sites', () => {
    const matches: string[] = contentScripts().flatMap((entry) => entry.matches);
    expect(matches).not.toContain('<all_urls>');
    for (const pattern of matches) {
      expect(pattern).not.toMatch(/^\*:|:\/\/\*\//);
      expect(pattern).toMatch(/^https:\/\//);
    }
  });

  it('runs in frames only on Zoom, whose meeting lives in an iframe', () => {
    const framed = contentScripts().filter((entry) => entry.all_frames);
    expect(framed.flatMap((entry) => entry.matches)).toEqual([
      'https://app.zoom.us/*',
      'https://*.zoom.us/wc/*',
    ]);
  });
});

describe('a strict CSP on every extension page and on the viewer', () => {
  it('extension pages: scripts from the package only, no eval, no inline', () => {
    expectStrict(manifest.content_security_policy.extension_pages);
  });

  it('the viewer page carries the same strict policy', () => {
    const html = readFileSync(join(root, 'src/viewer/index.html'), 'utf8');
    const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(policy, 'the viewer has a CSP meta tag').toBeDefined();
    expectStrict(policy ?? '');
  });

  it.each(files('src', /\.html$/).map((file) => [relative(root, file), file]))(
    '%s has no inline script, handler or style attribute',
    (_, file) => {
      const html = readFileSync(file, 'utf8');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(html).not.toMatch(/\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/\sstyle\s*=/i);
    },
  );

  it('no source file evaluates strings as code', () => {
    for (const file of files('src', /\.tsx?$/)) {
      const source = readFileSync(file, 'utf8');
      expect(source, relative(root, file)).not.toMatch(
        /\beval\(|new Function\(|setTimeout\(\s*['"`]/,
      );
    }
  });
});
