// Get-Mailbox and Get-MailboxStatistics records as InvokeCommand returns them with
// X-ResponseFormat json: PascalCase fields, formatted sizes, "<Prop>@odata.type" side keys.
import type { MailboxUser, TenantState } from '../tenant-state';
import { formatByteSize } from './byte-size';
import type { FixtureMailbox } from '../tenant/fixture';
import { archiveQuotaBytes, onHold } from '../tenant/archive-quota';

/** Exchange's date form: seven fractional digits and an offset. */
export function exchangeDate(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return `${d.toISOString().slice(0, 19)}.${String(d.getUTCMilliseconds()).padStart(3, '0')}0000+00:00`;
}

const SIDE_TYPES: Record<string, string> = {
  Identity: '#String',
  Guid: '#Guid',
  ExchangeGuid: '#Guid',
  ArchiveGuid: '#Guid',
  MailboxGuid: '#Guid',
  EmailAddresses: '#Collection(String)',
  ArchiveName: '#Collection(String)',
  InPlaceHolds: '#Collection(String)',
  WhenMailboxCreated: '#DateTimeOffset',
  LastInteractionTime: '#DateTimeOffset',
  LastLogonTime: '#DateTimeOffset',
  LastLogoffTime: '#DateTimeOffset',
  LastUserActionTime: '#DateTimeOffset',
};

function withSideKeys(record: Record<string, unknown>, select?: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    if (select && !select.has(name.toLowerCase())) continue;
    const type = SIDE_TYPES[name];
    if (type) out[`${name}@odata.type`] = type;
    out[name] = value;
  }
  return out;
}

const GB = 1024 ** 3;

function recoverableItemsQuotaBytes(m: FixtureMailbox): number {
  return m.recoverableItemsQuotaBytes ?? (onHold(m) ? 100 : 30) * GB;
}

export function mailboxRecord(state: TenantState, user: MailboxUser, select?: Set<string>): Record<string, unknown> {
  const m = user.mailbox;
  const smtp = state.primarySmtpAddress(user);
  const alias = state.alias(user);
  const guid = state.mailboxGuid(user);
  const hasArchive = m.archiveStatus === 'Active';
  const type = m.recipientTypeDetails;
  return withSideKeys(
    {
      Identity: user.id,
      Id: user.id,
      Name: user.id,
      Alias: alias,
      DisplayName: user.displayName,
      UserPrincipalName: user.userPrincipalName,
      PrimarySmtpAddress: smtp,
      WindowsEmailAddress: smtp,
      EmailAddresses: [`SMTP:${smtp}`, `smtp:${alias}@${state.fixture.tenant.initialDomain}`].filter(
        (a, i, all) => all.findIndex((b) => b.toLowerCase() === a.toLowerCase()) === i,
      ),
      RecipientType: 'UserMailbox',
      RecipientTypeDetails: type,
      ExternalDirectoryObjectId: user.id,
      Guid: guid,
      ExchangeGuid: guid,
      IsMailboxEnabled: true,
      IsShared: type === 'SharedMailbox',
      IsResource: type === 'RoomMailbox' || type === 'EquipmentMailbox',
      IsInactiveMailbox: false,
      AccountDisabled: !user.accountEnabled,
      HiddenFromAddressListsEnabled: false,
      LitigationHoldEnabled: m.litigationHoldEnabled,
      LitigationHoldDuration: 'Unlimited',
      LitigationHoldDate: m.litigationHoldEnabled ? exchangeDate(m.whenMailboxCreated ?? user.createdDateTime) : null,
      InPlaceHolds: m.inPlaceHolds ?? [],
      ArchiveStatus: m.archiveStatus,
      ArchiveState: hasArchive ? 'HostedProvisioned' : 'None',
      ArchiveGuid: state.archiveGuid(user),
      ArchiveName: hasArchive ? [`In-Place Archive -${user.displayName}`] : [],
      // Microsoft's auto-expanding archiving page: an archive starts at 100 GB (warning 90 GB); on
      // hold or retention with auto-expanding on, 110 GB (warning 100 GB). The 1.5 TB the archive may
      // grow to is not a quota Get-Mailbox shows.
      ArchiveQuota: formatByteSize(archiveQuotaBytes(m)),
      ArchiveWarningQuota: formatByteSize(archiveQuotaBytes(m) - 10 * GB),
      AutoExpandingArchiveEnabled: m.autoExpandingArchiveEnabled ?? false,
      IssueWarningQuota: formatByteSize(m.issueWarningQuotaBytes ?? null),
      ProhibitSendQuota: formatByteSize(m.prohibitSendQuotaBytes ?? null),
      ProhibitSendReceiveQuota: formatByteSize(m.prohibitSendReceiveQuotaBytes),
      // 30 GB, raised to 100 GB while the mailbox is on hold (Exchange Online limits).
      RecoverableItemsQuota: formatByteSize(recoverableItemsQuotaBytes(m)),
      RecoverableItemsWarningQuota: formatByteSize(recoverableItemsQuotaBytes(m) - 10 * GB),
      UseDatabaseQuotaDefaults: false,
      WhenMailboxCreated: exchangeDate(m.whenMailboxCreated ?? user.createdDateTime),
    },
    select,
  );
}

export function statisticsRecord(state: TenantState, user: MailboxUser, archive: boolean): Record<string, unknown> {
  const m = user.mailbox;
  if (archive) {
    const a = m.archive ?? { itemCount: 0, totalItemSizeBytes: 0 };
    return withSideKeys({
      Identity: state.archiveGuid(user),
      DisplayName: `In-Place Archive -${user.displayName}`,
      MailboxGuid: state.archiveGuid(user),
      ItemCount: a.itemCount,
      TotalItemSize: formatByteSize(a.totalItemSizeBytes),
      DeletedItemCount: 0,
      TotalDeletedItemSize: formatByteSize(0),
      LastInteractionTime: null,
      LastLogonTime: null,
      LastLogoffTime: null,
      LastUserActionTime: null,
      IsArchiveMailbox: true,
      MailboxTypeDetail: m.recipientTypeDetails,
    });
  }
  return withSideKeys({
    Identity: state.mailboxGuid(user),
    DisplayName: user.displayName,
    MailboxGuid: state.mailboxGuid(user),
    ItemCount: m.itemCount,
    TotalItemSize: formatByteSize(m.totalItemSizeBytes),
    DeletedItemCount: m.deletedItemCount ?? 0,
    TotalDeletedItemSize: formatByteSize(m.totalDeletedItemSizeBytes ?? 0),
    LastInteractionTime: exchangeDate(m.lastInteractionTime),
    LastLogonTime: exchangeDate(m.lastLogonTime),
    LastLogoffTime: null,
    LastUserActionTime: exchangeDate(m.lastInteractionTime),
    IsArchiveMailbox: false,
    MailboxTypeDetail: m.recipientTypeDetails,
  });
}
