// A stand-in for the Teams connector service that notes when each of the bot's sends and updates
// arrives, so a benchmark can time what the admin would see in the chat.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { isProgressCard } from '../src/cards/progress-card';

export interface ArrivedActivity {
  conversationId: string;
  kind: 'send' | 'update';
  activity: any;
  /** performance.now() when the request arrived. */
  at: number;
}

export class TimingConnector {
  readonly arrived: ArrivedActivity[] = [];
  url = '';
  private server?: http.Server;
  private waiters: (() => void)[] = [];

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const at = performance.now();
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(
          new URL(req.url ?? '/', 'http://connector.invalid').pathname,
        );
        let activity: any = {};
        try {
          activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          // Recorded as empty; a benchmark only needs the arrival time.
        }
        if (!m || (req.method !== 'POST' && req.method !== 'PUT')) {
          // Not chained: restify, loaded in the same process, patches writeHead to return nothing.
          res.writeHead(404);
          res.end();
          return;
        }
        const kind = req.method === 'PUT' ? 'update' : 'send';
        const id = kind === 'update' && m[2] ? decodeURIComponent(m[2]) : randomUUID();
        this.arrived.push({ conversationId: decodeURIComponent(m[1]), kind, activity, at });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id }));
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async waitFor(conversationId: string, timeoutMs: number): Promise<ArrivedActivity> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.arrived.find((a) => a.conversationId === conversationId);
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`nothing reached the connector for ${conversationId} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  of(conversationId: string): ArrivedActivity[] {
    return this.arrived.filter((a) => a.conversationId === conversationId);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** Every text a person would read in an activity, to tell a report from a progress or error card. */
export function activityText(activity: any): string {
  const parts: string[] = [];
  const walk = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title') && typeof v === 'string') parts.push(v);
        else walk(v);
      }
    }
  };
  if (typeof activity?.text === 'string') parts.push(activity.text);
  walk(activity?.attachments?.map((a: any) => a.content));
  return parts.join('\n');
}

/** Whether the bot's message is still a progress card, asked the way test/support/ask.ts asks it. */
export function isProgress(activity: any): boolean {
  return (activity?.attachments ?? []).some((a: any) => isProgressCard(a?.content));
}
