import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { EXTENSION_ID } from './browsers.js';

interface Reply {
  id?: number;
  result?: Record<string, unknown> & { result?: { objectId?: string; value?: unknown } };
  error?: { message: string };
}

/**
 * Evaluates in the offscreen document through the browser's DevTools protocol. Playwright does
 * not list offscreen documents as pages, so a page's CDP session attaches to its target.
 */
export class OffscreenProbe {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const reply = JSON.parse(event.message) as Reply;
      if (reply.id !== undefined) this.waiting.get(reply.id)?.(reply);
    });
  }

  static async attach(context: BrowserContext, page: Page): Promise<OffscreenProbe> {
    const cdp = await context.newCDPSession(page);
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find(
      (info) => info.url === `chrome-extension://${EXTENSION_ID}/offscreen.html`,
    );
    if (!target) throw new Error('no offscreen document');
    const { sessionId } = await cdp.send('Target.attachToTarget', {
      targetId: target.targetId,
      flatten: false,
    });
    return new OffscreenProbe(cdp, sessionId);
  }

  private send(method: string, params: Record<string, unknown>): Promise<Reply> {
    const id = this.nextId++;
    const reply = new Promise<Reply>((resolve) => this.waiting.set(id, resolve));
    void this.cdp.send('Target.sendMessageToTarget', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return reply.then((answer) => {
      this.waiting.delete(id);
      if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
      return answer;
    });
  }

  /** The parameters of every live video sender in the document (one per guest). */
  async videoSenderParameters(): Promise<RTCRtpSendParameters[]> {
    const proto = await this.send('Runtime.evaluate', { expression: 'RTCRtpSender.prototype' });
    const prototypeObjectId = proto.result?.result?.objectId;
    const found = await this.send('Runtime.queryObjects', { prototypeObjectId });
    const objects = found.result?.objects as { objectId: string } | undefined;
    const read = await this.send('Runtime.callFunctionOn', {
      objectId: objects?.objectId,
      functionDeclaration: `function () {
        return this.filter((s) => s.track && s.track.kind === 'video' && s.transport)
          .map((s) => s.getParameters());
      }`,
      returnByValue: true,
    });
    return (read.result?.result?.value ?? []) as RTCRtpSendParameters[];
  }

  /** How many RTCPeerConnection objects the document holds now (after a garbage collection). */
  async peerConnections(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage', {});
    const proto = await this.send('Runtime.evaluate', {
      expression: 'RTCPeerConnection.prototype',
    });
    const found = await this.send('Runtime.queryObjects', {
      prototypeObjectId: proto.result?.result?.objectId,
    });
    const objects = found.result?.objects as { objectId: string } | undefined;
    const read = await this.send('Runtime.callFunctionOn', {
      objectId: objects?.objectId,
      functionDeclaration: 'function () { return this.length; }',
      returnByValue: true,
    });
    return Number(read.result?.result?.value ?? -1);
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => {});
  }
}
