// Turns Exchange's records (PowerShell objects as JSON, with "@odata.type" side keys and sizes as
// formatted strings) into the bot's typed records. Only the fields the bot uses are kept, so a page
// of 336-key records can be dropped as soon as it is read.
import { parseExchangeSize } from './exchange-sizes';
import type { Mailbox, MailboxStatistics } from '../model/tenant';

export type ExchangeRecord = Record<string, unknown>;

/** Drops the OData side keys ("Prop@odata.type", "@adminapi.warnings"). */
export function withoutODataKeys(record: ExchangeRecord): ExchangeRecord {
  const out: ExchangeRecord = {};
  for (const [k, v] of Object.entries(record)) if (!k.includes('@')) out[k] = v;
  return out;
}

/** Every Get-Mailbox property toMailbox reads, and no other: what the bot asks Exchange for. */
export const MAILBOX_PROPERTIES = [
  'ExternalDirectoryObjectId',
  'DisplayName',
  'Name',
  'UserPrincipalName',
  'PrimarySmtpAddress',
  'Alias',
  'RecipientTypeDetails',
  'LitigationHoldEnabled',
  'ArchiveStatus',
  'AutoExpandingArchiveEnabled',
  'IssueWarningQuota',
  'ProhibitSendQuota',
  'ProhibitSendReceiveQuota',
  'WhenMailboxCreated',
  'RecoverableItemsQuota',
  'InPlaceHolds',
] as const;

export function toMailbox(r: ExchangeRecord): Mailbox {
  const upn = text(r.UserPrincipalName);
  return {
    userId: text(r.ExternalDirectoryObjectId),
    displayName: text(r.DisplayName) || text(r.Name) || upn,
    userPrincipalName: upn,
    primarySmtpAddress: text(r.PrimarySmtpAddress) || upn,
    alias: optionalText(r.Alias),
    recipientTypeDetails: text(r.RecipientTypeDetails),
    litigationHoldEnabled: flag(r.LitigationHoldEnabled),
    archiveStatus: text(r.ArchiveStatus) || 'None',
    autoExpandingArchiveEnabled: flag(r.AutoExpandingArchiveEnabled),
    issueWarningQuotaBytes: size(r.IssueWarningQuota),
    prohibitSendQuotaBytes: size(r.ProhibitSendQuota),
    prohibitSendReceiveQuotaBytes: size(r.ProhibitSendReceiveQuota),
    whenMailboxCreated: date(r.WhenMailboxCreated),
    ...('RecoverableItemsQuota' in r ? { recoverableItemsQuotaBytes: size(r.RecoverableItemsQuota) } : {}),
    ...(Array.isArray(r.InPlaceHolds) ? { inPlaceHolds: r.InPlaceHolds.map(text).filter(Boolean) } : {}),
  };
}

export function toMailboxStatistics(r: ExchangeRecord): MailboxStatistics {
  return {
    itemCount: count(r.ItemCount),
    totalItemSizeBytes: size(r.TotalItemSize) ?? 0,
    deletedItemCount: count(r.DeletedItemCount),
    totalDeletedItemSizeBytes: size(r.TotalDeletedItemSize) ?? 0,
    lastInteractionTime: date(r.LastInteractionTime),
    lastLogonTime: date(r.LastLogonTime),
  };
}

/** What a mailbox nobody ever signed in to holds: Exchange may answer with an error instead. */
export const NEVER_USED_MAILBOX: MailboxStatistics = {
  itemCount: 0,
  totalItemSizeBytes: 0,
  deletedItemCount: 0,
  totalDeletedItemSizeBytes: 0,
  lastInteractionTime: null,
  lastLogonTime: null,
};

/** The identity to ask Get-MailboxStatistics about: the Entra id when Exchange has one. */
export function statisticsIdentity(m: Pick<Mailbox, 'userId' | 'userPrincipalName' | 'primarySmtpAddress'>): string {
  return m.userId || m.userPrincipalName || m.primarySmtpAddress;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}

function optionalText(v: unknown): string | undefined {
  const t = text(v);
  return t === '' ? undefined : t;
}

function flag(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

function size(v: unknown): number | null {
  return parseExchangeSize(v as string | number | null | undefined | object);
}

function count(v: unknown): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v.trim());
  return 0;
}

/** ISO 8601 or null; Exchange writes never-set dates as null or as year 1 / 1601. */
function date(v: unknown): string | null {
  if (typeof v !== 'string' || v.trim() === '') return null;
  const t = Date.parse(v);
  if (Number.isNaN(t) || new Date(t).getUTCFullYear() < 1980) return null;
  return new Date(t).toISOString();
}
