import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';

/**
 * The call-site fixtures (test/fixtures/sites) served under the real sites' names, over
 * HTTPS on a loopback port: the sharer's browser maps each name to it
 * (`--host-resolver-rules`) and trusts only this server's throwaway certificate
 * (`--ignore-certificate-errors-spki-list`), so `https://meet.google.com/abc-defg-hij` is the
 * fixture and nothing leaves the machine. Any path on a host serves the page shown for it
 * (`show`); `/_fixture/…` serves the fixtures' own files.
 */
const SITES = join(process.cwd(), 'test/fixtures/sites');

/** Each host and the fixture it shows until a test picks another. */
const DEFAULTS: Record<string, string> = {
  'meet.google.com': 'meet/call-controls.html',
  'teams.microsoft.com': 'teams/classic.html',
  'teams.live.com': 'teams/classic.html',
  'teams.cloud.microsoft': 'teams/new-teams-dark.html',
  'app.zoom.us': 'zoom/webclient.html',
  'us02web.zoom.us': 'zoom/classic.html',
  'meet.jit.si': 'jitsi/participant.html',
  'whereby.com': 'whereby/room.html',
  // Sites a user adds: a self-hosted Jitsi, and a call page of some other kind.
  'jitsi.example.org': 'jitsi/self-hosted.html',
  'calls.example.org': 'generic/index.html',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export interface SiteServer {
  /** Flags for the sharer's browser: the names map here, and only this certificate is trusted. */
  readonly browserArgs: string[];
  /** The page `host` serves from now on, e.g. `show('meet.google.com', 'meet/redesign-de.html')`. */
  show(host: string, fixture: string): void;
  close(): Promise<void>;
}

/** A self-signed certificate for the fixture hosts, made for this run and deleted with it. */
function certificate(): { key: Buffer; cert: Buffer; spki: string } {
  const dir = mkdtempSync(join(tmpdir(), 'deskbridge-tls-'));
  try {
    const names = Object.keys(DEFAULTS)
      .map((host) => `DNS:${host}`)
      .join(',');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
        .concat(['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1'])
        .concat(['-subj', '/CN=deskbridge-fixtures', '-addext', `subjectAltName=${names}`]),
      { stdio: 'ignore' },
    );
    const cert = readFileSync(join(dir, 'cert.pem'));
    const der = createPublicKey(cert).export({ type: 'spki', format: 'der' });
    const spki = createHash('sha256').update(der).digest('base64');
    return { key: readFileSync(join(dir, 'key.pem')), cert, spki };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fileFor(host: string, pathname: string, shown: Map<string, string>): string | null {
  const relative = pathname.startsWith('/_fixture/')
    ? decodeURIComponent(pathname.slice('/_fixture/'.length))
    : shown.get(host);
  if (!relative || relative.includes('\0')) return null;
  const file = resolve(SITES, relative);
  return file.startsWith(SITES + sep) ? file : null;
}

export async function startSiteServer(): Promise<SiteServer> {
  const { key, cert, spki } = certificate();
  const shown = new Map(Object.entries(DEFAULTS));
  const server = createServer({ key, cert }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const { pathname } = new URL(request.url ?? '/', 'https://fixture');
    const file = fileFor(host, pathname, shown);
    let body: Buffer | null = null;
    try {
      if (file && statSync(file).isFile()) body = readFileSync(file);
    } catch {
      body = null;
    }
    if (!file || !body) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not Found');
      return;
    }
    response
      .writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      })
      .end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  const rules = Object.keys(DEFAULTS)
    .map((host) => `MAP ${host}:443 127.0.0.1:${port}`)
    .join(', ');
  return {
    browserArgs: [
      `--host-resolver-rules=${rules}`,
      `--ignore-certificate-errors-spki-list=${spki}`,
    ],
    show(host, fixture) {
      if (!(host in DEFAULTS)) throw new Error(`no fixture host ${host}`);
      shown.set(host, fixture);
    },
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
