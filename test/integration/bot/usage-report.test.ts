// `mailboxes` on a tenant above the usage-report threshold (lowered here so the demo tenant counts as
// large): figures from Microsoft 365's usage report, live statistics only for the rows shown, the
// report's date on the card, concealed names answered by a live read, one download shared by admins.
import { ADMIN_ID, startStack, Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
import { cardText } from '../../support/connector';
import { cardActions } from '../../support/card-actions';
import { mailboxUsers, visible } from '../../support/tenant-facts';
import { figuresOnReportDay } from '../../../src/simulator/graph/usage-report';
import { usageDateText } from '../../../src/reports/figure-source';

let stack: Stack;
const OTHER_ADMIN = '00000000-0000-0000-0000-000000000077';

beforeAll(async () => {
  stack = await startStack({
    tenant: 'demo',
    config: { admins: [ADMIN_ID, OTHER_ADMIN] },
    // Every command asks Graph whether the kept report is still current (If-None-Match).
    usageReport: { threshold: 50, recheckMs: 0 },
  });
});
afterAll(async () => {
  await stack?.stop();
});

const control = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${stack.sim.controlUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const counts = async (): Promise<any> => (await control('/_sim/requests')).json();
const resetCounts = () => control('/_sim/requests', 'DELETE');
const ask = async (text: string, from?: string) =>
  (await askBot(stack, text, { first: /Reading/, from, ownConversation: true, timeoutMs: 60_000 })).text;
const downloads = (c: any): number =>
  Object.entries(c.apis.graph.paths as Record<string, number>)
    .filter(([p]) => p.includes('/data/download/'))
    .reduce((n, [, k]) => n + k, 0);

test('above the threshold: figures from the usage report, live statistics only for the rows shown, the data date on the card', async () => {
  await resetCounts();
  const text = await ask('mailboxes');
  const users = mailboxUsers(stack.tenant, 'UserMailbox');
  const date = usageDateText(stack.tenant.reportRefreshDate);
  expect(text).toContain(`Usage data of ${date}`);
  expect(text).toMatch(/the rows shown are live/);
  expect(text).toMatch(new RegExp(`of ${users.length.toLocaleString('en-US')} user mailboxes`));
  const c = await counts();
  // A few rows read live, not one statistics call per mailbox; Get-Mailbox only for the minority types.
  const stats = c.apis.exchange.cmdlets['Get-MailboxStatistics'] ?? 0;
  expect(stats).toBeGreaterThan(0);
  expect(stats).toBeLessThanOrEqual(80);
  expect(stats).toBeLessThan(users.length);
  expect(downloads(c)).toBe(1);
});

test('below the threshold, or with `live`, every mailbox is read live and the card says nothing of the usage report', async () => {
  const users = mailboxUsers(stack.tenant, 'UserMailbox');
  await resetCounts();
  const live = await ask('mailboxes live');
  expect(live).not.toMatch(/Usage data/);
  expect((await counts()).apis.exchange.cmdlets['Get-MailboxStatistics']).toBe(users.length);

  const usage = stack.bot.services.usage;
  usage.threshold = 100_000;
  try {
    await resetCounts();
    const small = await ask('mailboxes sort size');
    expect(small).not.toMatch(/Usage data/);
    expect((await counts()).apis.exchange.cmdlets['Get-MailboxStatistics']).toBe(users.length);
  } finally {
    usage.threshold = 50;
  }
});

test('a row whose live figures differ notably from the day-old report is marked', async () => {
  // The kept report stays the one already downloaded (same refresh date, 304); the live size triples.
  const users = mailboxUsers(stack.tenant, 'UserMailbox');
  const user = users.find((u) => u.mailbox!.totalItemSizeBytes > 500 * 1024 ** 2) ?? users[0];
  const m = user.mailbox!;
  await ask('mailboxes');
  await control(`/_sim/users/${encodeURIComponent(user.id)}`, 'PATCH', {
    mailbox: { totalItemSizeBytes: m.totalItemSizeBytes * 3 + 2 * 1024 ** 3, itemCount: m.itemCount * 3 + 5000 },
  });
  try {
    const text = await ask(`mailboxes filter ${user.userPrincipalName}`);
    expect(text).toContain(visible(user.displayName));
    expect(text).toContain(`on ${usageDateText(stack.tenant.reportRefreshDate)}`);
    expect(text).toContain('⚠');
  } finally {
    await control(`/_sim/users/${encodeURIComponent(user.id)}`, 'PATCH', {
      mailbox: { totalItemSizeBytes: m.totalItemSizeBytes, itemCount: m.itemCount },
    });
  }
  // Sanity: the simulator's day-old figures are what the bot compared against.
  expect(figuresOnReportDay(user.userPrincipalName, { items: 1, bytes: 1000, deletedItems: 0, deletedBytes: 0 }, 2).bytes).toBeGreaterThan(
    0,
  );
});

test('the downloaded report is shared by every admin, and downloaded again once Microsoft publishes a newer day', async () => {
  await ask('mailboxes');
  await resetCounts();
  await Promise.all([ask('mailboxes sort size'), ask('mailboxes shared', OTHER_ADMIN)]);
  const c = await counts();
  expect(downloads(c)).toBe(0);

  const next = new Date(Date.parse(`${stack.tenant.reportRefreshDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await control('/_sim/tenant', 'PATCH', { reportRefreshDate: next });
  try {
    await resetCounts();
    const text = await ask('mailboxes', OTHER_ADMIN);
    expect(text).toContain(`Usage data of ${usageDateText(next)}`);
    expect(downloads(await counts())).toBe(1);
  } finally {
    await control('/_sim/tenant', 'PATCH', { reportRefreshDate: stack.tenant.reportRefreshDate });
  }
});

test('concealed names: detected, the card names the admin-centre setting, figures are read live, the setting is left alone', async () => {
  await control('/_sim/tenant', 'PATCH', { reportSettings: { displayConcealedNames: true } });
  try {
    await resetCounts();
    const text = await ask('mailboxes');
    const users = mailboxUsers(stack.tenant, 'UserMailbox');
    expect(text).toMatch(/conceals user names/);
    expect(text).toMatch(/Org settings › Services › Reports/);
    expect(text).toMatch(/never changes this setting/);
    expect(text).not.toMatch(/Usage data of/);
    const c = await counts();
    expect(c.apis.exchange.cmdlets['Get-MailboxStatistics']).toBe(users.length);
    expect(JSON.stringify(c.apis.graph)).not.toMatch(/PATCH/);
  } finally {
    await control('/_sim/tenant', 'PATCH', { reportSettings: { displayConcealedNames: false } });
  }
});

test('Graph throttling the report download is answered from the kept copy, without failing the command', async () => {
  await ask('mailboxes');
  await control('/_sim/faults', 'PUT', { rules: [{ api: 'graph', path: 'getMailboxUsageDetail', status: 429, retryAfterSeconds: 600 }] });
  try {
    const text = await ask('mailboxes sort size');
    expect(text).toMatch(/Usage data of/);
    expect(text).not.toMatch(/couldn't/i);
  } finally {
    await control('/_sim/faults', 'PUT', { rules: [] });
  }
});

test('shared above the threshold: sizes from the usage report, live only near the 50 GB line and for those listed', async () => {
  await resetCounts();
  const text = (await askBot(stack, 'shared', { first: /Reading/, ownConversation: true, timeoutMs: 60_000 })).text;
  const shared = mailboxUsers(stack.tenant, 'SharedMailbox');
  expect(text).toMatch(/Sizes from usage data of/);
  expect(text).toMatch(new RegExp(`${shared.length.toLocaleString('en-US')} shared mailbox`));
  const c = await counts();
  expect(c.apis.exchange.cmdlets['Get-MailboxStatistics'] ?? 0).toBeLessThanOrEqual(shared.length);
});

const actions = cardActions;

test('Next and Sort on a usage-report card answer from the snapshot and the kept report, with no tenant call; rows not read live say so', async () => {
  const answer = await askBot(stack, 'mailboxes', { first: /Reading/, ownConversation: true, timeoutMs: 60_000 });
  const card = answer.activity.attachments[0].content;
  const before = await counts();
  const next = actions(card).find((a) => a.title === 'Next ▶');
  const click = (verb: string, data: unknown) => stack.click(verb, data, { conversationId: answer.conversationId });
  const page = await click(next.verb, next.data);
  expect(page.body.type).toBe('application/vnd.microsoft.card.adaptive');
  const pageText = visible(JSON.stringify(page.body.value));
  expect(pageText).toMatch(/Usage data of/);
  expect(pageText).toMatch(/usage data/);
  const sort = actions(card).find((a) => a.title === 'Largest');
  const sorted = await click(sort.verb, sort.data);
  const users = mailboxUsers(stack.tenant, 'UserMailbox');
  expect(visible(JSON.stringify(sorted.body.value))).toMatch(new RegExp(`of ${users.length.toLocaleString('en-US')} user mailboxes`));
  const after = await counts();
  expect(after.apis.exchange.total).toBe(before.apis.exchange.total);
  expect(after.apis.graph.total).toBe(before.apis.graph.total);
});

test('quota alerts on a large tenant come from the daily usage report and say so', async () => {
  const channel = `19:${Date.now().toString(16)}usage@thread.tacv2`;
  const since = stack.connector.activities.length;
  expect(await stack.say('alerts on quota', { conversationId: channel, conversationType: 'channel' })).toBe(200);
  await stack.connector.waitFor(() =>
    stack.connector.activities.slice(since).find((a) => a.kind === 'send' && a.conversationId === channel),
  );
  const report = await stack.bot.services.alerts.runCycle({ only: channel });
  expect(report.ran).toBe(true);
  const alerts = stack.connector.activities
    .slice(since)
    .filter((a) => a.kind === 'send' && a.conversationId === channel && /of its mailbox quota/.test(cardText(a.activity)));
  expect(alerts.length).toBeGreaterThan(0);
  expect(visible(cardText(alerts[0].activity))).toMatch(
    /daily usage data of [A-Z][a-z]{2} \d+; this size is live|usage data of [A-Z][a-z]{2} \d+, which is updated daily/,
  );
});

test('licence alerts alone on a large tenant take sizes from the usage report and read live only the shared mailboxes near the 50 GB line', async () => {
  const channel = `19:${Date.now().toString(16)}licence@thread.tacv2`;
  const since = stack.connector.activities.length;
  expect(await stack.say('alerts on licence', { conversationId: channel, conversationType: 'channel' })).toBe(200);
  await stack.connector.waitFor(() =>
    stack.connector.activities.slice(since).find((a) => a.kind === 'send' && a.conversationId === channel),
  );
  await resetCounts();
  const report = await stack.bot.services.alerts.runCycle({ only: channel });
  expect(report.ran).toBe(true);
  const shared = mailboxUsers(stack.tenant, 'SharedMailbox');
  const stats = (await counts()).apis.exchange.cmdlets['Get-MailboxStatistics'] ?? 0;
  expect(stats).toBeGreaterThan(0);
  expect(stats).toBeLessThan(shared.length);
  const alerts = stack.connector.activities
    .slice(since)
    .filter((a) => a.kind === 'send' && a.conversationId === channel && /LICENCE ALERT/.test(cardText(a.activity)));
  expect(alerts.length).toBeGreaterThan(0);
});
