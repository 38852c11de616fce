// An identity whose Exchange roles lack Get-OrganizationConfig: the archive refresh carries on with
// each archive's own AutoExpandingArchiveEnabled (so a 100 GB cap) and says so once in the log. Its
// own file: the managed identity's token, with its roles, is cached for the process.
import { startStack, Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
import { archiveTenant } from './archive-tenant';

let stack: Stack | undefined;

afterAll(async () => {
  await stack?.stop();
});

const ask = async (text: string) => (await askBot(stack!, text)).text;

test('an identity that may not read Get-OrganizationConfig keeps each archive its own cap and logs it once', async () => {
  const tenant = archiveTenant();
  tenant.organization = { autoExpandingArchive: true };
  // Only the two recipient cmdlets, as a custom Exchange role (New-ManagementRole -Parent, entries removed).
  tenant.identity = {
    ...tenant.identity,
    directoryRoles: [],
    exchangeRoleGroups: [{ name: 'Mailbox readers', roles: [], cmdlets: ['Get-Mailbox', 'Get-MailboxStatistics'] }],
  };
  stack = await startStack({ tenant, env: { ALERT_INTERVAL_MINUTES: '0' } });
  const first = await ask('archives live');
  expect(first).toMatch(/Nora Nearcap\s*95 GB \/ 100 GB/);
  expect(first).not.toMatch(/whole organisation/);
  expect(await ask('archives live')).toMatch(/Nora Nearcap\s*95 GB \/ 100 GB/);
  expect(stack.logLines.filter((l) => /refused Get-OrganizationConfig/.test(l))).toHaveLength(1);
});
