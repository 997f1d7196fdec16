/**
 * Value checks shared by the commands' options: each returns the value, or a message naming the
 * flag (or its environment twin) and what a good value looks like.
 */
import { parseIp } from '../src/shared/address-scope.js';
import type { RawValue } from './flags.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const good = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (raw: RawValue, text: string, what: string): Checked<never> => ({
  ok: false,
  problem: `${raw.source}: "${text}" ${what}`,
});

const HOST_NAME =
  /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function isHost(text: string): boolean {
  return parseIp(text) !== null || (text.length <= 253 && HOST_NAME.test(text));
}

export function checkInteger(raw: RawValue, text: string, min: number, max: number, what: string) {
  const value = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return bad(raw, text, `is not ${what} (a whole number from ${min} to ${max})`);
  }
  return good(value);
}

export function checkHost(raw: RawValue, text: string): Checked<string> {
  return isHost(text) ? good(text) : bad(raw, text, 'is not a host name or IP address');
}

export function checkIp(raw: RawValue, text: string): Checked<string> {
  return parseIp(text) && !text.startsWith('[')
    ? good(text)
    : bad(raw, text, 'is not an IP address');
}

export function checkSecret(raw: RawValue, text: string, min: number): Checked<string> {
  if (text.length < min || text.length > 512 || !/^[\x21-\x7e]+$/.test(text)) {
    return bad(
      raw,
      '…',
      `is not a usable secret: ${min}–512 printable ASCII characters without spaces (e.g. \`openssl rand -hex 32\`)`,
    );
  }
  return good(text);
}

/** turn:/turns:/stun:/stuns: URLs as browsers take them: `scheme:host[:port][?transport=…]`. */
export function checkIceUrl(
  raw: RawValue,
  text: string,
  schemes: 'turn' | 'stun',
): Checked<string> {
  const query = schemes === 'turn' ? '(\\?transport=(udp|tcp))?' : '';
  const match = new RegExp(
    `^${schemes}s?:(\\[[0-9a-fA-F:.]+\\]|[^:/?#\\s\\[\\]]+)(?::([0-9]{1,5}))?${query}$`,
  ).exec(text);
  const host = match?.[1] ?? '';
  const port = match?.[2] === undefined ? 1 : Number(match[2]);
  if (!match || !isHost(host.replace(/^\[(.*)\]$/, '$1')) || port < 1 || port > 65535) {
    const example =
      schemes === 'turn'
        ? 'turn:turn.example.org:3478 or turns:turn.example.org:443?transport=tcp'
        : 'stun:turn.example.org:3478';
    return bad(raw, text, `is not a ${schemes}: URL (e.g. ${example})`);
  }
  return good(text);
}

/** An http(s) origin such as `https://deskbridge.example.org` (no path, query or fragment). */
export function checkOrigin(raw: RawValue, text: string): Checked<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad(raw, text, 'is not a URL (e.g. https://deskbridge.example.org)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return bad(raw, text, 'must start with https:// (or http:// on a test machine)');
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) {
    return bad(raw, text, 'must be an origin only, like https://deskbridge.example.org (no path)');
  }
  return good(url);
}
