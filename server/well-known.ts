/** The well-known document this server publishes, from its options and public address. */
import {
  SIGNALLING_KEY,
  SIGNALLING_PATH,
  TICKETS_PATH,
  TURN_CREDENTIALS_PATH,
  VIEWER_PATH,
  type WellKnown,
} from '../src/shared/server-config.js';
import type { ServerOptions } from './options.js';

export function wellKnownDocument(options: ServerOptions, publicUrl: URL): WellKnown {
  const secure = publicUrl.protocol === 'https:';
  const at = (path: string) => new URL(path, publicUrl).href;
  return {
    deskbridge: 1,
    viewerUrl: at(VIEWER_PATH),
    signalling: {
      host: publicUrl.hostname,
      port: Number(publicUrl.port || (secure ? 443 : 80)),
      path: SIGNALLING_PATH,
      secure,
      key: SIGNALLING_KEY,
    },
    iceServers: options.stunUrls.map((url) => ({ urls: [url] })),
    turn:
      options.turnSecret === null
        ? null
        : { ticketUrl: at(TICKETS_PATH), credentialsUrl: at(TURN_CREDENTIALS_PATH) },
    accessTokenRequired: options.accessToken !== null,
  };
}
