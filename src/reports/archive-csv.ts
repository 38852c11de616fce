// The `archives` report as a CSV table, for Export CSV on its card.
import type { ArchiveRow } from './archives';
import type { CsvTable } from './licensing/license-csv';

export function archivesTable(rows: readonly ArchiveRow[]): CsvTable {
  return {
    header: [
      'Display name',
      'User principal name',
      'Used (bytes)',
      'Items',
      'Auto-expanding',
      'Cap (bytes)',
      '% of cap used',
      'Growth per day (bytes)',
      'Full on',
      'Figures read at',
      'Over 1 GB/day',
      'Last read failed',
    ],
    rows: rows.map((r) => [
      r.displayName,
      r.upn,
      r.sizeBytes ?? '',
      r.itemCount ?? '',
      r.autoExpanding ? 'yes' : 'no',
      r.capBytes,
      r.percent === null ? '' : Math.round(r.percent * 10) / 10,
      r.growthPerDay === null ? '' : Math.round(r.growthPerDay),
      r.fullOn ?? '',
      r.readAt ?? '',
      r.tooFast ? 'yes' : 'no',
      r.lastError ?? '',
    ]),
  };
}
