// Mailbox history over real HTTP: a tenant whose mailboxes grow at known rates, its clock moved day
// by day over 30 days with a collection each day (`history collect`), then the full date `mailbox`
// projects, the order of `mailboxes sort growth`, and a restart that keeps every day.
import { startStack, type Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
import { mailboxUsers } from '../../support/tenant-facts';
import { cardText } from '../../support/connector';
import { randomUUID } from 'node:crypto';
import { loadTenant } from '../../../src/simulator/tenant/load';
import type { FixtureUser } from '../../../src/simulator/tenant/fixture';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const DAY_MS = 86_400_000;
// Forty days ago: the full-soon alert counts days from the bot's own (real) today.
const START = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
const DAYS = 30;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

// Four mailboxes of 10 GB with a 50 GB quota, growing at these rates a day (the last one shrinks).
const RATES = [400 * MB, 100 * MB, 200 * MB, -50 * MB];

let stack: Stack;
let growing: FixtureUser[];
let refreshLag: number;

const control = async (path: string, method = 'GET', body?: unknown) => {
  const res = await fetch(`${stack.sim.controlUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};
const ask = async (text: string, final?: RegExp) =>
  (await askBot(stack, text, { ownConversation: true, timeoutMs: 60_000, ...(final ? { final } : {}) })).text;

beforeAll(async () => {
  const tenant = loadTenant('demo');
  tenant.asOf = START;
  growing = mailboxUsers(tenant, 'UserMailbox').slice(0, RATES.length);
  growing.forEach((u, i) => {
    const m = u.mailbox!;
    m.totalItemSizeBytes = 10 * GB;
    m.prohibitSendReceiveQuotaBytes = 50 * GB;
    m.prohibitSendQuotaBytes = 49 * GB;
    m.issueWarningQuotaBytes = 48 * GB;
    m.growthBytesPerDay = RATES[i];
    m.itemsPerDay = 100;
  });
  refreshLag = daysBetween(tenant.reportRefreshDate!, new Date().toISOString().slice(0, 10));
  stack = await startStack({ tenant, usageReport: { recheckMs: 0 } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

test('the clock moves the tenant: live figures and the usage report follow it', async () => {
  const bad = await control('/_sim/clock', 'PUT', { today: '2026-02-30' });
  expect(bad.status).toBe(400);
  const moved = await control('/_sim/clock', 'PUT', { today: addDays(START, 10) });
  expect(moved.status).toBe(200);
  expect(moved.body.today).toBe(addDays(START, 10));
  expect(moved.body.reportRefreshDate).toBe(addDays(START, 10 - refreshLag));
  const user = await control(`/_sim/users/${encodeURIComponent(growing[0].userPrincipalName)}`);
  expect(user.body.mailbox.totalItemSizeBytes).toBe(10 * GB + 10 * RATES[0]);
});

test('30 days collected one by one: the full date within 10% of the arithmetic, growth ranking by rate, kept across a restart', async () => {
  const collected: string[] = [];
  for (let d = 0; d < DAYS; d++) {
    await control('/_sim/clock', 'PUT', { today: addDays(START, d) });
    const text = await ask('history collect', /Last collection/);
    expect(text).toMatch(/Collected \d{4}-\d{2}-\d{2}/);
    collected.push(/Collected (\d{4}-\d{2}-\d{2})/.exec(text)![1]);
  }
  expect(new Set(collected).size).toBe(DAYS);
  const last = collected.at(-1)!;
  expect(last).toBe(addDays(START, DAYS - 1 - refreshLag));

  // A second collection of the same report day writes nothing.
  expect(await ask('history collect', /Last collection/)).toMatch(/already stored/);

  // mailbox: full in (quota − size on the last day) / rate days.
  const fastest = growing[0];
  const sizeThen = 10 * GB + RATES[0] * daysBetween(START, last);
  const expected = (50 * GB - sizeThen) / RATES[0];
  const card = await ask(`mailbox ${fastest.userPrincipalName}`);
  const days = Number(/Full in ~([\d,]+) days/.exec(card)?.[1]?.replace(/,/g, ''));
  expect(Math.abs(days - expected) / expected).toBeLessThanOrEqual(0.1);
  expect(card).toMatch(/Growth, 30 days\s*\+400 MB\/day/);
  expect(card).toMatch(/30 days \(/);
  const shrinking = await ask(`mailbox ${growing[3].userPrincipalName}`);
  expect(shrinking).toMatch(/Shrinking/);

  // mailboxes sort growth: fastest first, in the order of the known rates.
  const ranking = await ask('mailboxes sort growth');
  expect(ranking).toMatch(/fastest-growing first/);
  const at = (u: FixtureUser) => ranking.indexOf(u.userPrincipalName);
  for (const u of growing.slice(0, 3)) expect(at(u)).toBeGreaterThanOrEqual(0);
  expect(at(growing[0])).toBeLessThan(at(growing[2]));
  expect(at(growing[2])).toBeLessThan(at(growing[1]));
  expect(ranking).toMatch(/growing \+400 MB\/day/);
  // The tenant's trend, from Graph's getMailboxUsageStorage (180 days, whatever the store holds).
  expect(ranking).toMatch(/All mailboxes: [\d.]+ (GB|TB) on [A-Z][a-z]{2} \d+ · \+[\d.]+ (MB|GB)\/day over 30 days · \d{3} days shown/);

  // A restart keeps every day: the history is in Blob Storage, not in the process.
  await stack.restartBot();
  const summary = await ask('history', /Last collection/);
  expect(summary).toMatch(new RegExp(`Days\\s*${DAYS}\\b`));
  const again = await ask(`mailbox ${fastest.userPrincipalName}`);
  expect(/Full in ~([\d,]+) days/.exec(again)?.[1]).toBe(String(days));
}, 600_000);

test('the full-soon alert fires once, and again only when the projection worsens', async () => {
  const conversationId = `conv-${randomUUID()}`;
  expect(await stack.say('alerts on full 120', { conversationId })).toBe(200);
  await stack.connector.waitFor(() => stack.connector.activities.find((a) => a.conversationId === conversationId && a.kind === 'send'));
  const fullSoon = () =>
    stack.connector.activities.filter(
      (a) => a.conversationId === conversationId && a.kind === 'send' && /FULL SOON ALERT/.test(cardText(a.activity)),
    );
  const cycle = () => stack.bot.services.alerts.runCycle({ only: conversationId });

  // Only the 400 MB/day mailbox is projected full within 120 days.
  await cycle();
  expect(fullSoon()).toHaveLength(1);
  expect(cardText(fullSoon()[0].activity)).toContain(growing[0].displayName);
  await cycle();
  expect(fullSoon()).toHaveLength(1);

  // It speeds up to 1.5 GB a day; four more days are collected: the full date moves much closer.
  const patched = await control(`/_sim/users/${encodeURIComponent(growing[0].userPrincipalName)}`, 'PATCH', {
    mailbox: { growthBytesPerDay: 1536 * MB },
  });
  expect(patched.status).toBe(200);
  for (let d = DAYS; d < DAYS + 4; d++) {
    await control('/_sim/clock', 'PUT', { today: addDays(START, d) });
    expect(await ask('history collect', /Last collection/)).toMatch(/Collected/);
  }
  await cycle();
  expect(fullSoon()).toHaveLength(2);
  await cycle();
  expect(fullSoon()).toHaveLength(2);
}, 600_000);
