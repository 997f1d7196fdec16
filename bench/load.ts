import type { Worker } from 'playwright-core';
import { sessionState } from '../test/e2e/harness/extension.js';
import { cpuSeconds } from './process-cpu.js';

export interface LoadFigures {
  guests: number;
  /** Sharer browser CPU, in percent of one core. */
  cpuPercent: number;
  /** Video bytes sent per second to each guest, in kbit/s. */
  uploadKbpsPerGuest: number;
}

async function totalBytesSent(worker: Worker): Promise<number> {
  const state = await sessionState(worker);
  if (state.kind !== 'live') throw new Error('the share ended during the load test');
  return state.guests
    .filter((g) => g.status === 'watching')
    .reduce((sum, g) => sum + g.bytesSent, 0);
}

/**
 * The media host refreshes its stats every few seconds: wait for a fresh report, so that the
 * bytes and the moment they were read belong together.
 */
async function nextStatsReport(worker: Worker): Promise<{ at: number; bytes: number }> {
  const before = await totalBytesSent(worker);
  for (;;) {
    const bytes = await totalBytesSent(worker);
    if (bytes !== before) return { at: Date.now(), bytes };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** CPU and upload of the sharer's browser over `reports` stats intervals, with `guests` watching. */
export async function measureLoad(
  worker: Worker,
  profile: string,
  guests: number,
  reports = 4,
): Promise<LoadFigures> {
  const start = await nextStatsReport(worker);
  const cpuStart = cpuSeconds(profile);
  let end = start;
  for (let i = 0; i < reports; i++) end = await nextStatsReport(worker);
  const seconds = (end.at - start.at) / 1000;
  return {
    guests,
    cpuPercent: Math.round(((cpuSeconds(profile) - cpuStart) / seconds) * 100),
    uploadKbpsPerGuest: Math.round(((end.bytes - start.bytes) * 8) / 1000 / seconds / guests),
  };
}
