// A local stand-in for the Teams channel's connector service: it receives the bot's replies and
// updates over real HTTP, as the Bot Framework connector would, and lets a test wait for them.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface PostedActivity {
  id: string;
  conversationId: string;
  kind: 'send' | 'update';
  activity: any;
  /** Every version of this message, oldest first (sends and updates). */
  at: number;
}

export interface RosterMember {
  id: string;
  name: string;
  aadObjectId: string;
  givenName?: string;
  surname?: string;
  email?: string;
  userPrincipalName: string;
  tenantId?: string;
  userRole?: 'user' | 'guest' | 'anonymous';
}

export class LocalConnector {
  readonly activities: PostedActivity[] = [];
  /** The latest version of each message id. */
  readonly messages = new Map<string, any>();
  private server!: http.Server;
  url = '';
  private waiters: (() => void)[] = [];
  /** Status to answer with (e.g. 403 when "the bot was removed"); null = normal. */
  failWith: number | null = null;
  /** Answers each post this much later (a slow Teams, to stop a bot in the middle of its sends). */
  delayMs = 0;
  /** The conversation roster, by Teams user id (29:…), as the roster call answers it. */
  readonly roster = new Map<string, RosterMember>();
  /** How many roster look-ups the bot made. */
  rosterCalls = 0;
  /** Answers roster look-ups this much later (a roster that hangs). */
  rosterDelayMs = 0;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => (this.delayMs ? setTimeout(() => this.handle(req, res, body), this.delayMs) : this.handle(req, res, body)));
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', this.url);
    const m = url.pathname.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/);
    if (this.failWith) {
      res.writeHead(this.failWith, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'Forbidden', message: 'stand-in refusal' } }));
      return;
    }
    const member = url.pathname.match(/^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/);
    if (member && req.method === 'GET' && this.rosterDelayMs > 0 && !(req as { delayed?: boolean }).delayed) {
      (req as { delayed?: boolean }).delayed = true;
      setTimeout(() => this.handle(req, res, body), this.rosterDelayMs).unref();
      return;
    }
    if (member && req.method === 'GET') {
      // Get conversation member: GET /v3/conversations/{conversationId}/members/{userId} answers one
      // TeamsChannelAccount (id, name, aadObjectId, email, userPrincipalName, tenantId, userRole);
      // an unknown member is a 404 with Bot Connector's ErrorResponse { error: { code, message } }.
      // Sources: learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context ("Get single
      // member details"); learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference.
      this.rosterCalls++;
      const found = this.roster.get(decodeURIComponent(member[2]));
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          found ?? { error: { code: 'MemberNotFoundInConversation', message: 'The member was not found in the conversation.' } },
        ),
      );
      return;
    }
    if (!m) {
      res.writeHead(404);
      res.end();
      return;
    }
    let activity: any = {};
    try {
      activity = JSON.parse(body || '{}');
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    const conversationId = decodeURIComponent(m[1]);
    if (req.method === 'PUT' && m[2]) {
      const id = decodeURIComponent(m[2]);
      this.record({ id, conversationId, kind: 'update', activity, at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
      return;
    }
    if (req.method === 'POST') {
      const id = randomUUID();
      this.record({ id, conversationId, kind: 'send', activity, at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id }));
      return;
    }
    res.writeHead(405);
    res.end();
  }

  private record(a: PostedActivity): void {
    this.activities.push(a);
    this.messages.set(a.id, a.activity);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until `predicate` finds something in what was posted (checked after each post). */
  async waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = predicate();
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `Timed out; the connector received: ${JSON.stringify(
            this.activities.map((a) => ({ kind: a.kind, text: cardText(a.activity).slice(0, 200) })),
            null,
            1,
          )}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }
}

/** All the text a person would read in an activity: its text plus every text in its cards. */
export function cardText(activity: any): string {
  const parts: string[] = [];
  if (typeof activity?.text === 'string') parts.push(activity.text);
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title' || k === 'value' || k === 'fallbackText') && typeof v === 'string') parts.push(v);
        else walk(v);
      }
    }
  };
  walk(activity?.attachments?.map((a: any) => a.content));
  return parts.join('\n');
}
