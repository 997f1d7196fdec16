import type { Browser, Page } from 'playwright-core';

/**
 * Which path a viewer's connection took, read from the browser's own statistics without
 * touching the viewer: an init script keeps every RTCPeerConnection the page makes.
 */
export interface IcePath {
  local: string;
  remote: string;
  /** How the local relay candidate reaches the TURN server: udp, tcp or tls (relay only). */
  relayProtocol: string | null;
}

function keepConnections(): void {
  const kept: RTCPeerConnection[] = [];
  (window as unknown as { iceConnections: RTCPeerConnection[] }).iceConnections = kept;
  window.RTCPeerConnection = new Proxy(RTCPeerConnection, {
    construct(Native, args: ConstructorParameters<typeof RTCPeerConnection>) {
      const connection = new Native(...args);
      kept.push(connection);
      return connection;
    },
  });
}

/** `joinAsGuest` in a context whose pages keep their connections for `icePath`. */
export async function openWatchedViewer(browser: Browser, link: string, name: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(keepConnections);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[viewer] ${error.message}`));
  await page.goto(link);
  await page.getByRole('textbox', { name: 'Your name' }).fill(name);
  return page;
}

/** The selected candidate pair of the page's connected connection, or null before one is. */
export function icePath(page: Page): Promise<IcePath | null> {
  return page.evaluate(async () => {
    const kept = (window as unknown as { iceConnections: RTCPeerConnection[] }).iceConnections;
    for (const connection of kept.filter((c) => c.connectionState === 'connected')) {
      const stats = [...(await connection.getStats()).values()] as Record<string, unknown>[];
      const byId = (id: unknown) => stats.find((entry) => entry.id === id);
      const transport = stats.find((entry) => entry.type === 'transport');
      const pair = byId(transport?.selectedCandidatePairId);
      if (!pair) continue;
      const local = byId(pair.localCandidateId);
      const remote = byId(pair.remoteCandidateId);
      return {
        local: String(local?.candidateType),
        remote: String(remote?.candidateType),
        relayProtocol: typeof local?.relayProtocol === 'string' ? local.relayProtocol : null,
      };
    }
    return null;
  });
}
