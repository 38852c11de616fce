// What someone with write access to the storage account plants, and what a hostile client sends,
// over real HTTP with Azurite: a conversation reference pointing elsewhere is not followed, an empty
// signing key is replaced, an activity nested 10,000 deep and a body that never finishes are refused.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomUUID } from 'node:crypto';
import { startStack, Stack, ADMIN_ID } from '../../support/stack';
import { cardText } from '../../support/connector';
import { startBot, type RunningBot } from '../../../src/app';
import { createBlobState } from '../../../src/teams/blob-state';
import { Logger } from '../../../src/log';
import { DEFAULT_ALERT_SETTINGS } from '../../../src/reports/alerts/settings';

let stack: Stack;
const bots: RunningBot[] = [];

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo', env: { ALERT_INTERVAL_MINUTES: '0' } });
});
afterAll(async () => {
  for (const b of bots) await b.stop().catch(() => undefined);
  await stack?.stop();
});

async function firstReply(text: string, conversationId: string): Promise<string> {
  const since = stack.connector.activities.length;
  expect(await stack.say(text, { conversationId })).toBe(200);
  const reply = await stack.connector.waitFor(() =>
    stack.connector.activities.slice(since).find((a) => a.kind === 'send' && a.conversationId === conversationId),
  );
  return cardText(reply.activity);
}

test('a stored reference whose serviceUrl was changed is not followed: nothing is posted there, and the log says why', async () => {
  // A host that is not Teams' (and not the demo's loopback, 127.0.0.1/localhost): it records whatever reaches it.
  const received: string[] = [];
  const attacker = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url} ${req.headers.authorization ? 'with a token' : ''}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'x' }));
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.2', r));
  try {
    const chat = `a:${randomUUID()}`;
    expect(await firstReply('alerts on', chat)).toMatch(/Alerts are on/);
    await stack.bot.server.bot.idle();
    const { conversations } = stack.bot.services.alerts;
    const saved = (await conversations.get(chat))!;
    expect(saved).toBeDefined();
    // Someone with write access to the storage account points the reference at their own host.
    await conversations.save({ ...saved.reference, serviceUrl: `http://127.0.0.2:${(attacker.address() as AddressInfo).port}/` });

    const before = stack.connector.activities.length;
    const report = await stack.bot.services.alerts.runCycle();
    expect(report.ran).toBe(true);
    expect(received).toEqual([]);
    expect(stack.connector.activities.slice(before).filter((a) => a.conversationId === chat)).toEqual([]);
    expect(report.failed).toBeGreaterThan(0);
    expect(stack.logLines.some((l) => /refused to send: serviceUrl host 127\.0\.0\.2:\d+ is not a Teams service host/.test(l))).toBe(true);
  } finally {
    await new Promise<void>((r) => attacker.close(() => r()));
  }
});

test('outside demo mode even loopback is not Teams: a reference naming it is refused and logged', async () => {
  const saved = process.env.MicrosoftAppPassword;
  process.env.MicrosoftAppPassword = 'not-a-real-secret';
  const lines: string[] = [];
  try {
    const prod = await startBot({
      config: {
        ...stack.config,
        demo: false,
        storage: { ...stack.config.storage, container: `prod${randomUUID().replace(/-/g, '').slice(0, 12)}` },
        bot: { appId: randomUUID(), appType: 'SingleTenant', appTenantId: stack.sim.info.tenantId, hasPassword: true },
      },
      log: new Logger('debug', { app: 'prod' }, (l) => lines.push(l)),
      tlsCa: stack.sim.info.caCertPem,
      bindHost: '127.0.0.1',
    });
    bots.push(prod);
    const chat = `a:${randomUUID()}`;
    const { conversations, subscriptions } = prod.services.alerts;
    await conversations.save({
      serviceUrl: stack.connector.url,
      channelId: 'msteams',
      conversation: { id: chat, conversationType: 'personal' },
      bot: { id: 'bot-id' },
    });
    await subscriptions.subscribe({
      conversationId: chat,
      conversationType: 'personal',
      settings: DEFAULT_ALERT_SETTINGS,
      since: new Date().toISOString(),
      by: { aadObjectId: ADMIN_ID, name: 'Test Admin' },
    });
    const before = stack.connector.activities.length;
    const report = await prod.services.alerts.runCycle();
    expect(report.failed).toBeGreaterThan(0);
    expect(stack.connector.activities.slice(before).filter((a) => a.conversationId === chat)).toEqual([]);
    expect(lines.some((l) => /refused to send: serviceUrl host 127\.0\.0\.1:\d+ is not a Teams service host/.test(l))).toBe(true);
  } finally {
    if (saved === undefined) delete process.env.MicrosoftAppPassword;
    else process.env.MicrosoftAppPassword = saved;
  }
});

test('an empty export signing key planted in storage is replaced at start: links signed with it get 403, real ones 200', async () => {
  const container = `key${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const config = { ...stack.config, storage: { ...stack.config.storage, container } };
  const planted = createBlobState(config, undefined as never);
  await planted.write('secrets/export-signing-key', { key: '' });

  const lines: string[] = [];
  const bot = await startBot({
    config,
    log: new Logger('debug', { app: 'key' }, (l) => lines.push(l)),
    tlsCa: stack.sim.info.caCertPem,
    bindHost: '127.0.0.1',
  });
  bots.push(bot);
  expect(lines.some((l) => /export signing key in storage was not a key of at least 32 bytes; a new one was made/.test(l))).toBe(true);
  const stored = (await planted.read<{ key: string }>('secrets/export-signing-key'))!.value;
  expect(Buffer.from(stored.key, 'base64').length).toBeGreaterThanOrEqual(32);

  const chat = `a:${randomUUID()}`;
  const since = stack.connector.activities.length;
  expect(await stack.say('export licenses', { bot, conversationId: chat })).toBe(200);
  const link = await stack.connector.waitFor(() => {
    for (const a of stack.connector.activities.slice(since)) {
      const m = /(http:\/\/[^\s"]+\/api\/exports\/([0-9a-f]{32})\?exp=(\d+)&sig=[A-Za-z0-9_-]+)/.exec(
        JSON.stringify(stack.connector.messages.get(a.id)),
      );
      if (m && a.conversationId === chat) return { url: m[1], id: m[2], exp: m[3] };
    }
    return undefined;
  });
  expect((await fetch(link.url)).status).toBe(200);
  const forged = createHmac('sha256', Buffer.alloc(0)).update(`export:${link.id}:${link.exp}`).digest('base64url');
  expect((await fetch(`${bot.url}/api/exports/${link.id}?exp=${link.exp}&sig=${forged}`)).status).toBe(403);
});

test('an activity nested 10,000 deep gets 400 before anything walks it, and the bot lives on', async () => {
  let nested = '{}';
  for (let i = 0; i < 10_000; i++) nested = `{"a":${nested}}`;
  const raw = JSON.stringify({
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: stack.connector.url,
    text: 'help',
    from: { id: 'u', aadObjectId: ADMIN_ID },
    recipient: { id: 'bot-id' },
    conversation: { id: `a:${randomUUID()}` },
  }).replace(/}$/, `,"value":${nested}}`);
  const res = await stack.post(undefined, raw);
  expect(res.status).toBe(400);
  expect(JSON.stringify(res.body)).toMatch(/nests deeper than 64 levels/);
  expect((await fetch(`${stack.bot.url}/healthz`)).status).toBe(200);
  expect(stack.logLines.some((l) => l.includes('body nested too deeply'))).toBe(true);
});

test('a body that stops arriving is answered 408 once its time is up, not held', async () => {
  const bot = await startBot({
    config: stack.config,
    log: new Logger('debug', { app: 'slow' }, () => undefined),
    tlsCa: stack.sim.info.caCertPem,
    bindHost: '127.0.0.1',
    bodyTimeoutMs: 1_000,
  });
  bots.push(bot);
  const status = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '1000' },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.write('{"type":"mess');
    // …and nothing more: the rest never comes.
    setTimeout(() => reject(new Error('the bot held the slow body for 10 s')), 10_000).unref();
  });
  expect(status).toBe(408);
});
