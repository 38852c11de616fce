// The report card's buttons over real HTTP: paging, sorting, filtering, details and export are
// answered from the snapshot in Blob Storage (Azurite) without a single call to the tenant.
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { cardActions } from '../../support/card-actions';
import { mailboxUsers, visible } from '../../support/tenant-facts';

let stack: Stack;
let report: any; // the final mailboxes card

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo' });
  const since = stack.connector.activities.length;
  await stack.say('mailboxes');
  const sent = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
  report = await stack.connector.waitFor(() => {
    const a = stack.connector.messages.get(sent.id);
    return a && !/Reading/.test(cardText(a)) ? a.attachments[0].content : undefined;
  });
});
afterAll(async () => {
  await stack?.stop();
});

const actions = cardActions;
const button = (card: any, title: string) => actions(card).find((a) => a.title === title);
const exchangeCalls = async () => (await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json()).apis.exchange.total as number;
const text = (card: any) => visible(cardText({ attachments: [{ content: card }] }));

test('Next shows the following rows, without calling Exchange', async () => {
  const before = await exchangeCalls();
  const next = button(report, 'Next ▶');
  expect(next).toBeDefined();
  const res = await stack.click(next.verb, next.data);
  expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
  const shown = next.data.o;
  expect(text(res.body.value)).toMatch(new RegExp(`${shown + 1}–\\d+ of \\d+`));
  expect(button(res.body.value, '◀ Previous')).toBeDefined();
  expect(await exchangeCalls()).toBe(before);
});

test('Sort by size puts the largest user mailbox first', async () => {
  const sort = actions(report).find((a) => a.title === 'Largest');
  const res = await stack.click(sort.verb, sort.data);
  const largest = mailboxUsers(stack.tenant, 'UserMailbox').sort(
    (a, b) => b.mailbox!.totalItemSizeBytes - a.mailbox!.totalItemSizeBytes,
  )[0];
  const t = text(res.body.value);
  const table = t.slice(t.search(/\d+ of \d+/));
  expect(table.split('\n').slice(0, 12).join('\n')).toContain(visible(largest.displayName));
});

test('Filter by % of quota keeps only the mailboxes at or above it', async () => {
  const apply = actions(report).find((a) => a.verb === 'report.filter');
  const res = await stack.click(apply.verb, { ...apply.data, text: '', minPercent: '90', inactiveDays: '' });
  const expected = mailboxUsers(stack.tenant, 'UserMailbox').filter((u) => {
    const q = u.mailbox!.prohibitSendReceiveQuotaBytes;
    return q !== null && (u.mailbox!.totalItemSizeBytes / q) * 100 >= 90;
  }).length;
  expect(text(res.body.value)).toMatch(new RegExp(`of ${expected} user mailboxes matching`));
});

test('a bad filter value gets a clear refusal', async () => {
  const apply = actions(report).find((a) => a.verb === 'report.filter');
  const res = await stack.click(apply.verb, { ...apply.data, minPercent: '-5' });
  expect(res.body.statusCode).toBe(400);
  expect(res.body.value.message).toMatch(/between 0 and 1000/);
});

test('a row click shows that mailbox from the snapshot, as an Action.Submit every client runs', async () => {
  const before = await exchangeCalls();
  // A selectAction cannot carry a fallback, so the row's click is the Action.Submit itself.
  const row = actions(report).find((a) => a.data?.verb === 'report.details');
  expect(row.type).toBe('Action.Submit');
  expect(JSON.stringify(report)).not.toMatch(/"selectAction":\{"type":"Action\.Execute"/);
  const since = stack.connector.activities.length;
  expect(await stack.say('', { value: row.data })).toBe(200);
  const sent = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
  expect(cardText(sent.activity)).toContain(row.data.data.upn);
  expect(await exchangeCalls()).toBe(before);
});

test('Export gives a signed link to a CSV of every row, safe for Excel', async () => {
  const since = stack.connector.activities.length;
  const exp = button(report, 'Export CSV');
  await stack.click(exp.verb, exp.data);
  const sent = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
  const link = actions(sent.activity.attachments[0].content).find((a) => a.type === 'Action.OpenUrl').url as string;
  expect(link).toMatch(/\/api\/exports\/[0-9a-f]{32}\?exp=\d+&sig=[\w-]{43}$/);
  const local = link.replace(/^https?:\/\/[^/]+/, stack.bot.url);
  const res = await fetch(local);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  const body = Buffer.from(await res.arrayBuffer());
  expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const csv = body.toString('utf8');
  const users = mailboxUsers(stack.tenant, 'UserMailbox');
  expect(csv.trim().split('\r\n').length).toBe(users.length + 1);
  // No cell may start with a formula character.
  for (const line of csv.split('\r\n').slice(1)) for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@]/);
  // Tampered or malformed links are refused; the log never holds the signature.
  expect((await fetch(local.replace(/sig=[\w-]{5}/, 'sig=AAAAA'))).status).toBe(403);
  expect((await fetch(`${stack.bot.url}/api/exports/nope?exp=1&sig=x`)).status).toBe(403);
  expect((await fetch(local.replace(/exp=\d+/, 'exp=1000'))).status).toBe(403);
  const sig = link.split('sig=')[1];
  expect(stack.logLines.join('\n')).not.toContain(sig);
});

test('a snapshot of another conversation, or no snapshot, is refused and reveals nothing', async () => {
  const next = button(report, 'Next ▶');
  const foreign = await stack.click(next.verb, next.data, { conversationId: 'someone-elses-chat' });
  expect(foreign.body.statusCode).toBe(410);
  const made = await stack.click(next.verb, { ...next.data, s: '0'.repeat(32) });
  expect(made.body.statusCode).toBe(410);
  expect(JSON.stringify(foreign.body) + JSON.stringify(made.body)).not.toMatch(/contoso/i);
  const far = await stack.click(next.verb, { ...next.data, o: 100000 });
  expect(far.body.statusCode).toBe(400);
});

test.each([
  [
    'export shared',
    /^Display name,User principal name,Verdict/,
    (): number | undefined => mailboxUsers(stack.tenant, 'SharedMailbox').length,
  ],
  ['export licenses', /^Row,Subscription or account/, (): number | undefined => undefined],
] as const)('%s gives a CSV of that report', async (command, header, expectedRows) => {
  const since = stack.connector.activities.length;
  await stack.say(command);
  const sent = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
  const done = await stack.connector.waitFor(() => {
    const a = stack.connector.messages.get(sent.id);
    return a && /Download CSV/.test(cardText(a)) ? a : undefined;
  });
  const link = actions(done.attachments[0].content).find((a) => a.type === 'Action.OpenUrl').url as string;
  const res = await fetch(link.replace(/^https?:\/\/[^/]+/, stack.bot.url));
  expect(res.status).toBe(200);
  const csv = await res.text();
  expect(csv).toMatch(header);
  const rows = csv.trim().split('\r\n').length - 1;
  const expected = expectedRows();
  if (expected !== undefined) expect(rows).toBe(expected);
  else expect(rows).toBeGreaterThan(stack.tenant.subscribedSkus.length);
});

const tenantCalls = async () => {
  const apis = (await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json()).apis;
  return (apis.exchange.total as number) + (apis.graph.total as number);
};

test.each([
  ['shared', /Reading shared/, /^Display name,User principal name,Verdict/, 'Shared mailbox licences (CSV)'],
  ['licenses', /Reading licences/, /^Row,Subscription or account/, 'Licences and waste (CSV)'],
] as const)(
  'the %s card has Export CSV, answered from its snapshot without reading the tenant again',
  async (command, first, header, title) => {
    const since = stack.connector.activities.length;
    await stack.say(command);
    const sent = await stack.connector.waitFor(() =>
      stack.connector.activities.slice(since).find((a) => a.kind === 'send' && first.test(cardText(a.activity))),
    );
    const card = await stack.connector.waitFor(() => {
      const a = stack.connector.messages.get(sent.id);
      return a && !/Reading/.test(cardText(a)) ? a.attachments[0].content : undefined;
    });
    const exp = button(card, 'Export CSV');
    expect(exp).toMatchObject({ type: 'Action.Execute', verb: 'report.export' });
    const before = await tenantCalls();
    expect(before).toBeGreaterThan(0);
    const clicked = stack.connector.activities.length;
    expect((await stack.click(exp.verb, exp.data)).body.statusCode).toBe(200);
    const reply = await stack.connector.waitFor(() => stack.connector.activities.slice(clicked).find((a) => a.kind === 'send'));
    expect(text(reply.activity.attachments[0].content)).toContain(title);
    const link = actions(reply.activity.attachments[0].content).find((a) => a.type === 'Action.OpenUrl').url as string;
    const res = await fetch(link.replace(/^https?:\/\/[^/]+/, stack.bot.url));
    expect(res.status).toBe(200);
    const csv = await res.text();
    expect(csv).toMatch(header);
    if (command === 'shared') expect(csv.trim().split('\r\n').length - 1).toBe(mailboxUsers(stack.tenant, 'SharedMailbox').length);
    expect(await tenantCalls()).toBe(before);
    // The button is bound to this conversation like every other.
    expect((await stack.click(exp.verb, exp.data, { conversationId: 'someone-elses-chat' })).body.statusCode).toBe(410);
  },
);

test("an older client's Action.Submit fallback does what the button does", async () => {
  const next = button(report, 'Next ▶');
  expect(next.fallback).toEqual({ type: 'Action.Submit', title: 'Next ▶', data: { verb: next.verb, data: next.data } });
  const since = stack.connector.activities.length;
  expect(await stack.say('', { value: next.fallback.data })).toBe(200);
  const sent = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
  expect(text(sent.activity.attachments[0].content)).toMatch(new RegExp(`${next.data.o + 1}–\\d+ of \\d+`));
  // The Filter form's inputs arrive beside the data, as Action.Submit sends them.
  const apply = actions(report).find((a) => a.verb === 'report.filter');
  const since2 = stack.connector.activities.length;
  await stack.say('', { value: { ...apply.fallback.data, text: '', minPercent: '90', inactiveDays: '' } });
  const filtered = await stack.connector.waitFor(() => stack.connector.activities.slice(since2).find((a) => a.kind === 'send'));
  expect(text(filtered.activity.attachments[0].content)).toMatch(/matching/);
});

test('Export CSV on a filtered report and `export mailboxes` with the same filter say how many rows the CSV holds', async () => {
  const user = mailboxUsers(stack.tenant, 'UserMailbox')[0];
  const exported = async (say: () => Promise<unknown>) => {
    const since = stack.connector.activities.length;
    await say();
    const done = await stack.connector.waitFor(() =>
      stack.connector.activities
        .slice(since)
        .map((a) => stack.connector.messages.get(a.activity.id) ?? a.activity)
        .find((a) => /Download CSV/.test(cardText(a))),
    );
    const card = done.attachments[0].content;
    const link = actions(card).find((a) => a.type === 'Action.OpenUrl').url as string;
    const csv = await (await fetch(link.replace(/^https?:\/\/[^/]+/, stack.bot.url))).text();
    return { said: text(card), rows: csv.trim().split('\r\n').length - 1 };
  };
  const since = stack.connector.activities.length;
  await stack.say(`mailboxes filter ${user.userPrincipalName}`);
  const sent = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
  const filtered = await stack.connector.waitFor(() => {
    const a = stack.connector.messages.get(sent.id);
    return a && !/Reading/.test(cardText(a)) ? a.attachments[0].content : undefined;
  });
  const exp = button(filtered, 'Export CSV');
  const fromButton = await exported(() => stack.click(exp.verb, exp.data));
  expect(fromButton.rows).toBe(1);
  expect(fromButton.said).toMatch(/\b1 row, every column/);
  const fromCommand = await exported(() => stack.say(`export mailboxes filter ${user.userPrincipalName}`));
  expect(fromCommand.rows).toBe(1);
  expect(fromCommand.said).toMatch(/\b1 row, every column/);
});
