// Archives, group mailboxes and folders as the simulated Exchange answers them: only the parameter
// sets Microsoft documents, reached the way the bot reaches them.
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { archiveTenant, FAST, GB, HELD, NEAR_CAP } from '../archives/archive-tenant';
import type { RunningSimulator } from '../../../src/simulator';
import { simulatorForFile } from '../../support/simulator';
import { control, SimClient } from './sim-client';

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

let sim: RunningSimulator;
simulatorForFile(tenant(), { managedIdentity: true }, (s) => ({ sim, client } = s));

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

test('Get-MailboxFolderStatistics -ResultSize -SkipCount reads a window of the same folder order; a SkipCount that is no Int32 is refused', async () => {
  const paths = async (p: Record<string, unknown>) =>
    (await client.exchange('Get-MailboxFolderStatistics', { Identity: HELD, ...p })).json().value.map((f: any) => f.FolderPath);
  const all = await paths({});
  expect(all.length).toBeGreaterThan(10);
  expect([...(await paths({ ResultSize: 5, SkipCount: 0 })), ...(await paths({ ResultSize: 5, SkipCount: 5 }))]).toEqual(all.slice(0, 10));
  expect(await paths({ SkipCount: all.length })).toEqual([]);
  for (const bad of ['many', -1, 1.5, true])
    expect((await client.exchange('Get-MailboxFolderStatistics', { Identity: HELD, SkipCount: bad })).status).toBe(400);
});

test('archive.growthBytesPerDay: Get-MailboxStatistics -Archive follows /_sim/clock and stops at what the archive can reach', async () => {
  const archiveBytes = async (upn: string) => {
    const size = (await client.exchange('Get-MailboxStatistics', { Identity: upn, Archive: true })).json().value[0].TotalItemSize;
    return Number(/\(([\d,]+) bytes\)/.exec(size)![1].replace(/,/g, '')) / GB;
  };
  const today = (await control(sim.info, 'GET', '/_sim/clock')).json.today as string;
  const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  try {
    expect(
      (await control(sim.info, 'PATCH', `/_sim/users/${NEAR_CAP}`, { mailbox: { archive: { growthBytesPerDay: 2 * GB } } })).status,
    ).toBe(200);
    expect((await control(sim.info, 'PATCH', `/_sim/users/${FAST}`, { mailbox: { archive: { growthBytesPerDay: 3 * GB } } })).status).toBe(
      200,
    );
    await control(sim.info, 'PUT', '/_sim/clock', { today: day(2) });
    expect(await archiveBytes(NEAR_CAP)).toBe(99);
    expect(await archiveBytes(FAST)).toBe(206);
    // A 100 GB archive without auto-expanding takes nothing more at its quota; an auto-expanding one goes on.
    await control(sim.info, 'PUT', '/_sim/clock', { today: day(10) });
    expect(await archiveBytes(NEAR_CAP)).toBe(100);
    expect(await archiveBytes(FAST)).toBe(230);
    await control(sim.info, 'PUT', '/_sim/clock', { today });
    expect(await archiveBytes(NEAR_CAP)).toBe(95);
    expect(await archiveBytes(FAST)).toBe(200);
  } finally {
    await control(sim.info, 'PUT', '/_sim/clock', { today });
  }
});
