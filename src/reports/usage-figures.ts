// Microsoft 365's usage report joined to what Exchange says, and live statistics laid over the rows an
// admin sees. Pure: no I/O, no clock.
//
// The report (getMailboxUsageDetail) has no recipient type: every row is a mailbox, and only the
// few shared, room and equipment mailboxes (read from Get-Mailbox by type) say which are not user
// mailboxes. Its figures are those of its refresh date, a day or two old.
import type { LiveFigures, Mailbox, MailboxStatistics, MailboxUsageDetail, MailboxWithStatistics } from '../model/tenant';

const dayStarts = new Map<string, string>();

/** "2026-11-28" → "2026-11-28T00:00:00.000Z", one string per day however many rows share it. */
function dayStart(day: string): string {
  let iso = dayStarts.get(day);
  if (iso === undefined) {
    iso = `${day}T00:00:00.000Z`;
    if (dayStarts.size < 10_000) dayStarts.set(day, iso);
  }
  return iso;
}

/** Statistics as the usage report gives them (Last Activity Date stands for the last interaction). */
export function usageStatistics(row: MailboxUsageDetail): MailboxStatistics | null {
  if (row.storageUsedBytes === null && row.itemCount === null) return null;
  return {
    itemCount: row.itemCount ?? 0,
    totalItemSizeBytes: row.storageUsedBytes ?? 0,
    deletedItemCount: row.deletedItemCount ?? 0,
    totalDeletedItemSizeBytes: row.deletedItemSizeBytes ?? 0,
    lastInteractionTime: row.lastActivityDate ? dayStart(row.lastActivityDate) : null,
    lastLogonTime: null,
  };
}

export interface UsageJoin {
  mailboxes: MailboxWithStatistics[];
  /** Mailboxes Exchange knows (of the types read) that the report lacks: made since its date. */
  notInReport: MailboxWithStatistics[];
}

/**
 * One record per report row: a mailbox Exchange listed by type keeps its Get-Mailbox fields; any
 * other row is a user mailbox known from the report alone. `known` is keyed by lower-case UPN.
 */
export function joinUsage(rows: readonly MailboxUsageDetail[], known: ReadonlyMap<string, Mailbox>, refreshDate: string | null): UsageJoin {
  const mailboxes: MailboxWithStatistics[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = row.userPrincipalName.toLowerCase();
    const m = known.get(key);
    const statistics = usageStatistics(row);
    if (m) {
      seen.add(key);
      mailboxes.push({ ...m, statistics, statisticsSource: 'usage' });
      continue;
    }
    mailboxes.push({
      userId: '',
      displayName: row.displayName,
      userPrincipalName: row.userPrincipalName,
      primarySmtpAddress: row.userPrincipalName,
      recipientTypeDetails: 'UserMailbox',
      litigationHoldEnabled: false,
      archiveStatus: row.hasArchive ? 'Active' : 'None',
      autoExpandingArchiveEnabled: false,
      issueWarningQuotaBytes: row.issueWarningQuotaBytes,
      prohibitSendQuotaBytes: row.prohibitSendQuotaBytes,
      prohibitSendReceiveQuotaBytes: row.prohibitSendReceiveQuotaBytes,
      statistics,
      statisticsSource: 'usage',
      fromUsageOnly: true,
    });
  }
  const notInReport: MailboxWithStatistics[] = [];
  for (const [key, m] of known) {
    if (seen.has(key)) continue;
    const missing: MailboxWithStatistics = {
      ...m,
      statistics: null,
      statisticsSource: 'usage',
      statisticsError: `Not in the usage data${refreshDate ? ` of ${refreshDate}` : ''}: made since, or not yet counted.`,
    };
    notInReport.push(missing);
    mailboxes.push(missing);
  }
  return { mailboxes, notInReport };
}

/** The record with live statistics in place of the report's, the report's kept beside them. */
export function withLive(m: MailboxWithStatistics, live: LiveFigures): MailboxWithStatistics {
  const base: MailboxWithStatistics = live.mailbox ? { ...live.mailbox, statistics: m.statistics } : { ...m };
  delete base.fromUsageOnly;
  if (m.growthPerDay !== undefined) base.growthPerDay = m.growthPerDay;
  if (!live.statistics) {
    // The report's figures stay: better a day-old size than none, and the row says why.
    return {
      ...base,
      statistics: m.statistics,
      statisticsSource: 'usage',
      statisticsError: undefined,
      ...(live.mailbox ? {} : { fromUsageOnly: m.fromUsageOnly }),
    };
  }
  return { ...base, statistics: live.statistics, statisticsSource: 'live', usageStatistics: m.statistics, statisticsError: undefined };
}

/** Figures of one mailbox, as a report row holds them. */
export interface SizeFigures {
  items: number | null;
  sizeBytes: number | null;
}

/**
 * A difference worth a mark: at least 10% and 100 MB of size, or 10% and 1,000 items, or the
 * near-quota line (`nearQuotaPercent`) crossed between the report's day and now.
 */
export function differsNotably(usage: SizeFigures, live: SizeFigures, quotaBytes: number | null, nearQuotaPercent: number): boolean {
  if (usage.sizeBytes !== null && live.sizeBytes !== null) {
    const size = Math.abs(live.sizeBytes - usage.sizeBytes);
    if (size >= 100 * 1024 ** 2 && size >= 0.1 * Math.max(live.sizeBytes, usage.sizeBytes)) return true;
    if (quotaBytes !== null && quotaBytes > 0) {
      const line = (quotaBytes * nearQuotaPercent) / 100;
      if (usage.sizeBytes >= line !== live.sizeBytes >= line) return true;
    }
  }
  if (usage.items !== null && live.items !== null) {
    const items = Math.abs(live.items - usage.items);
    if (items >= 1000 && items >= 0.1 * Math.max(live.items, usage.items)) return true;
  }
  return false;
}

/**
 * A usage-path report's mailboxes again, from the kept usage report and what its snapshot kept:
 * every mailbox that is more than a report row (listed by Exchange, or read live), in place of its
 * row; those the report lacks at the end, as when the report was made.
 */
export function rebuildFromUsage(
  rows: readonly MailboxUsageDetail[],
  kept: readonly MailboxWithStatistics[],
  refreshDate: string | null,
): MailboxWithStatistics[] {
  const byUpn = new Map(kept.map((m) => [m.userPrincipalName.toLowerCase(), m]));
  const joined = joinUsage(rows, new Map(), refreshDate).mailboxes;
  const used = new Set<string>();
  for (let i = 0; i < joined.length; i++) {
    const key = joined[i].userPrincipalName.toLowerCase();
    const m = byUpn.get(key);
    if (m) {
      joined[i] = m;
      used.add(key);
    }
  }
  for (const m of kept) if (!used.has(m.userPrincipalName.toLowerCase())) joined.push(m);
  return joined;
}

/** What a usage-path snapshot keeps: the mailboxes that are more than a usage report row. */
export function beyondUsageRows(mailboxes: readonly MailboxWithStatistics[]): MailboxWithStatistics[] {
  return mailboxes.filter((m) => !(m.fromUsageOnly && m.statisticsSource === 'usage'));
}
