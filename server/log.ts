/**
 * JSON log lines on stdout, one object a line: `{"time", "level", "event", …}`. Peer ids never
 * appear, only `peerHash` of them; keys, tokens, tickets and names are never passed in.
 */
import { createHash } from 'node:crypto';

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type Log = (level: LogLevel, event: string, fields?: LogFields) => void;

/** A short, stable stand-in for a peer id: lines of one session can be matched, ids not read. */
export function peerHash(peerId: string): string {
  return createHash('sha256').update(peerId).digest('hex').slice(0, 12);
}

export function jsonLog(write: (line: string) => void = (line) => process.stdout.write(line)): Log {
  return (level, event, fields = {}) => {
    write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
  };
}
