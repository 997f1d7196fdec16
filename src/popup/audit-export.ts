import type { AuditRecord, SessionState } from '../shared/session.js';

type Live = Extract<SessionState, { kind: 'live' }>;

export interface AuditExport {
  session: { startedAt: number; link: string };
  entries: AuditRecord[];
}

/**
 * The viewer link without its key (`k=` in the fragment), so an exported log never lets anyone
 * in. Only the fragment: a viewer URL may have a query parameter of its own named k.
 */
export function linkWithoutKey(link: string): string {
  const hash = link.indexOf('#');
  if (hash < 0) return link;
  const params = new URLSearchParams(link.slice(hash + 1));
  params.delete('k');
  const rest = params.toString();
  return rest ? `${link.slice(0, hash)}#${rest}` : link.slice(0, hash);
}

export function auditExport(state: Live): AuditExport {
  return {
    session: { startedAt: state.startedAt, link: linkWithoutKey(state.link) },
    entries: state.audit,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** deskbridge-audit-20250102-130405.json, from the share's start in local time. */
export function auditFileName(startedAt: number): string {
  const date = new Date(Number.isFinite(startedAt) ? startedAt : Date.now());
  const day = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}`;
  const time = `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return `deskbridge-audit-${day}-${time}.json`;
}

/** A download from a Blob through an <a download>: no `downloads` permission needed. */
export function downloadAudit(state: Live): string {
  const name = auditFileName(state.startedAt);
  const blob = new Blob([`${JSON.stringify(auditExport(state), null, 2)}\n`], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has its own copy once started; the page closing revokes it anyway.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
