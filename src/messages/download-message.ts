// A report's CSV is ready: the answer of `export …` and of a report card's Export CSV button alike,
// made from the report's snapshot, named and counted as GET /api/exports serves it.
import { downloadCard } from '../cards/download-card';
import { snapshotMailboxes } from '../exports/mailbox-snapshot';
import type { MailboxSnapshotData, TableSnapshotData } from '../exports/serve';
import type { ExportLinks } from '../exports/links';
import type { MailboxUsageCache } from '../m365/mailbox-usage';
import type { Message } from '../model/conversation';
import { buildMailboxReport } from '../reports/mailbox-report';
import type { Snapshot, SnapshotKind } from '../state/snapshots';

/** Each report's name on its download card. */
export const EXPORT_TITLES: Record<SnapshotKind, string> = {
  mailboxes: 'Mailbox report',
  shared: 'Shared mailbox licences',
  licenses: 'Licences and waste',
  archives: 'Archives',
};

/**
 * The rows of the CSV a snapshot gives (a mailbox report's matched rows, every one), or null when
 * the usage report a lean mailbox snapshot was built on is no longer kept.
 */
export async function csvRows(
  snapshot: Pick<Snapshot<MailboxSnapshotData | TableSnapshotData>, 'data' | 'createdAt'>,
  usage: MailboxUsageCache,
): Promise<number | null> {
  const data = snapshot.data;
  if (!('mailboxes' in data)) return data.table.rows.length;
  const mailboxes = await snapshotMailboxes(data, usage);
  return mailboxes && buildMailboxReport(mailboxes, { ...data.query, top: 1 }, new Date(snapshot.createdAt)).matched;
}

/** The download card: a signed link that expires, how many rows, and whether the file is partial. */
export function downloadMessage(
  snapshot: Pick<Snapshot, 'id' | 'kind' | 'complete'>,
  rows: number,
  links: ExportLinks,
  now: Date,
): Message {
  const { url, expiresAt } = links.link(snapshot.id, now);
  const partial = snapshot.complete ? '' : 'Partial: some mailboxes could not be read (their rows say so).';
  return {
    card: downloadCard({
      report: EXPORT_TITLES[snapshot.kind] ?? 'Report',
      rows: `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}`,
      url,
      expiresAt,
      now,
      partial,
    }),
    text: 'CSV export ready',
  };
}
