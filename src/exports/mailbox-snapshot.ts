// A mailbox report's snapshot, lean on a large tenant: 100,000 rows of Microsoft 365's usage report
// are not copied into every snapshot (a 50 MB JSON write per command); the snapshot names the kept
// report and holds only the mailboxes that are more than a row of it (Exchange's shared, room and
// equipment mailboxes, the rows read live). Buttons rebuild the rows from the kept copy, with no
// call to the tenant.
import type { MailboxUsageCache } from '../m365/mailbox-usage';
import type { MailboxWithStatistics } from '../model/tenant';
import type { MailboxSnapshotData } from './serve';
import { beyondUsageRows, rebuildFromUsage } from '../reports/usage-figures';

/** The snapshot data to save for `mailboxes` (whole, unless its figures come from a kept usage report). */
export function mailboxSnapshotData(
  mailboxes: MailboxWithStatistics[],
  rest: Omit<MailboxSnapshotData, 'mailboxes' | 'usage'>,
  usage: { tenantId: string; cache: MailboxUsageCache },
): MailboxSnapshotData {
  const kept = usage.cache.peek(usage.tenantId);
  if (rest.figures?.source !== 'usage' || !kept) return { ...rest, mailboxes };
  return {
    ...rest,
    mailboxes: beyondUsageRows(mailboxes),
    usage: { tenantId: usage.tenantId, downloadedAt: kept.downloadedAt, refreshDate: kept.refreshDate },
  };
}

/**
 * Every mailbox of a snapshot, or null when the usage report it was built on is no longer kept (in
 * this process, or in storage for any instance).
 */
export async function snapshotMailboxes(data: MailboxSnapshotData, cache: MailboxUsageCache): Promise<MailboxWithStatistics[] | null> {
  if (!data.usage) return data.mailboxes;
  const kept = await cache.find(data.usage.tenantId, data.usage.downloadedAt);
  if (!kept) return null;
  return rebuildFromUsage(kept.rows, data.mailboxes, kept.refreshDate);
}

export const USAGE_COPY_GONE = 'The usage data this report was built on is no longer kept (it is kept two days). Refresh reads it again.';
