// GET /api/exports/{id}?exp=…&sig=…: the CSV of a report snapshot, for a valid, unexpired link only.
import type { Logger } from '../log';
import type { MailboxWithStatistics } from '../model/tenant';
import type { MailboxQuery } from '../reports/mailbox-report';
import type { FiguresNote } from '../reports/figure-source';
import type { MailboxUsageCache } from '../m365/mailbox-usage';
import { snapshotMailboxes, USAGE_COPY_GONE } from './mailbox-snapshot';
import { mailboxCsv } from '../reports/mailbox-csv';
import { toCsv } from '../reports/csv';
import type { CsvTable } from '../reports/licensing/license-csv';
import { isSnapshotId, SnapshotStore } from '../state/snapshots';
import type { ExportLinks } from './links';
import type { HttpRoute } from '../model/http';

export interface ExportAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface MailboxSnapshotData {
  mailboxes: MailboxWithStatistics[];
  query: MailboxQuery;
  /** Where the figures come from; absent = live (snapshots made before the usage report was used). */
  figures?: FiguresNote;
  /** Set when `mailboxes` holds only what is more than the kept usage report's rows (mailbox-snapshot.ts). */
  usage?: { tenantId: string; downloadedAt: number; refreshDate: string | null };
}

/** `shared` and `licenses` exports keep their finished table. */
export interface TableSnapshotData {
  table: CsvTable;
}

const refuse = (status: number, message: string): ExportAnswer => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  body: message,
});

export async function serveExport(
  request: { id: string; exp: unknown; sig: unknown },
  deps: { links: ExportLinks; snapshots: SnapshotStore; log: Logger; now?: Date; usage?: MailboxUsageCache },
): Promise<ExportAnswer> {
  const now = deps.now ?? new Date();
  if (!isSnapshotId(request.id)) return refuse(403, 'This link is not valid.');
  const check = deps.links.check(request.id, request.exp, request.sig, now);
  if (check === 'bad-signature') {
    deps.log.warn('export refused', { reason: 'bad signature' });
    return refuse(403, 'This link is not valid.');
  }
  if (check === 'expired') return refuse(410, 'This link has expired. Ask the bot for a new export.');
  const found = await deps.snapshots.load<MailboxSnapshotData | TableSnapshotData>(request.id);
  if (!found.ok) return refuse(410, 'This report is no longer kept. Ask the bot for a new export.');
  const { snapshot } = found;
  const data = snapshot.data;
  const mailboxes =
    'mailboxes' in data ? (deps.usage ? await snapshotMailboxes(data, deps.usage) : data.usage ? null : data.mailboxes) : null;
  if ('mailboxes' in data && !mailboxes) return refuse(410, USAGE_COPY_GONE);
  const csv =
    'mailboxes' in data && mailboxes
      ? mailboxCsv(mailboxes, data.query, new Date(snapshot.createdAt))
      : 'table' in data
        ? toCsv(data.table.header, data.table.rows)
        : null;
  if (csv === null) return refuse(410, 'This report cannot be exported.');
  deps.log.info('export served', { kind: snapshot.kind, bytes: csv.length });
  const day = snapshot.createdAt.slice(0, 10).replace(/-/g, '');
  return {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${snapshot.kind}-${day}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: csv,
  };
}

/** GET /api/exports/:id?exp&sig: the CSV behind a signed, expiring link. */
export function exportRoute(deps: Omit<Parameters<typeof serveExport>[1], 'now'>): HttpRoute {
  return {
    method: 'GET',
    path: '/api/exports/:id',
    handle: (req) =>
      serveExport({ id: req.params.id ?? '', exp: req.query.exp, sig: req.query.sig }, deps).catch((err) => {
        deps.log.error('export failed', { err });
        return { status: 500, headers: { 'content-type': 'text/plain' }, body: 'The export failed; it has been logged.' };
      }),
  };
}
