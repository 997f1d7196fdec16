/**
 * Static files under URL prefixes: the viewer at /viewer/ (dist/viewer) and, with
 * --serve-fixtures, the demo call pages. Paths with `..`, backslashes or NULs are refused, not
 * normalised.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, extname, join, resolve, sep } from 'node:path';
import type { Headers } from './headers.js';

export interface Mount {
  prefix: string;
  dir: string;
  headers: (file: string) => Headers;
  /** Development pages: served as they are, without the product's base headers. */
  bare?: boolean;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webm': 'video/webm',
  '.wasm': 'application/wasm',
};

export type StaticResult =
  | { kind: 'file'; file: string; size: number; mount: Mount }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' }
  | { kind: 'bad-request' };

/** Maps a URL path to a file under one of the mounts. */
export async function findStatic(
  mounts: readonly Mount[],
  pathname: string,
): Promise<StaticResult> {
  const mount = mounts.find(
    ({ prefix }) => pathname === prefix.slice(0, -1) || pathname.startsWith(prefix),
  );
  if (!mount) return { kind: 'not-found' };
  // A directory URL without its slash would break the page's relative links.
  if (pathname === mount.prefix.slice(0, -1)) return { kind: 'redirect', location: mount.prefix };
  let relative: string;
  try {
    relative = decodeURIComponent(pathname.slice(mount.prefix.length));
  } catch {
    return { kind: 'bad-request' };
  }
  if (relative.includes('\0') || relative.includes('\\') || relative.split('/').includes('..')) {
    return { kind: 'bad-request' };
  }
  let file = resolve(mount.dir, relative);
  if (file !== mount.dir && !file.startsWith(mount.dir + sep)) return { kind: 'bad-request' };
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) return { kind: 'redirect', location: `${pathname}/` };
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return { kind: 'not-found' };
  return { kind: 'file', file, size: info.size, mount };
}

export function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  found: Extract<StaticResult, { kind: 'file' }>,
  base: Headers,
): void {
  response.writeHead(200, {
    ...(found.mount.bare ? {} : base),
    'Content-Type': CONTENT_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(found.size),
    ...found.mount.headers(basename(found.file)),
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(found.file).pipe(response);
}
