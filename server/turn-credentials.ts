/**
 * TURN credentials in coturn's REST scheme (`use-auth-secret`): username `<unix expiry>:<label>`,
 * credential base64(HMAC-SHA1(secret, username)). coturn checks the expiry when a session first
 * authenticates, not on the Refresh, CreatePermission and ChannelBind of a live allocation
 * (docs/self-hosting.md, "TURN credentials"), so a short TTL does not cut a long share.
 */
import { createHmac } from 'node:crypto';
import type { TurnCredentialsResponse } from '../src/shared/server-config.js';

export function turnCredentials(
  secret: string,
  urls: string[],
  label: string,
  expiresAt: number,
): TurnCredentialsResponse {
  const username = `${Math.floor(expiresAt / 1000)}:${label}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { iceServers: [{ urls, username, credential }], expiresAt };
}
