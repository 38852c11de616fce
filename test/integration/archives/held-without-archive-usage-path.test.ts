// The Recoverable Items alert on a tenant above the usage-report threshold for a mailbox on
// Litigation Hold that has no archive: its usage-report row has its Deleted Item Size but no holds,
// and the archive listing does not name it. The archive refresh also lists the mailboxes on
// Litigation Hold (Get-Mailbox -Filter), so it is judged, and the alert fires once.
import type { Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { askBot } from '../../support/ask';
import { archiveTenant, exchangeCmdlets, HELD, startUsagePathStack } from './archive-tenant';

let stack: Stack;

const cmdlets = () => exchangeCmdlets(stack);

beforeAll(async () => {
  const tenant = archiveTenant();
  expect(tenant.users.find((u) => u.userPrincipalName === HELD)!.mailbox!.archiveStatus ?? 'None').toBe('None');
  stack = await startUsagePathStack(tenant);
});
afterAll(async () => {
  await stack?.stop();
});

async function recoverableAlerts(): Promise<string[]> {
  const start = stack.connector.activities.length;
  expect(await stack.say('alerts check')).toBe(200);
  await stack.connector.waitFor(() => stack.connector.activities.slice(start).find((a) => /Checked/.test(cardText(a.activity))));
  return stack.connector.activities
    .slice(start)
    .filter((a) => a.kind === 'send' && /RECOVERABLE ITEMS ALERT/.test(cardText(a.activity)) && !/REMINDER/.test(cardText(a.activity)))
    .map((a) => cardText(a.activity));
}

test('a held mailbox without an archive, read from the usage report, fires the Recoverable Items alert once', async () => {
  expect((await askBot(stack, 'alerts on recoverable 80')).text).toMatch(/Alerts are on/);
  // The refresh lists the archives and the mailboxes on Litigation Hold.
  expect((await askBot(stack, 'archives live')).text).not.toMatch(/Hana Held/);
  const before = await cmdlets();
  const alerts = await recoverableAlerts();
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toMatch(/Hana Held[\s\S]*85%/);
  expect(alerts[0]).toMatch(/Litigation Hold/);
  // The usage path: the check read no mailbox's statistics (the live path reads every mailbox's).
  expect((await cmdlets())['Get-MailboxStatistics'] ?? 0).toBe(before['Get-MailboxStatistics'] ?? 0);
  expect(await recoverableAlerts()).toHaveLength(0);
});
