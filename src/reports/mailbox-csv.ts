// The mailbox report's every matched row as CSV, in the report's order, with exact figures.
import type { MailboxWithStatistics } from '../model/tenant';
import { buildMailboxReport, MailboxQuery } from './mailbox-report';
import { toCsv } from './csv';

const HEADER = [
  'Display name',
  'User principal name',
  'Primary address',
  'Type',
  'Items',
  'Size (bytes)',
  'Size (GB)',
  'Last interaction',
  'Prohibit send/receive quota (bytes)',
  '% of quota',
  'Archive size (bytes)',
  'Litigation hold',
  'Statistics error',
  'Figures from',
];

export function mailboxCsv(mailboxes: readonly MailboxWithStatistics[], query: MailboxQuery, asOf: Date): string {
  const report = buildMailboxReport(mailboxes, { ...query, top: mailboxes.length }, asOf);
  return toCsv(
    HEADER,
    report.rows.map((r) => [
      r.displayName,
      r.upn,
      r.address,
      r.type,
      r.items ?? '',
      r.sizeBytes ?? '',
      r.sizeBytes === null ? '' : (r.sizeBytes / 1024 ** 3).toFixed(2),
      r.lastInteraction ?? (r.statisticsError ? '' : 'never'),
      r.quotaBytes ?? 'Unlimited',
      r.percentOfQuota === null ? '' : r.percentOfQuota.toFixed(1),
      r.archive?.sizeBytes ?? '',
      r.usageOnly ? 'unknown' : r.hold ? 'yes' : 'no',
      r.statisticsError ?? '',
      // Microsoft 365's usage report is a day or two old; "live" is Get-MailboxStatistics at export time.
      r.source === 'usage' ? 'usage report' : 'live',
    ]),
  );
}
