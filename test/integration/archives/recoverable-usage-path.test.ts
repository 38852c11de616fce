// The Recoverable Items alert on a tenant above the usage-report threshold: user mailboxes are then
// rows of Microsoft 365's usage report, which has their Deleted Item Size but no holds. A held
// mailbox whose archive the archive refresh has listed (with its holds and RecoverableItemsQuota) is
// still judged, and fires once.
import type { Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { askBot } from '../../support/ask';
import { archiveTenant, exchangeCmdlets, GB, HELD, startUsagePathStack } from './archive-tenant';

let stack: Stack;

const cmdlets = () => exchangeCmdlets(stack);

beforeAll(async () => {
  const tenant = archiveTenant();
  const held = tenant.users.find((u) => u.userPrincipalName === HELD)!;
  held.mailbox = { ...held.mailbox!, archiveStatus: 'Active', archive: { itemCount: 1_000, totalItemSizeBytes: 5 * GB } };
  stack = await startUsagePathStack(tenant);
});
afterAll(async () => {
  await stack?.stop();
});

test('a held mailbox read from the usage report fires the Recoverable Items alert with the holds the archive refresh listed', async () => {
  expect((await askBot(stack, 'alerts on recoverable 80')).text).toMatch(/Alerts are on/);
  expect((await askBot(stack, 'archives live')).text).toMatch(/Archives/);
  const before = await cmdlets();
  const start = stack.connector.activities.length;
  expect(await stack.say('alerts check')).toBe(200);
  await stack.connector.waitFor(() => stack.connector.activities.slice(start).find((a) => /Checked/.test(cardText(a.activity))));
  const alerts = stack.connector.activities
    .slice(start)
    .filter((a) => a.kind === 'send' && /RECOVERABLE ITEMS ALERT/.test(cardText(a.activity)))
    .map((a) => cardText(a.activity));
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toMatch(/Hana Held[\s\S]*85%/);
  expect(alerts[0]).toMatch(/Litigation Hold/);
  // The usage path: the check read no mailbox's statistics (the live path reads every mailbox's).
  expect((await cmdlets())['Get-MailboxStatistics'] ?? 0).toBe(before['Get-MailboxStatistics'] ?? 0);
});
