import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway self-signed certificate, made with openssl for one run and deleted after it. */
export interface TestCertificate {
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of its public key: `--ignore-certificate-errors-spki-list=` trusts it alone. */
  spki: string;
  remove(): void;
}

/** `names`: subjectAltName entries, e.g. `['IP:198.18.0.1', 'DNS:turn.test']`. */
export function makeCertificate(names: string[]): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'deskbridge-cert-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
      .concat(['-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=deskbridge-test'])
      .concat(['-addext', `subjectAltName=${names.join(',')}`]),
    { stdio: 'ignore' },
  );
  const der = createPublicKey(readFileSync(certFile)).export({ type: 'spki', format: 'der' });
  return {
    certFile,
    keyFile,
    spki: createHash('sha256').update(der).digest('base64'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
