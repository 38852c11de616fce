// Who gets in, outside demo mode: botbuilder's own JWT validation against a local OpenID metadata and
// key server, and the tenant check behind it. Only a token the channel could have signed, for this
// bot, for this serviceUrl, still valid, opens /api/messages; only this tenant's admins get answers.
import { randomUUID } from 'node:crypto';
import { startStack, Stack, ADMIN_ID } from '../../support/stack';
import { startOpenIdServer, OpenIdServer, newSigningKey } from '../../support/openid-server';
import { cardText } from '../../support/connector';
import { startBot, RunningBot } from '../../../src/app';
import { Logger } from '../../../src/log';
import { routeConsoleToLog } from '../../../src/console-log';

const APP_ID = '3f1c2e55-0a4b-4c2d-9e8f-7a6b5c4d3e2f';
const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';

let stack: Stack;
let openId: OpenIdServer;
let bot: RunningBot;
const logLines: string[] = [];
let restoreConsole: () => void = () => undefined;
const savedPassword = process.env.MicrosoftAppPassword;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo' });
  openId = await startOpenIdServer();
  // SingleTenant wants a secret; inbound validation never uses it.
  process.env.MicrosoftAppPassword = 'not-a-real-secret';
  bot = await startBot({
    config: {
      ...stack.config,
      demo: false,
      bot: { appId: APP_ID, appType: 'SingleTenant', appTenantId: stack.sim.info.tenantId, hasPassword: true },
    },
    log: new Logger('debug', { app: 'auth-test' }, (l) => logLines.push(l)),
    tlsCa: stack.sim.info.caCertPem,
    bindHost: '127.0.0.1',
    authOverrides: openId.authOverrides(),
  });
  // As src/main.ts does in production: botbuilder's own console complaints become JSON log lines.
  restoreConsole = routeConsoleToLog(new Logger('debug', { app: 'auth-test' }, (l) => logLines.push(l)));
});
afterAll(async () => {
  restoreConsole();
  await bot?.stop();
  await openId?.stop();
  await stack?.stop();
  if (savedPassword === undefined) delete process.env.MicrosoftAppPassword;
  else process.env.MicrosoftAppPassword = savedPassword;
});

/** A Refresh-style click: its answer comes back in the HTTP response, no outbound call needed. */
function helpClick(o: { tenantId?: string; from?: string } = {}) {
  const tenantId = o.tenantId ?? stack.sim.info.tenantId;
  const from = o.from ?? ADMIN_ID;
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: stack.connector.url,
    timestamp: new Date().toISOString(),
    replyToId: 'card-1',
    from: { id: `29:${from}`, name: 'Someone', aadObjectId: from },
    recipient: { id: `28:${APP_ID}`, name: 'Mailbox Watch' },
    conversation: { id: `a:${randomUUID()}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    value: { action: { type: 'Action.Execute', verb: 'command.run', data: { text: 'help' } }, trigger: 'manual' },
  };
}

async function post(activity: object, authorization?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body };
}

const answerText = (body: any) => cardText({ attachments: [{ content: body?.value }] });

test('a valid channel token gets in and gets an answer', async () => {
  const res = await post(helpClick(), `Bearer ${openId.token(APP_ID, stack.connector.url)}`);
  expect(res.status).toBe(200);
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(answerText(res.body)).toMatch(/mailboxes/);
  expect(openId.fetches.keys).toBeGreaterThan(0);
});

describe('every other request is refused with 401 and no answer', () => {
  const cases: [string, () => string | undefined][] = [
    ['no Authorization header', () => undefined],
    ['a token for another bot (wrong audience)', () => `Bearer ${openId.token(randomUUID(), stack.connector.url)}`],
    [
      'a token from another issuer',
      () => `Bearer ${openId.token(APP_ID, stack.connector.url, { claims: { iss: 'https://sts.example.com/' } })}`,
    ],
    [
      'an expired token',
      () =>
        `Bearer ${openId.token(APP_ID, stack.connector.url, { claims: { exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200, iat: Math.floor(Date.now() / 1000) - 7200 } })}`,
    ],
    ['a token with no expiry', () => `Bearer ${openId.token(APP_ID, stack.connector.url, { claims: { exp: undefined } })}`],
    ['a token that expires in 1e300 seconds', () => `Bearer ${openId.token(APP_ID, stack.connector.url, { claims: { exp: 1e300 } })}`],
    [
      'a token that lives a year',
      () => `Bearer ${openId.token(APP_ID, stack.connector.url, { claims: { exp: Math.floor(Date.now() / 1000) + 365 * 86400 } })}`,
    ],
    ['a token signed by another key', () => `Bearer ${openId.token(APP_ID, stack.connector.url, { key: newSigningKey() })}`],
    ['a token for another serviceUrl', () => `Bearer ${openId.token(APP_ID, 'https://smba.trafficmanager.net/evil/')}`],
    [
      'a token with no serviceurl claim',
      () => `Bearer ${openId.token(APP_ID, stack.connector.url, { claims: { serviceurl: undefined } })}`,
    ],
    ['a token whose signature was cut off', () => `Bearer ${openId.token(APP_ID, stack.connector.url).replace(/\.[^.]+$/, '.')}`],
    ['an unsigned token (alg none)', () => `Bearer ${unsigned(openId.token(APP_ID, stack.connector.url))}`],
    ['not a bearer token', () => `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['garbage', () => 'Bearer not.a.jwt'],
  ];
  test.each(cases)('%s', async (_name, header) => {
    const before = stack.connector.activities.length;
    const res = await post(helpClick(), header());
    expect(res.status).toBe(401);
    expect(JSON.stringify(res.body ?? '')).not.toMatch(/mailboxes|AdaptiveCard/);
    expect(stack.connector.activities.length).toBe(before);
  });

  test('what botbuilder itself prints about a refused token arrives as a JSON log line, without the token', async () => {
    const token = openId.token(APP_ID, stack.connector.url, {
      claims: {
        exp: Math.floor(Date.now() / 1000) - 3600,
        nbf: Math.floor(Date.now() / 1000) - 7200,
        iat: Math.floor(Date.now() / 1000) - 7200,
      },
    });
    const since = logLines.length;
    expect((await post(helpClick(), `Bearer ${token}`)).status).toBe(401);
    const lines = logLines.slice(since);
    const library = lines.map((l) => JSON.parse(l)).filter((r) => r.source === 'console');
    expect(library.length).toBeGreaterThan(0);
    expect(library.some((r) => /expired/i.test(r.text))).toBe(true);
    expect(lines.join('\n')).not.toContain(token.split('.')[2]);
  });
});

function unsigned(token: string): string {
  const [, payload] = token.split('.');
  return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
}

test('a valid token from another tenant is refused, the same way as a stranger', async () => {
  const token = `Bearer ${openId.token(APP_ID, stack.connector.url)}`;
  const foreign = await post(helpClick({ tenantId: OTHER_TENANT }), token);
  const stranger = await post(helpClick({ from: randomUUID() }), token);
  expect(foreign.status).toBe(200);
  expect(foreign.body.type).toBe('application/vnd.microsoft.error');
  expect(foreign.body.statusCode).toBe(403);
  // One refusal for every reason: the other tenant learns nothing, not even why.
  expect(foreign.body.value.message).toBe(stranger.body.value.message);
  expect(JSON.stringify(foreign.body)).not.toMatch(new RegExp(`contoso|${stack.sim.info.tenantId}`, 'i'));
  expect(logLines.some((l) => /"reason":"wrong-tenant"/.test(l))).toBe(true);
});

test('an activity that names no tenant at all is refused', async () => {
  const activity: any = helpClick();
  delete activity.channelData;
  delete activity.conversation.tenantId;
  const res = await post(activity, `Bearer ${openId.token(APP_ID, stack.connector.url)}`);
  expect(res.status).toBe(200);
  expect(res.body.statusCode).toBe(403);
});

test('a production configuration without an app id refuses to start, and says why', async () => {
  const started = startBot({
    config: { ...stack.config, demo: false, bot: { appId: '', appType: '', appTenantId: '', hasPassword: false } },
    log: new Logger('error', {}, () => undefined),
    tlsCa: stack.sim.info.caCertPem,
    bindHost: '127.0.0.1',
  });
  // If it did start, stop it so the failure below is the only one.
  started.then(
    (b) => b.stop(),
    () => undefined,
  );
  await expect(started).rejects.toThrow(/MicrosoftAppId is empty.*unauthenticated/);
});
