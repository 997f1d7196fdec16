/**
 * The NAT suite's client inside a namespace (`ip netns exec NS node probe.mjs JOB`): one job,
 * given as JSON, answered as JSON on stdout. HTTPS trusts the run's certificate through
 * NODE_EXTRA_CA_CERTS; TURN uses the integration tests' client.
 */
import { TurnClient } from '../../integration/harness/turn-client.js';
import type { ProbeJob } from './netns-probe.js';

async function answer(job: ProbeJob): Promise<unknown> {
  if (job.kind === 'http') {
    const response = await fetch(job.url, {
      method: job.method,
      headers: { 'content-type': 'application/json', ...job.headers },
      body: job.body,
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }
  const client = new TurnClient(job.server, job.username, job.credential);
  try {
    const allocation = await client.allocate();
    const permissions: Record<string, unknown> = {};
    if (allocation.ok) {
      for (const peer of job.peers) permissions[peer] = await client.createPermission(peer);
    }
    return { allocation, permissions };
  } finally {
    client.close();
  }
}

const job = JSON.parse(process.argv[2] ?? '{}') as ProbeJob;
process.stdout.write(JSON.stringify(await answer(job)));
