// A corpus of broken, odd and hostile requests to /api/messages: each gets a clear answer (2xx) or a
// refusal (4xx), never a 500 or a hang, and the bot goes on answering everyone else.
import { randomBytes, randomUUID } from 'node:crypto';
import { startStack, Stack, ADMIN_ID, PLAYGROUND_TENANT } from '../../support/stack';
import { cardText } from '../../support/connector';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo' });
});
afterAll(async () => {
  await stack?.stop();
});

interface Case {
  name: string;
  body: string | Buffer;
  contentType?: string;
}

function base(): Record<string, any> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: stack.connector.url,
    timestamp: new Date().toISOString(),
    from: { id: `29:${ADMIN_ID}`, name: 'Admin', aadObjectId: ADMIN_ID },
    recipient: { id: 'bot-id', name: 'Mailbox Watch' },
    conversation: { id: `conv-${randomUUID()}`, conversationType: 'personal', tenantId: PLAYGROUND_TENANT },
    channelData: { tenant: { id: PLAYGROUND_TENANT } },
  };
}

const message = (patch: Record<string, unknown>): Record<string, any> => ({ ...base(), type: 'message', text: 'help', ...patch });
const invoke = (value: unknown, patch: Record<string, unknown> = {}) => ({
  ...base(),
  type: 'invoke',
  name: 'adaptiveCard/action',
  value,
  ...patch,
});
const execute = (verb: unknown, data: unknown) => invoke({ action: { type: 'Action.Execute', verb, data }, trigger: 'manual' });
const without = (key: string) => {
  const a = message({});
  delete a[key];
  return a;
};

function corpus(): Case[] {
  const json = (name: string, value: unknown): Case => ({ name, body: JSON.stringify(value) });
  const raw = (name: string, body: string | Buffer, contentType = 'application/json'): Case => ({ name, body, contentType });
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const cases: Case[] = [
    // Not JSON, or not an object.
    raw('empty body', ''),
    raw('invalid JSON', '{"type": "message",'),
    raw('trailing garbage', '{"type":"message"} xyz'),
    raw('single quotes', "{'type':'message'}"),
    raw('a bare word', 'message'),
    raw('NaN', 'NaN'),
    raw('unicode escapes broken', '{"type":"\\ud800message"}'),
    raw('a JSON array', '[{"type":"message","text":"help"}]'),
    raw('a number', '42'),
    raw('a string', '"message"'),
    raw('null', 'null'),
    raw('true', 'true'),
    raw('an empty object', '{}'),
    raw('deeply nested arrays', deep(50_000)),
    raw('deeply nested objects', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)),
    raw('1 MB of text', 'x'.repeat(1024 * 1024)),
    raw('1 MB activity', JSON.stringify(message({ text: 'help ' + 'y'.repeat(1024 * 1024) }))),
    raw('binary', randomBytes(4096), 'application/octet-stream'),
    raw('binary sent as JSON', randomBytes(4096)),
    raw('text/plain activity', JSON.stringify(message({})), 'text/plain'),
    raw('form-encoded', 'type=message&text=help', 'application/x-www-form-urlencoded'),
    raw('no content type', JSON.stringify(message({})), ''),
    raw('JSON with a BOM', '\ufeff' + JSON.stringify(message({}))),
    raw('NUL bytes in JSON', '{"type":"message","text":"he\u0000lp"}'),
    raw('duplicate keys', '{"type":"message","type":"invoke","text":"help"}'),
    // Missing or mistyped fields.
    json('type missing', without('type')),
    json('type a number', message({ type: 7 })),
    json('type an object', message({ type: { $ne: 1 } })),
    json('type unknown', message({ type: 'noSuchType' })),
    json('type empty', message({ type: '' })),
    json('text missing', message({ text: undefined })),
    json('text a number', message({ text: 12345 })),
    json('text an object', message({ text: { toString: 'help' } })),
    json('text an array', message({ text: ['help'] })),
    json('text null', message({ text: null })),
    json('text empty', message({ text: '' })),
    json('text whitespace', message({ text: ' \t\n ' })),
    json('text 200 KB', message({ text: 'mailboxes ' + 'z'.repeat(200 * 1024) })),
    json('text of control characters', message({ text: '\u0000\u0001\u0007\u001b[31mhelp\u007f' })),
    json('text of lone surrogates', message({ text: '\ud800\udc00\udfff help \ud83d' })),
    json('text of right-to-left overrides', message({ text: '\u202ehelp\u202c mailboxes' })),
    json('text of HTML', message({ text: '<script>alert(1)</script><img src=x onerror=alert(1)>' })),
    json('text only a mention', message({ text: '<at>Mailbox Watch</at>' })),
    json('text of 10,000 words', message({ text: 'mailboxes '.repeat(10_000) })),
    json('from missing', without('from')),
    json('from a string', message({ from: 'admin' })),
    json('from null', message({ from: null })),
    json('aadObjectId a number', message({ from: { id: 'x', aadObjectId: 42 } })),
    json('aadObjectId an object', message({ from: { id: 'x', aadObjectId: { toLowerCase: 1 } } })),
    json('aadObjectId huge', message({ from: { id: 'x', aadObjectId: 'a'.repeat(100_000) } })),
    json('recipient missing', without('recipient')),
    json('recipient a number', message({ recipient: 5 })),
    json('conversation missing', without('conversation')),
    json('conversation a string', message({ conversation: 'c' })),
    json('conversation id a number', message({ conversation: { id: 5, conversationType: 'personal' } })),
    json('conversationType unknown', message({ conversation: { id: 'c1', conversationType: 'nope' } })),
    json('channelData a string', message({ channelData: 'x' })),
    json('channelData tenant a number', message({ channelData: { tenant: 5 } })),
    json('channelData tenant id an array', message({ channelData: { tenant: { id: ['a'] } } })),
    json('channelId missing', without('channelId')),
    json('channelId unknown', message({ channelId: 'carrier-pigeon' })),
    json('serviceUrl missing', without('serviceUrl')),
    json('serviceUrl a number', message({ serviceUrl: 80 })),
    json('serviceUrl not a URL', message({ serviceUrl: 'not a url' })),
    json('serviceUrl javascript:', message({ serviceUrl: 'javascript:alert(1)' })),
    json('serviceUrl nobody listens on', message({ serviceUrl: 'http://127.0.0.1:9/' })),
    json('id missing', without('id')),
    json('timestamp garbage', message({ timestamp: 'yesterday' })),
    json('entities not an array', message({ entities: { type: 'mention' } })),
    json(
      'entities with junk',
      message({ entities: [null, 5, 'x', { type: 'mention' }, { type: 'mention', text: 5 }, { type: 'mention', text: '' }] }),
    ),
    json('a mention of everything', message({ text: 'help', entities: [{ type: 'mention', text: 'help', mentioned: { id: 'bot-id' } }] })),
    json('attachments not an array', message({ attachments: 'x' })),
    json('attachments with junk', message({ attachments: [null, { contentType: 5 }] })),
    json(
      'prototype pollution (__proto__)',
      JSON.parse(
        `{"type":"message","text":"help","__proto__":{"isAdmin":true},"from":{"aadObjectId":"${randomUUID()}","__proto__":{"aadObjectId":"${ADMIN_ID}"}}}`,
      ),
    ),
    json('prototype pollution (constructor)', message({ constructor: { prototype: { isAdmin: true } } })),
    // Action.Submit-style messages.
    json('submit value a string', message({ text: undefined, value: 'x' })),
    json('submit with an unknown verb', message({ text: undefined, value: { verb: 'drop.tables' } })),
    json('submit with a verb object', message({ text: undefined, value: { verb: { x: 1 } } })),
    json('submit with action not an object', message({ text: undefined, value: { action: 5 } })),
    json('submit with data an array', message({ text: undefined, value: { verb: 'command.run', data: [1, 2] } })),
    json('submit command.run of 10 KB', message({ text: undefined, value: { verb: 'command.run', data: { text: 'x'.repeat(10_000) } } })),
    // Invokes.
    json(
      'invoke without a name',
      invoke({ action: { type: 'Action.Execute', verb: 'command.run', data: { text: 'help' } } }, { name: undefined }),
    ),
    json('invoke with an unknown name', invoke({}, { name: 'no/such/invoke' })),
    json('invoke name a number', invoke({}, { name: 7 })),
    json('invoke without a value', invoke(undefined)),
    json('invoke value a string', invoke('x')),
    json('invoke value null', invoke(null)),
    json('invoke action missing', invoke({ trigger: 'manual' })),
    json('invoke action a string', invoke({ action: 'Action.Execute' })),
    json('invoke action type wrong', invoke({ action: { type: 'Action.Submit', verb: 'command.run', data: { text: 'help' } } })),
    json('verb missing', execute(undefined, {})),
    json('verb a number', execute(42, {})),
    json('verb an array', execute(['command.run'], {})),
    json('verb empty', execute('', {})),
    json('verb huge', execute('v'.repeat(100_000), {})),
    json('verb unknown', execute('admin.grant', {})),
    json('verb with control characters', execute('command.run\u0000', {})),
    json('verb __proto__', execute('__proto__', {})),
    json('verb constructor', execute('constructor', {})),
    json('verb toString', execute('toString', {})),
    json('data a string', execute('command.run', 'help')),
    json('data a number', execute('command.run', 5)),
    json('data an array', execute('command.run', ['help'])),
    json('data huge', execute('command.run', { text: 'help', pad: 'p'.repeat(50_000) })),
    json('data text missing', execute('command.run', {})),
    json('data text a number', execute('command.run', { text: 5 })),
    json('data text empty', execute('command.run', { text: '   ' })),
    json('data text too long', execute('command.run', { text: 'mailbox ' + 'a'.repeat(400) })),
    json('mailbox.details without upn', execute('mailbox.details', {})),
    json('mailbox.details upn an object', execute('mailbox.details', { upn: { $gt: '' } })),
    json('mailbox.details upn with a filter', execute('mailbox.details', { upn: "x' -or Name -like '*" })),
    json('report.page with a forged snapshot', execute('report.page', { s: '../../etc/passwd', q: { top: 1e9, sort: 'x' }, o: -5 })),
    json('report.page with nonsense', execute('report.page', { s: 5, q: 'x', o: 'y' })),
    json('report.filter with nonsense', execute('report.filter', { s: 'x', q: null, minPercent: 'NaN', inactiveDays: -1e308 })),
    json('report.export with nonsense', execute('report.export', { s: { a: 1 }, q: [] })),
    json('report.details with nonsense', execute('report.details', { s: 'x', upn: ['a'] })),
    // Other activity types with odd contents.
    json('conversationUpdate with junk members', { ...base(), type: 'conversationUpdate', membersAdded: 'everyone' }),
    json('conversationUpdate with null members', { ...base(), type: 'conversationUpdate', membersAdded: [null, 5] }),
    json('installationUpdate without action', { ...base(), type: 'installationUpdate' }),
    json('installationUpdate add', { ...base(), type: 'installationUpdate', action: 'add' }),
    json('messageReaction junk', { ...base(), type: 'messageReaction', reactionsAdded: 'x' }),
    json('event without a name', { ...base(), type: 'event' }),
    json('typing', { ...base(), type: 'typing' }),
    json('endOfConversation', { ...base(), type: 'endOfConversation' }),
    json('messageUpdate', { ...base(), type: 'messageUpdate', text: 5 }),
    json('messageDelete', { ...base(), type: 'messageDelete' }),
  ];
  return cases;
}

async function send(c: Case): Promise<number | string> {
  try {
    const headers: Record<string, string> = {};
    if (c.contentType !== '') headers['content-type'] = c.contentType ?? 'application/json';
    const res = await fetch(`${stack.bot.url}/api/messages`, {
      method: 'POST',
      headers,
      body: typeof c.body === 'string' ? c.body : new Uint8Array(c.body),
      signal: AbortSignal.timeout(20_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    return `no answer: ${(err as Error).name}`;
  }
}

test('the corpus is large enough to mean something', () => {
  expect(corpus().length).toBeGreaterThanOrEqual(100);
});

test('every malformed request gets a 2xx or a 4xx, never a 500 or a hang', async () => {
  const results: Record<string, number | string> = {};
  const queue = corpus();
  // Eight at a time, like a busy channel; a slow one (a reply to a connector nobody runs) holds up no others.
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) results[c.name] = await send(c);
    }),
  );
  const bad = Object.entries(results).filter(([, s]) => typeof s !== 'number' || s >= 500 || s < 200);
  expect(bad).toEqual([]);
  // The ones that are not activities at all are refused as such.
  for (const name of [
    'invalid JSON',
    'serviceUrl missing',
    'serviceUrl a number',
    'invoke with an unknown name',
    'a JSON array',
    'a number',
    'null',
    'binary',
    '1 MB of text',
    'type missing',
    'type a number',
  ]) {
    expect(results[name]).toBeGreaterThanOrEqual(400);
  }
  await stack.bot.server.bot.idle();
}, 120_000);

test('after the corpus the bot is up and answers help normally', async () => {
  expect((await fetch(`${stack.bot.url}/healthz`)).status).toBe(200);
  const conversationId = `conv-${randomUUID()}`;
  expect(await stack.say('help', { conversationId })).toBe(200);
  const reply = await stack.connector.waitFor(() =>
    stack.connector.activities.find((a) => a.conversationId === conversationId && a.kind === 'send'),
  );
  expect(cardText(reply.activity)).toMatch(/mailboxes/);
});

test('a forged click gets a clear error in the invoke answer', async () => {
  const res = await stack.click('admin.grant', { everyone: true });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
  expect(res.body.value.message).toMatch(/not one of mine/);
});
