import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHost, HostProcess, ROOT } from './harness.js';

const INSTALL = join(ROOT, 'native-host', 'install.mjs');
const LAUNCHER = join(ROOT, 'native-host', 'dist', 'deskbridge-input');
const NAME = 'dev.deskbridge.input.json';

function install(args: string[], home: string) {
  const result = spawnSync(process.execPath, [INSTALL, ...args], {
    cwd: tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: '' },
  });
  if (result.status !== 0) throw new Error(`install.mjs ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe.skipIf(process.platform !== 'linux')(
  'native-host/install.mjs',
  { timeout: 30_000 },
  () => {
    let home: string;
    beforeAll(() => {
      buildHost();
      home = mkdtempSync(join(tmpdir(), 'deskbridge-install-'));
    }, 60_000);
    afterAll(() => rmSync(home, { recursive: true, force: true }));

    it('registers the host in a Chromium user-data-dir with --profile', () => {
      const profile = join(home, 'profile');
      install(['--profile', profile], home);
      const manifest = readJson(join(profile, 'NativeMessagingHosts', NAME));
      expect(manifest).toEqual({
        name: 'dev.deskbridge.input',
        description: expect.any(String),
        path: LAUNCHER,
        type: 'stdio',
        allowed_origins: ['chrome-extension://fjlgcofhcclifhlpkfbadplbdfdmkaln/'],
      });
      // Only there: the user's own browsers are left alone.
      expect(existsSync(join(home, '.config'))).toBe(false);
      install(['--profile', profile, '--uninstall'], home);
      expect(existsSync(join(profile, 'NativeMessagingHosts', NAME))).toBe(false);
    });

    it('registers for Chrome, Chromium and Firefox, and unregisters', () => {
      install([], home);
      const chrome = readJson(join(home, '.config', 'google-chrome', 'NativeMessagingHosts', NAME));
      const chromium = readJson(join(home, '.config', 'chromium', 'NativeMessagingHosts', NAME));
      const firefox = readJson(join(home, '.mozilla', 'native-messaging-hosts', NAME));
      expect(chrome).toEqual(chromium);
      expect(chrome.allowed_origins).toEqual([
        'chrome-extension://fjlgcofhcclifhlpkfbadplbdfdmkaln/',
      ]);
      expect(firefox).toMatchObject({
        name: 'dev.deskbridge.input',
        path: LAUNCHER,
        type: 'stdio',
        allowed_extensions: ['deskbridge@deskbridge.dev'],
      });
      expect(firefox.allowed_origins).toBeUndefined();
      install(['--uninstall'], home);
      for (const dir of [
        '.config/google-chrome/NativeMessagingHosts',
        '.config/chromium/NativeMessagingHosts',
        '.mozilla/native-messaging-hosts',
      ]) {
        expect(existsSync(join(home, dir, NAME))).toBe(false);
      }
    });

    it('writes a launcher that starts the host from any directory, as a browser would', async () => {
      install(
        ['--profile', join(home, 'p2'), '--extension-id', 'abcdefghijklmnopabcdefghijklmnop'],
        home,
      );
      expect(readJson(join(home, 'p2', 'NativeMessagingHosts', NAME)).allowed_origins).toContain(
        'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
      );
      accessSync(LAUNCHER, constants.X_OK);
      expect(readFileSync(LAUNCHER, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
      const env = { ...process.env };
      delete env.DISPLAY;
      delete env.WAYLAND_DISPLAY;
      const host = new HostProcess(env, [], LAUNCHER);
      try {
        expect(await host.request({ type: 'hello' }, 'status')).toMatchObject({
          ok: false,
          code: 'no-display',
        });
        host.child.stdin?.end();
        expect((await host.exited).code).toBe(0);
      } finally {
        host.kill();
      }
    });

    it('refuses bad options', () => {
      const result = spawnSync(process.execPath, [INSTALL, '--extension-id', 'NOT-AN-ID'], {
        encoding: 'utf8',
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/not a Chrome extension id/);
    });
  },
);
