// `mailboxes group` over real HTTP on both paths: Get-MailboxStatistics per group mailbox (live),
// and from the threshold up Microsoft 365's groups activity report with the rows shown read live.
import { startStack, Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
import { alertTenant, GB } from '../alerts/alert-tenant';
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';

const GROUPS = [
  { id: 'a8000000-0000-4000-8000-000000000001', displayName: 'Sales Team', items: 40_000, bytes: 45 * GB },
  { id: 'a8000000-0000-4000-8000-000000000002', displayName: 'Project Falcon', items: 9_000, bytes: 10 * GB },
  { id: 'a8000000-0000-4000-8000-000000000003', displayName: 'Book Club', items: 300, bytes: 1 * GB },
];

function groupTenant(): TenantFixture {
  const base = alertTenant();
  return {
    ...base,
    groups: GROUPS.map((g) => ({
      id: g.id,
      displayName: g.displayName,
      members: [],
      mailbox: {
        primarySmtpAddress: `${g.displayName.toLowerCase().replace(/ /g, '')}@contoso.example`,
        itemCount: g.items,
        totalItemSizeBytes: g.bytes,
        lastInteractionTime: new Date().toISOString(),
        whenMailboxCreated: '2024-01-01T00:00:00Z',
      },
    })),
  };
}

let stack: Stack;
beforeAll(async () => {
  // Three group mailboxes reach the threshold: `mailboxes group` takes the usage-report path.
  stack = await startStack({ tenant: groupTenant(), usageReport: { threshold: 3 } });
});
afterAll(async () => {
  await stack?.stop();
});

async function counts(): Promise<any> {
  return (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json();
}

const groupsReportCalls = (c: any) =>
  Object.entries((c.apis.graph?.paths ?? {}) as Record<string, number>)
    .filter(([p]) => p.includes('getOffice365GroupsActivityDetail'))
    .reduce((n, [, k]) => n + k, 0);

test('mailboxes group live lists group mailboxes with quota %, read live, and no user mailbox', async () => {
  const before = groupsReportCalls(await counts());
  const text = (await askBot(stack, 'mailboxes group live sort size')).text;
  expect(text).toMatch(/Microsoft 365 group mailboxes/);
  // 45 GB of the 50 GB a group mailbox has: 90%.
  expect(text).toMatch(/Sales Team[\s\S]*90%/);
  expect(text.indexOf('Sales Team')).toBeLessThan(text.indexOf('Project Falcon'));
  expect(text).toContain('Book Club');
  expect(text).not.toContain('Alice Adams');
  expect(groupsReportCalls(await counts())).toBe(before);
});

test('mailboxes group on a large tenant reads the groups activity report, the rows shown live', async () => {
  const before = await counts();
  const text = (await askBot(stack, 'mailboxes group sort size')).text;
  expect(text).toMatch(/Microsoft 365 group mailboxes/);
  expect(text).toMatch(/Usage data of/);
  expect(text).toMatch(/Sales Team[\s\S]*9\d%/);
  expect(text).not.toContain('Alice Adams');
  const after = await counts();
  expect(groupsReportCalls(after) - groupsReportCalls(before)).toBe(1);
  // Get-Mailbox never finds group mailboxes without -GroupMailbox: the listing used it.
  expect(after.apis.exchange.cmdlets['Get-MailboxStatistics'] - (before.apis.exchange.cmdlets['Get-MailboxStatistics'] ?? 0)).toBe(3);
});
