// Group mailboxes joined with Microsoft 365's groups activity report: its Exchange columns (items,
// storage, last activity) are a group mailbox's figures on the report's day; the quota comes from
// Get-Mailbox -GroupMailbox, which the report lacks. Joined on the group's Entra id (the report's
// Group Id, Get-Mailbox's ExternalDirectoryObjectId). Pure.
import type { GroupActivityDetail, Mailbox, MailboxWithStatistics } from '../model/tenant';

export interface GroupUsageJoin {
  mailboxes: MailboxWithStatistics[];
  /** Group mailboxes Exchange lists that the report lacks (made since its day): to read live. */
  notInReport: number[];
}

export function joinGroupUsage(groups: readonly Mailbox[], rows: readonly GroupActivityDetail[]): GroupUsageJoin {
  const byId = new Map(rows.filter((r) => !r.isDeleted && r.groupId).map((r) => [r.groupId, r]));
  const notInReport: number[] = [];
  const mailboxes = groups.map((m, i): MailboxWithStatistics => {
    const row = byId.get(m.userId.toLowerCase());
    if (!row || (row.itemCount === null && row.storageUsedBytes === null)) {
      notInReport.push(i);
      return { ...m, statistics: null, statisticsError: "not in Microsoft 365's groups activity report yet" };
    }
    return {
      ...m,
      statisticsSource: 'usage',
      statistics: {
        itemCount: row.itemCount ?? 0,
        totalItemSizeBytes: row.storageUsedBytes ?? 0,
        deletedItemCount: 0,
        totalDeletedItemSizeBytes: 0,
        lastInteractionTime: row.lastActivityDate ? `${row.lastActivityDate.slice(0, 10)}T00:00:00.000Z` : null,
        lastLogonTime: null,
      },
    };
  });
  return { mailboxes, notInReport };
}
