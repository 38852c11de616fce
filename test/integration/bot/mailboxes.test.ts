// `mailboxes` and `mailbox` over real HTTP: the bot on a free port, the simulated tenant over HTTPS,
// Azurite, and a local connector receiving what the bot posts.
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { mailboxUsers, visible } from '../../support/tenant-facts';
import { askBot, isProgress } from '../../support/ask';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo' });
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => stack.setFaults([]));

const ask = async (text: string, first: RegExp, final?: RegExp): Promise<string> => (await askBot(stack, text, { first, final })).text;

async function requestCounts(): Promise<any> {
  return (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json();
}

test('mailboxes answers at once, then shows user mailboxes with the most items first', async () => {
  const text = await ask('mailboxes', /Reading mailboxes/);
  const users = mailboxUsers(stack.tenant, 'UserMailbox').sort((a, b) => b.mailbox!.itemCount - a.mailbox!.itemCount);
  expect(text).toMatch(new RegExp(`of ${users.length.toLocaleString('en-US')}\\b`));
  // The rows follow its "10 of 176" line (the charts above it list names in another order).
  const table = text.slice(text.search(/\d+ of [\d,]+/));
  const first = table.indexOf(visible(users[0].displayName));
  const second = table.indexOf(visible(users[1].displayName));
  expect(first).toBeGreaterThan(-1);
  expect(second).toBeGreaterThan(first);
  // A shared mailbox is not a user mailbox.
  const shared = mailboxUsers(stack.tenant, 'SharedMailbox')[0];
  expect(text).not.toContain(shared.userPrincipalName);
});

test('mailboxes reads statistics ten to a batch, not one call per mailbox', async () => {
  await fetch(`${stack.sim.controlUrl}/_sim/requests`, { method: 'DELETE' });
  await ask('mailboxes shared sort size', /Reading mailboxes/);
  const counts = await requestCounts();
  const shared = mailboxUsers(stack.tenant, 'SharedMailbox').length;
  const ex = counts.apis.exchange;
  // One Get-Mailbox page, then ceil(N/10) $batch requests of Get-MailboxStatistics.
  const batches = Object.entries(ex.paths as Record<string, number>)
    .filter(([p]) => p.includes('$batch'))
    .reduce((n, [, c]) => n + c, 0);
  expect(batches).toBe(Math.ceil(shared / 10));
  expect(ex.cmdlets['Get-MailboxStatistics']).toBe(shared);
  expect(ex.total - (ex.cmdlets['Get-MailboxStatistics'] ?? 0)).toBeLessThanOrEqual(batches + 2);
});

test('bad arguments get a short answer that says how to use the command', async () => {
  const text = await ask('mailboxes top -3', /top/i, /top/i);
  expect(text).toMatch(/mailboxes \[user\|shared\|room\|group\|all\]/);
  const sort = await ask('mailboxes sort sise', /sort/i, /size/);
  expect(sort).toMatch(/sise/);
});

test('an unknown word gets help with the nearest command', async () => {
  const text = await ask('mailboxs', /mailboxs/, /mailboxes/);
  expect(text).toMatch(/Did you mean/i);
});

test('mailbox <upn> shows one mailbox in full', async () => {
  const user = mailboxUsers(stack.tenant, 'UserMailbox').find((u) => u.mailbox!.archiveStatus === 'Active')!;
  const text = await ask(`mailbox ${user.userPrincipalName}`, /Looking up/);
  expect(text).toContain(visible(user.displayName));
  expect(text).toContain(user.userPrincipalName);
  expect(text).toMatch(/archive/i);
  expect(text).toMatch(/GB|MB/);
});

test('mailbox with a name nobody has says so', async () => {
  const text = await ask('mailbox nobody.at.all@contoso.onmicrosoft.com', /Looking up/);
  expect(text).toMatch(/No such mailbox|No mailbox/);
  expect(text).toContain('nobody.at.all@contoso.onmicrosoft.com');
});

test('someone who is not an admin is refused without learning anything about the tenant', async () => {
  const before = stack.connector.activities.length;
  await stack.say('mailboxes', { from: '11111111-2222-3333-4444-555555555555' });
  const reply = await stack.connector.waitFor(() => stack.connector.activities.slice(before).find((a) => a.kind === 'send'));
  const text = cardText(reply.activity);
  expect(text).toMatch(/only for the Microsoft 365 administrators/);
  expect(text).not.toMatch(/@contoso/);
  await new Promise((r) => setTimeout(r, 500));
  expect(stack.connector.activities.length).toBe(before + 1);
});

test('Refresh on a report card replaces that card and updates it with the new report', async () => {
  const replyToId = 'card-message-1';
  const res = await stack.click('command.run', { text: 'mailboxes room' }, { replyToId });
  expect(res.status).toBe(200);
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(visible(cardText({ attachments: [{ content: res.body.value }] }))).toMatch(/Reading mailboxes/);
  const updated = await stack.connector.waitFor(() => {
    const a = stack.connector.messages.get(replyToId);
    return a && !isProgress(a) ? a : undefined;
  });
  expect(visible(cardText(updated))).toMatch(/room/i);
});

test('forged clicks get an error and reveal nothing', async () => {
  for (const [verb, data] of [
    ['no.such.verb', {}],
    [42, {}],
    ['command.run', { text: 'x'.repeat(5000) }],
    ['command.run', 'not an object'],
    ['mailbox.details', { upn: { $ne: 1 } }],
  ] as const) {
    const res = await stack.click(verb, data);
    expect(res.status).toBe(200);
    expect(res.body.statusCode).toBe(400);
    expect(res.body.type).toBe('application/vnd.microsoft.error');
    expect(JSON.stringify(res.body)).not.toMatch(/contoso/i);
  }
});

test('a throttling, flaky Exchange still gives the complete report', async () => {
  const clean = await ask('mailboxes all sort name top 200', /Reading mailboxes/);
  await stack.setFaults([
    { api: 'exchange', status: 429, retryAfterSeconds: 0.2, rate: 0.2 },
    { api: 'exchange', status: 503, rate: 0.05 },
  ]);
  const faulty = await ask('mailboxes all sort name top 200', /Reading mailboxes/);
  const counts = await requestCounts();
  expect(counts.apis.exchange.statuses['429']).toBeGreaterThan(0);
  const rows = (t: string) => t.replace(/.*\{\{(DATE|TIME)\(.*/g, '');
  expect(faulty).not.toMatch(/partial/i);
  expect(rows(faulty)).toEqual(rows(clean));
}, 120_000);

test('mailbox <upn> while Exchange takes 35 s a call: the card says it is slow, then gives a clear failure with Retry', async () => {
  const setFaults = (rules: object[]) =>
    fetch(`${stack.sim.controlUrl}/_sim/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules }),
    });
  await setFaults([{ api: 'exchange', latencyMs: 35_000 }]);
  try {
    const user = mailboxUsers(stack.tenant, 'UserMailbox')[0];
    const since = stack.connector.activities.length;
    expect(await stack.say(`mailbox ${user.userPrincipalName}`)).toBe(200);
    const card = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
    expect(visible(cardText(card.activity))).toMatch(/Looking up the mailbox/);
    await stack.connector.waitFor(() => /answering slowly/.test(visible(cardText(stack.connector.messages.get(card.id)))), 20_000);
    const final = await stack.connector.waitFor(() => {
      const text = visible(cardText(stack.connector.messages.get(card.id)));
      return /did not answer in time/.test(text) && text;
    }, 60_000);
    expect(final).toMatch(/more than 45 seconds/);
    expect(JSON.stringify(stack.connector.messages.get(card.id))).toMatch(/Retry/);
  } finally {
    await setFaults([]);
  }
}, 120_000);
