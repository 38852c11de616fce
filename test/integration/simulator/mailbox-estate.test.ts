// Archives, group mailboxes and folders as the simulated Exchange answers them: only the parameter
// sets Microsoft documents, reached the way the bot reaches them.
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { archiveTenant, FAST, GB, HELD, NEAR_CAP } from '../archives/archive-tenant';
import { simulatorForFile } from '../../support/simulator';
import { SimClient } from './sim-client';

let client: SimClient;
const GROUP = 'a8000000-0000-4000-8000-000000000009';

function tenant(): TenantFixture {
  const t = archiveTenant();
  t.groups = [
    {
      id: GROUP,
      displayName: 'Sales Team',
      members: [],
      mailbox: { primarySmtpAddress: 'sales@contoso.example', itemCount: 10, totalItemSizeBytes: GB },
    },
  ];
  return t;
}

simulatorForFile(tenant(), { managedIdentity: true }, (s) => ({ client } = s));

const upns = (body: any): string[] => body.value.map((r: any) => r.UserPrincipalName).sort();

test('Get-Mailbox -Archive lists only mailboxes with an archive, with ArchiveQuota', async () => {
  const body = (await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited', Archive: true })).json();
  expect(upns(body)).toEqual(['calm@contoso.example', FAST, NEAR_CAP].sort());
  const fast = body.value.find((r: any) => r.UserPrincipalName === FAST);
  expect(fast.ArchiveQuota).toBe('100 GB (107,374,182,400 bytes)');
  expect((await client.exchange('Get-Mailbox', { Archive: 'yes' })).status).toBe(400);
});

test('group mailboxes only with -GroupMailbox, by filter or identity', async () => {
  const all = (await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited' })).json();
  expect(upns(all)).not.toContain('sales@contoso.example');
  expect((await client.exchange('Get-Mailbox', { Identity: 'sales@contoso.example' })).status).toBe(404);
  const groups = (await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited', GroupMailbox: true })).json();
  expect(groups.value.map((r: any) => [r.RecipientTypeDetails, r.ExternalDirectoryObjectId])).toEqual([['GroupMailbox', GROUP]]);
  expect(groups.value[0].ProhibitSendReceiveQuota).toBe('50 GB (53,687,091,200 bytes)');
  const stats = (await client.exchange('Get-MailboxStatistics', { Identity: GROUP })).json();
  expect(stats.value[0].TotalItemSize).toBe('1 GB (1,073,741,824 bytes)');
});

test('Recoverable Items quota is 100 GB on hold, 30 GB otherwise', async () => {
  const held = (await client.exchange('Get-Mailbox', { Identity: HELD })).json().value[0];
  expect(held.RecoverableItemsQuota).toBe('100 GB (107,374,182,400 bytes)');
  const other = (await client.exchange('Get-Mailbox', { Identity: FAST })).json().value[0];
  expect(other.RecoverableItemsQuota).toBe('30 GB (32,212,254,720 bytes)');
});

test('Get-MailboxFolderStatistics: folders add up to the statistics; FolderScope and -Archive as documented; no Get-MailboxStatistics -FolderScope', async () => {
  const folders = (await client.exchange('Get-MailboxFolderStatistics', { Identity: HELD })).json().value;
  const bytes = (s: string) => Number(/\(([\d,]+) bytes\)/.exec(s)![1].replace(/,/g, ''));
  const ri = folders.filter((f: any) => String(f.FolderType).startsWith('RecoverableItems') && f.FolderType !== 'RecoverableItemsRoot');
  expect(ri.reduce((n: number, f: any) => n + bytes(f.FolderSize), 0)).toBe(85 * GB);
  const scoped = (await client.exchange('Get-MailboxFolderStatistics', { Identity: HELD, FolderScope: 'RecoverableItems' })).json().value;
  expect(scoped.every((f: any) => String(f.FolderType).startsWith('RecoverableItems'))).toBe(true);
  const archive = (await client.exchange('Get-MailboxFolderStatistics', { Identity: NEAR_CAP, Archive: true })).json().value;
  expect(
    archive
      .filter((f: any) => f.FolderType !== 'Root' && !String(f.FolderType).startsWith('Recoverable'))
      .reduce((n: number, f: any) => n + bytes(f.FolderSize), 0),
  ).toBe(95 * GB);
  expect((await client.exchange('Get-MailboxFolderStatistics', { Identity: HELD, Archive: true })).status).toBe(400);
  expect((await client.exchange('Get-MailboxFolderStatistics', { Identity: HELD, FolderScope: 'Everything' })).status).toBe(400);
  expect((await client.exchange('Get-MailboxStatistics', { Identity: HELD, FolderScope: 'RecoverableItems' })).status).toBe(400);
});
