// An outsider on the network, over real HTTP, against the demo and against a production-mode bot
// (JWT validation on, a local OpenID server standing in for login.botframework.com): compressed
// bodies and gzip bombs, form posts, oversized and forged tokens of every path botbuilder knows,
// malformed claims and activities, refused senders, a pasted IDENTITY_HEADER, long-lived export links.
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { randomBytes, randomUUID } from 'node:crypto';
import { ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector/lib/auth/tokenValidationParameters';
import { startStack, Stack, ADMIN_ID } from '../../support/stack';
import { startOpenIdServer, OpenIdServer, base64url } from '../../support/openid-server';
import { LocalConnector } from '../../support/connector';
import { startBot, RunningBot } from '../../../src/app';
import { Logger } from '../../../src/log';
import { ExportLinks, exportSigningKey } from '../../../src/exports/links';

const APP_ID = '3f1c2e55-0a4b-4c2d-9e8f-7a6b5c4d3e2f';

let stack: Stack;
let openId: OpenIdServer;
let prod: RunningBot;
let attacker: LocalConnector;
const prodLog: string[] = [];
const savedPassword = process.env.MicrosoftAppPassword;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo' });
  openId = await startOpenIdServer();
  attacker = await new LocalConnector().start();
  process.env.MicrosoftAppPassword = 'not-a-real-secret';
  prod = await startBot({
    config: {
      ...stack.config,
      demo: false,
      bot: { appId: APP_ID, appType: 'SingleTenant', appTenantId: stack.sim.info.tenantId, hasPassword: true },
    },
    log: new Logger('debug', { app: 'prod' }, (l) => prodLog.push(l)),
    tlsCa: stack.sim.info.caCertPem,
    bindHost: '127.0.0.1',
    authOverrides: openId.authOverrides(),
  });
});
afterAll(async () => {
  await prod?.stop();
  await attacker?.stop();
  await openId?.stop();
  await stack?.stop();
  if (savedPassword === undefined) delete process.env.MicrosoftAppPassword;
  else process.env.MicrosoftAppPassword = savedPassword;
});

/** A raw request (any method, header and body; fetch would refuse some of these). */
function send(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // Framed as a client frames it (Node sends a GET's body unframed otherwise).
    if (body !== undefined && !headers['transfer-encoding']) headers = { 'content-length': String(Buffer.byteLength(body)), ...headers };
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    // The server may answer and close before the whole body is sent: that is a refusal, not an error.
    req.on('error', (err: any) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? resolve({ status: -1, text: err.code }) : reject(err),
    );
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

const healthy = async (base: string) => (await fetch(`${base}/healthz`)).status;

function activity(
  o: { serviceUrl?: string; from?: string; tenantId?: string; conversationId?: string; text?: string; channelId?: string } = {},
) {
  const tenantId = o.tenantId ?? stack.sim.info.tenantId;
  return {
    type: 'message',
    id: randomUUID(),
    channelId: o.channelId ?? 'msteams',
    serviceUrl: o.serviceUrl ?? stack.connector.url,
    timestamp: new Date().toISOString(),
    from: { id: `29:${o.from ?? ADMIN_ID}`, name: 'Someone', aadObjectId: o.from ?? ADMIN_ID },
    recipient: { id: `28:${APP_ID}`, name: 'Mailbox Watch' },
    conversation: { id: o.conversationId ?? `a:${randomUUID()}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    text: o.text ?? 'help',
  };
}

/** A Refresh-style click: answered in the HTTP response, so production mode needs no outbound token. */
function click(o: Parameters<typeof activity>[0] = {}) {
  const { text, ...base } = activity(o);
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: 'card-1',
    value: { action: { type: 'Action.Execute', verb: 'command.run', data: { text: text ?? 'help' } }, trigger: 'manual' },
  };
}

async function postJson(base: string, body: unknown, authorization?: string): Promise<{ status: number; text: string }> {
  return send(
    base,
    'POST',
    '/api/messages',
    { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    JSON.stringify(body),
  );
}

/** ~150 KB of gzip that inflates to 150 MB of zeros, made without holding the 150 MB. */
async function gzipBomb(megabytes = 150): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (d) => out.push(d));
  const done = new Promise((r) => gzip.on('end', r));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!gzip.write(zeros)) await new Promise((r) => gzip.once('drain', r));
  gzip.end();
  await done;
  return Buffer.concat(out);
}

describe('1. compressed bodies are refused before anything reads them, on every route', () => {
  const routes: [string, string][] = [
    ['POST', '/api/messages'],
    ['POST', '/api/alerts/run'],
    ['GET', '/healthz'],
    ['POST', '/healthz'],
    ['GET', '/api/exports/x'],
  ];
  test.each(routes)('%s %s with gzip garbage: 415, and the bot lives on (demo and production)', async (method, path) => {
    for (const base of [stack.bot.url, prod.url]) {
      const res = await send(base, method, path, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, randomBytes(2048));
      expect(res.status).toBe(415);
      expect(await healthy(base)).toBe(200);
    }
  });

  test('a gzip bomb (150 KB → 150 MB) is refused unread: 415, /healthz answers, memory does not grow', async () => {
    const bomb = await gzipBomb();
    expect(bomb.length).toBeLessThan(400 * 1024);
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (const base of [stack.bot.url, prod.url]) {
      for (const encoding of ['gzip', 'GZIP', 'deflate', 'br', 'gzip, identity']) {
        const res = await send(base, 'POST', '/api/messages', { 'content-type': 'application/json', 'content-encoding': encoding }, bomb);
        expect([415, -1]).toContain(res.status);
      }
      expect(await healthy(base)).toBe(200);
    }
    // Inflating even one bomb would add 150 MB; ten refusals add next to nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * 1024 * 1024);
  });

  test('an uncompressed body over 256 KB, declared or streamed, is refused with 413', async () => {
    const big = JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) });
    expect((await send(stack.bot.url, 'POST', '/api/messages', { 'content-type': 'application/json' }, big)).status).toBe(413);
    expect(
      (await send(stack.bot.url, 'POST', '/api/messages', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, big))
        .status,
    ).toBe(413);
    expect(await healthy(stack.bot.url)).toBe(200);
  });

  test('Content-Encoding: identity is what it says: accepted', async () => {
    const res = await send(
      stack.bot.url,
      'POST',
      '/api/messages',
      { 'content-type': 'application/json', 'content-encoding': 'identity' },
      JSON.stringify({ ...activity(), from: { id: 'u', aadObjectId: ADMIN_ID } }),
    );
    expect(res.status).toBe(200);
  });
});

describe('5. /api/messages takes application/json only, in every mode', () => {
  const forms: [string, string, string][] = [
    ['a cross-site form post', 'application/x-www-form-urlencoded', 'type=message&text=help&serviceUrl=http%3A%2F%2Fevil.example%2F'],
    ['text/plain carrying JSON', 'text/plain', JSON.stringify({ type: 'message', text: 'help' })],
    ['multipart', 'multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--x--\r\n'],
  ];
  test.each(forms)('%s: 415 and nothing is sent anywhere', async (_name, type, body) => {
    const before = stack.connector.activities.length;
    for (const base of [stack.bot.url, prod.url]) {
      expect((await send(base, 'POST', '/api/messages', { 'content-type': type }, body)).status).toBe(415);
    }
    expect((await send(stack.bot.url, 'POST', '/api/messages', {})).status).toBe(415);
    expect(stack.connector.activities.length).toBe(before);
  });
});

/** An unsigned token (alg none) with these claims; botbuilder still decodes it to pick a path. */
function unsignedToken(claims: Record<string, unknown>): string {
  return `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.`;
}

describe('2. tokens that are no channel tokens never reach botbuilder (production)', () => {
  test('10,000-character tid claims: 401 each, and botbuilder’s issuer list does not grow', async () => {
    const issuers = ToBotFromBotOrEmulatorTokenValidationParameters.issuer as string[];
    const before = issuers.length;
    for (let i = 0; i < 50; i++) {
      const now = Math.floor(Date.now() / 1000);
      const token = unsignedToken({
        iss: 'https://sts.windows.net/x/',
        aud: APP_ID,
        tid: randomBytes(5000).toString('hex'),
        ver: '1.0',
        appid: APP_ID,
        exp: now + 600,
      });
      expect((await postJson(prod.url, activity(), `Bearer ${token}`)).status).toBe(401);
    }
    // Signed channel-issuer tokens with a tid are refused too: botbuilder's emulator check would read it.
    const channelWithTid = openId.token(APP_ID, stack.connector.url, { claims: { tid: randomBytes(16).toString('hex') } });
    expect((await postJson(prod.url, activity(), `Bearer ${channelWithTid}`)).status).toBe(401);
    expect(issuers.length).toBe(before);
    expect(await healthy(prod.url)).toBe(200);
  });

  test('an Authorization header over 8 KB is refused unread', async () => {
    const token = openId.token(APP_ID, stack.connector.url, { claims: { pad: 'x'.repeat(9000) } });
    expect((await postJson(prod.url, activity(), `Bearer ${token}`)).status).toBe(401);
    expect(prodLog.some((l) => /authorization header too long/.test(l))).toBe(true);
  });
});

describe('3. only channel tokens open /api/messages: no Entra, emulator, skill or ASE path (production)', () => {
  const TENANT = '2f1b3c4d-0000-4000-8000-00000000aaaa';
  const entra = (claims: Record<string, unknown>) =>
    openId.token(APP_ID, '', {
      claims: { iss: `https://sts.windows.net/${TENANT}/`, tid: TENANT, oid: randomUUID(), serviceurl: undefined, ...claims },
    });
  const cases: [string, () => string, Record<string, unknown>][] = [
    ["a managed-identity token for the bot's own app id (v1)", () => entra({ ver: '1.0', appid: APP_ID }), {}],
    [
      'the same, v2 (login.microsoftonline.com)',
      () => entra({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, ver: '2.0', azp: APP_ID }),
      {},
    ],
    ['a skill token (another bot calling)', () => entra({ ver: '1.0', appid: randomUUID() }), {}],
    [
      'an emulator token',
      () => entra({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/', ver: '1.0', appid: APP_ID, tid: undefined }),
      {},
    ],
    ['a channel token on the AseChannel path', () => openId.token(APP_ID, attacker.url), { channelId: 'AseChannel' }],
  ];
  test.each(cases)('%s: 401, and the attacker’s serviceUrl hears nothing', async (_name, token, extra) => {
    const res = await postJson(prod.url, { ...activity({ serviceUrl: attacker.url, text: 'shared' }), ...extra }, `Bearer ${token()}`);
    expect(res.status).toBe(401);
    await prod.server.bot.idle();
    expect(attacker.activities).toHaveLength(0);
  });

  test('alerts on with such a token stores no serviceUrl for proactive alerts', async () => {
    const conversationId = `a:${randomUUID()}`;
    const res = await postJson(
      prod.url,
      activity({ serviceUrl: attacker.url, text: 'alerts on', conversationId }),
      `Bearer ${entra({ ver: '1.0', appid: APP_ID })}`,
    );
    expect(res.status).toBe(401);
    await prod.server.bot.idle();
    expect(await prod.services.alerts.conversations.get(conversationId)).toBeUndefined();
  });

  test('a genuine channel token still gets in', async () => {
    const res = await postJson(prod.url, click(), `Bearer ${openId.token(APP_ID, stack.connector.url)}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).type).toBe('application/vnd.microsoft.card.adaptive');
  });
});

describe('4. malformed claims and activities get 400/401 and a warning, never a 500 or an error', () => {
  test('"tid": {"toString": 1} in an unsigned token: 401, no internal message', async () => {
    const since = prodLog.length;
    const token = unsignedToken({ iss: 'https://sts.windows.net/x/', aud: APP_ID, tid: { toString: 1 }, ver: '1.0', appid: APP_ID });
    const res = await postJson(prod.url, activity(), `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.text).not.toMatch(/TypeError|Cannot convert|toString/);
    const lines = prodLog.slice(since).map((l) => JSON.parse(l));
    expect(lines.some((l) => l.level === 'warn' && /channel token refused/.test(l.msg ?? l.message ?? JSON.stringify(l)))).toBe(true);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  test.each([
    ['from.aadObjectId', { from: { id: '29:x', aadObjectId: { toString: 1 } } }],
    ['from.aadObjectId as a number', { from: { id: '29:x', aadObjectId: 42 } }],
    ['from.id', { from: { id: ['x'], aadObjectId: ADMIN_ID } }],
    ['conversation.id', { conversation: { id: { a: 1 }, conversationType: 'personal' } }],
    ['recipient.id', { recipient: { id: 7 } }],
  ])('a non-string %s: 400 and a warning', async (_name, patch) => {
    const since = prodLog.length;
    const res = await postJson(prod.url, { ...click(), ...patch }, `Bearer ${openId.token(APP_ID, stack.connector.url)}`);
    expect(res.status).toBe(400);
    const lines = prodLog.slice(since).map((l) => JSON.parse(l));
    expect(lines.some((l) => l.level === 'warn')).toBe(true);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('6. a refused sender leaves no state behind (production)', () => {
  test.each([
    ['from another tenant', { tenantId: '99999999-8888-7777-6666-555555555555' }],
    ['a stranger of this tenant', { from: randomUUID() }],
  ])('%s: refused, and no conversation record is stored', async (_name, who) => {
    const conversationId = `a:${randomUUID()}`;
    const res = await postJson(
      prod.url,
      click({ ...who, conversationId, text: 'alerts on' }),
      `Bearer ${openId.token(APP_ID, stack.connector.url)}`,
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).statusCode).toBe(403);
    await prod.server.bot.idle();
    expect(await prod.services.alerts.conversations.get(conversationId)).toBeUndefined();
  });

  test('an admin’s conversation is remembered', async () => {
    const conversationId = `a:${randomUUID()}`;
    expect((await postJson(prod.url, click({ conversationId }), `Bearer ${openId.token(APP_ID, stack.connector.url)}`)).status).toBe(200);
    await prod.server.bot.idle();
    expect((await prod.services.alerts.conversations.get(conversationId))?.conversationId).toBe(conversationId);
  });
});

test('7. production registers IDENTITY_HEADER as a secret: a pasted header never reaches the log', async () => {
  const saved = process.env.IDENTITY_HEADER;
  const header = `hdr-${randomUUID()}`;
  process.env.IDENTITY_HEADER = header;
  const lines: string[] = [];
  const log = new Logger('debug', { app: 'prod7' }, (l) => lines.push(l));
  const bot = await startBot({
    config: {
      ...stack.config,
      demo: false,
      bot: { appId: APP_ID, appType: 'SingleTenant', appTenantId: stack.sim.info.tenantId, hasPassword: true },
    },
    log,
    tlsCa: stack.sim.info.caCertPem,
    bindHost: '127.0.0.1',
    authOverrides: openId.authOverrides(),
  });
  try {
    log.warn('something pasted', { text: `x-identity ${header} here`, err: new Error(`failed with ${header}`) });
    // And through the front door: a refused request whose path carries it.
    await send(bot.url, 'POST', `/api/nothing/${header}`, { 'content-type': 'application/json' }, '{}');
    expect(lines.join('\n')).not.toContain(header);
    expect(lines.join('\n')).toContain('[redacted');
  } finally {
    await bot.stop();
    process.env.IDENTITY_HEADER = saved;
  }
});

test('11. an export link signed for longer than the bot issues is refused', async () => {
  const key = await exportSigningKey(prod.services.state);
  const snapshot = await prod.services.snapshots.save({
    kind: 'shared',
    conversationId: 'c',
    commandText: 'shared',
    complete: true,
    data: { table: { header: ['a'], rows: [['1']] } },
  } as any);
  const tenYears = new ExportLinks(key, () => prod.url, 10 * 365 * 24 * 3600 * 1000).link(snapshot.id, new Date());
  const normal = prod.services.exportLinks.link(snapshot.id, new Date());
  expect((await fetch(tenYears.url)).status).toBe(403);
  expect((await fetch(normal.url)).status).toBe(200);
});
