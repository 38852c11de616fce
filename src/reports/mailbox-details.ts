// One mailbox in full, as `mailbox <upn or name>` shows it. Pure: `now` is passed in.
import type { MailboxWithStatistics } from '../model/tenant';
import { daysSince } from './format';
import { holdsOf, RECOVERABLE_ITEMS_BYTES, RECOVERABLE_ITEMS_ON_HOLD_BYTES } from './recoverable-items';
import { INACTIVE_DAYS, MailboxKind, NEAR_QUOTA_PERCENT, mailboxKind, percentOf } from './mailbox-report';

/** Recoverable Items from this share of their quota get a warning line (the alert's default). */
const RECOVERABLE_ITEMS_WARN_PERCENT = 80;

export interface MailboxLicense {
  /** The licence's friendly name ("Microsoft 365 E3"). */
  name: string;
  /** The Exchange plan it carries, if any ("Exchange Online (Plan 2)"). */
  exchangePlan?: string;
}

export interface MailboxDetails {
  asOf: string;
  displayName: string;
  upn: string;
  address: string;
  alias?: string;
  userId: string;
  kind: MailboxKind;
  recipientTypeDetails: string;
  createdAt: string | null;
  statistics: {
    items: number;
    sizeBytes: number;
    deletedItems: number;
    deletedBytes: number;
    lastInteraction: string | null;
    lastLogon: string | null;
  } | null;
  statisticsError?: string;
  quotas: {
    issueWarningBytes: number | null;
    prohibitSendBytes: number | null;
    prohibitSendReceiveBytes: number | null;
    /** Of prohibit send/receive, as in the report. */
    percentUsed: number | null;
  };
  archive: { status: string; autoExpanding: boolean; items: number | null; sizeBytes: number | null };
  litigationHold: boolean;
  /** Every hold in an admin's words (Litigation Hold, eDiscovery, retention policies). */
  holds: string[];
  /**
   * The Recoverable Items folder: TotalDeletedItemSize against RecoverableItemsQuota (30 GB, 100 GB
   * on hold); null without statistics.
   */
  recoverableItems: { sizeBytes: number; quotaBytes: number; percent: number | null } | null;
  /** What deserves a second look, in one short line each. */
  warnings: string[];
  /** Filled in by the licences lookup when it has run; undefined = not looked up. */
  licenses?: MailboxLicense[];
}

export function buildMailboxDetails(m: MailboxWithStatistics, now: Date, licenses?: MailboxLicense[]): MailboxDetails {
  const s = m.statistics;
  const percentUsed = percentOf(s ? s.totalItemSizeBytes : null, m.prohibitSendReceiveQuotaBytes);
  const warnings: string[] = [];
  if (s) {
    if (m.prohibitSendReceiveQuotaBytes !== null && s.totalItemSizeBytes >= m.prohibitSendReceiveQuotaBytes) {
      warnings.push('Over its prohibit send/receive quota: it no longer receives mail.');
    } else if (m.prohibitSendQuotaBytes !== null && s.totalItemSizeBytes >= m.prohibitSendQuotaBytes) {
      warnings.push('Over its prohibit send quota: it can no longer send mail.');
    } else if (m.issueWarningQuotaBytes !== null && s.totalItemSizeBytes >= m.issueWarningQuotaBytes) {
      warnings.push('Over its warning quota: its users are being warned.');
    } else if (percentUsed !== null && percentUsed >= NEAR_QUOTA_PERCENT) {
      warnings.push(`At ${Math.floor(percentUsed)}% of its prohibit send/receive quota.`);
    }
    const idle = daysSince(s.lastInteractionTime, now);
    if (s.lastInteractionTime === null) warnings.push('Never used.');
    else if (idle !== null && idle > INACTIVE_DAYS) warnings.push(`No activity for ${idle} days.`);
  }
  const holds = holdsOf(m);
  const riQuota = m.recoverableItemsQuotaBytes ?? (holds.length > 0 ? RECOVERABLE_ITEMS_ON_HOLD_BYTES : RECOVERABLE_ITEMS_BYTES);
  const riPercent = s ? percentOf(s.totalDeletedItemSizeBytes, riQuota) : null;
  if (riPercent !== null && riPercent >= RECOVERABLE_ITEMS_WARN_PERCENT)
    warnings.push(
      holds.length > 0
        ? `Recoverable Items at ${Math.floor(riPercent)}% of their quota while on hold: deleting mail fails once full.`
        : `Recoverable Items at ${Math.floor(riPercent)}% of their quota.`,
    );
  const details: MailboxDetails = {
    asOf: now.toISOString(),
    displayName: m.displayName,
    upn: m.userPrincipalName,
    address: m.primarySmtpAddress,
    userId: m.userId,
    kind: mailboxKind(m.recipientTypeDetails),
    recipientTypeDetails: m.recipientTypeDetails,
    createdAt: m.whenMailboxCreated ?? null,
    statistics: s
      ? {
          items: s.itemCount,
          sizeBytes: s.totalItemSizeBytes,
          deletedItems: s.deletedItemCount,
          deletedBytes: s.totalDeletedItemSizeBytes,
          lastInteraction: s.lastInteractionTime,
          lastLogon: s.lastLogonTime,
        }
      : null,
    quotas: {
      issueWarningBytes: m.issueWarningQuotaBytes,
      prohibitSendBytes: m.prohibitSendQuotaBytes,
      prohibitSendReceiveBytes: m.prohibitSendReceiveQuotaBytes,
      percentUsed,
    },
    archive: {
      status: m.archiveStatus,
      autoExpanding: m.autoExpandingArchiveEnabled,
      items: m.archiveStatistics ? m.archiveStatistics.itemCount : null,
      sizeBytes: m.archiveStatistics ? m.archiveStatistics.totalItemSizeBytes : null,
    },
    litigationHold: m.litigationHoldEnabled,
    holds,
    recoverableItems: s ? { sizeBytes: s.totalDeletedItemSizeBytes, quotaBytes: riQuota, percent: riPercent } : null,
    warnings,
  };
  if (m.alias) details.alias = m.alias;
  if (!s) details.statisticsError = m.statisticsError ?? 'Statistics were not returned.';
  if (licenses) details.licenses = licenses;
  return details;
}
