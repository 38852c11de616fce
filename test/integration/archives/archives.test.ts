// `archives` and the archive and Recoverable Items alerts over real HTTP: the simulated tenant,
// Azurite, the bot with a clock the test moves a day at a time, and the local connector.
import { startStack, Stack } from '../../support/stack';
import { cardText, type PostedActivity } from '../../support/connector';
import { askBot } from '../../support/ask';
import { archiveTenant, FAST, GB, HELD, NEAR_CAP } from './archive-tenant';
import { listArchiveMailboxes } from '../../../src/m365/archive-statistics';

const DAY = 86_400_000;
let now = Date.parse('2026-12-01T09:00:00Z');
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: archiveTenant(), env: { ALERT_INTERVAL_MINUTES: '0' }, clock: () => new Date(now) });
});
afterAll(async () => {
  await stack?.stop();
});

const ask = async (text: string) => (await askBot(stack, text)).text;

async function setArchive(upn: string, bytes: number): Promise<void> {
  const res = await fetch(`${stack.sim.controlUrl}/_sim/users/${upn}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mailbox: { archive: { totalItemSizeBytes: bytes } } }),
  });
  expect(res.ok).toBe(true);
}

async function exchangeCmdlets(): Promise<Record<string, number>> {
  return (await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json()).apis.exchange?.cmdlets ?? {};
}

// A new alert, not the daily reminder of one already sent.
const isAlert = (a: PostedActivity) => a.kind === 'send' && /ALERT/.test(cardText(a.activity)) && !/REMINDER/.test(cardText(a.activity));
const alertsSince = (n: number) =>
  stack.connector.activities
    .slice(n)
    .filter(isAlert)
    .map((a) => cardText(a.activity));

async function checkAlerts(): Promise<string[]> {
  const start = stack.connector.activities.length;
  expect(await stack.say('alerts check')).toBe(200);
  await stack.connector.waitFor(() => stack.connector.activities.slice(start).find((a) => /Checked/.test(cardText(a.activity))));
  return alertsSince(start);
}

test('the archive and Recoverable Items alerts each fire exactly once on a tenant built for them', async () => {
  expect(await ask('alerts on archive 30 growth recoverable 80')).toMatch(/Alerts are on/);
  // Day 1: one reading per archive. Recoverable Items need none: the statistics carry them.
  expect(await ask('archives live')).toMatch(/Archives/);
  const first = await checkAlerts();
  expect(first).toHaveLength(1);
  expect(first[0]).toMatch(/RECOVERABLE ITEMS ALERT/);
  expect(first[0]).toMatch(/Hana Held[\s\S]*85%/);
  expect(first[0]).toMatch(/Litigation Hold/);
  expect(first[0]).toMatch(/Recoverable Items quota \(Microsoft\)/);

  // Day 2: Nora's archive grew 0.5 GB (full in 9 days), Felix's 3 GB (over Microsoft's 1 GB/day).
  now += DAY;
  await setArchive(NEAR_CAP, 95.5 * GB);
  await setArchive(FAST, 203 * GB);
  expect(await ask('archives live')).toMatch(/Over 1 GB\/day\s*1/);
  const second = await checkAlerts();
  expect(second).toHaveLength(2);
  const cap = second.find((t) => /^ARCHIVE ALERT/.test(t));
  const growth = second.find((t) => /ARCHIVE GROWTH ALERT/.test(t));
  expect(cap).toMatch(/full in about 9 days/);
  expect(cap).toMatch(/Archive limits \(Microsoft\)/);
  expect(growth).toMatch(/Felix Fast[\s\S]*3 GB a day/);
  expect(growth).toMatch(/Auto-expanding archiving \(Microsoft\)/);

  expect(cap).toMatch(/Nora Nearcap/);

  // Nothing new: nothing more is sent, the next day neither (reminders aside).
  expect(await checkAlerts()).toHaveLength(0);
  now += DAY;
  expect(await ask('archives live')).toMatch(/Archives/);
  expect(await checkAlerts()).toHaveLength(0);
});

test('archives answers from storage with the date of each figure, without reading Exchange; live reads now', async () => {
  const before = await exchangeCmdlets();
  await setArchive(FAST, 300 * GB);
  const stored = await ask('archives sort growth');
  const after = await exchangeCmdlets();
  expect(after['Get-MailboxStatistics'] ?? 0).toBe(before['Get-MailboxStatistics'] ?? 0);
  expect(stored).toMatch(/Archives\s*3/);
  const day = new Date(now).toISOString().slice(0, 10);
  expect(stored).toContain(`read ${day}`);
  // Sorted by growth: Felix first, with the stored 203 GB, not the 300 GB Exchange has now.
  expect(stored.indexOf('Felix Fast')).toBeLessThan(stored.indexOf('Nora Nearcap'));
  expect(stored).toMatch(/203 GB \/ 1\.5 TB/);

  const live = await ask('archives live');
  expect(live).toMatch(/300 GB \/ 1\.5 TB/);
  expect(live).toMatch(/read just now/);
});

test('archives reads the archives the refresh listed but never read before it answers, and only those', async () => {
  // A new archive, listed by Get-Mailbox -Archive (as a background round's listing does) but not read yet.
  const res = await fetch(`${stack.sim.controlUrl}/_sim/users/${HELD}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mailbox: { archiveStatus: 'Active', archive: { itemCount: 10, totalItemSizeBytes: 7 * GB } } }),
  });
  expect(res.ok).toBe(true);
  const { archives, tenant } = stack.bot.services;
  await archives.readings.syncInventory(await listArchiveMailboxes(tenant.exchange), new Date(now));
  expect((await archives.readings.all()).filter((a) => a.readings.length === 0)).toHaveLength(1);
  const before = await exchangeCmdlets();
  const answer = await ask('archives sort name');
  const after = await exchangeCmdlets();
  expect((after['Get-MailboxStatistics'] ?? 0) - (before['Get-MailboxStatistics'] ?? 0)).toBe(1);
  expect(answer).toMatch(/Archives\s*4/);
  expect(answer).not.toMatch(/not read yet/);
  expect(answer).toMatch(/Hana Held[\s\S]*7 GB/);
});

test('archives refuses words it does not know, with the usage', async () => {
  expect(await ask('archives sort colour')).toMatch(/sort needs one of: percent, size, growth, full, name/);
});

async function largestFolders(upn: string): Promise<string> {
  const start = stack.connector.activities.length;
  const click = await stack.click('mailbox.folders', { upn });
  expect(click.status).toBe(200);
  const sent = await stack.connector.waitFor(() =>
    stack.connector.activities.slice(start).find((a) => a.kind === 'send' && /Largest folders/.test(cardText(a.activity))),
  );
  return cardText(sent.activity);
}

test('mailbox shows a Largest folders button; it lists the ten largest, archive and Recoverable Items folders marked', async () => {
  expect(await ask(`mailbox ${HELD}`)).toMatch(/Recoverable Items\s*85 GB of 100 GB · 85%[\s\S]*Largest folders/);
  const held = await largestFolders(HELD);
  // 85 GB of Recoverable Items against 2 GB of mail: the Recoverable Items folders lead.
  expect(held).toMatch(/10 largest of \d+ folders/);
  expect(held.split('Recoverable Items').length - 1).toBeGreaterThanOrEqual(3);
  const archived = await largestFolders(NEAR_CAP);
  // 95.5 GB in the archive against 2 GB in the mailbox: the archive's folders lead.
  expect(archived).toMatch(/In the archive/);
  expect(archived).toMatch(/Back to mailbox/);
});

test('a forged Largest folders click is refused', async () => {
  expect((await stack.click('mailbox.folders', { upn: 'a*' })).body.statusCode).toBe(400);
  expect((await stack.click('mailbox.folders', { upn: 42 })).body.statusCode).toBe(400);
});
