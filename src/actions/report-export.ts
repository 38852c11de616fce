// `report.export` {s}: a download link for a report's CSV (mailboxes, shared or licenses), signed
// and expiring (GET /api/exports/{id}), made from the report's snapshot without reading the tenant.
import { reportExportButton } from '../buttons/report';
import { downloadCard } from '../cards/download-card';
import type { SnapshotKind } from '../state/snapshots';
import { mailboxSnapshot, reportSnapshot } from './report-snapshot';
import { defineAction } from './define-action';

const REPORTS: Record<SnapshotKind, string> = {
  mailboxes: 'Mailbox report',
  shared: 'Shared mailbox licences',
  licenses: 'Licences and waste',
  archives: 'Archives',
};

export const reportExportAction = defineAction(reportExportButton, async (ctx, request) => {
  const plain = await reportSnapshot(ctx, request.s);
  if (!plain.ok) return plain.result;
  // A mailbox report on the usage path counts its rows from the kept usage report.
  const found = plain.snapshot.kind === 'mailboxes' ? await mailboxSnapshot(ctx, request.s) : plain;
  if (!found.ok) return found.result;
  const { snapshot } = found;
  const data = snapshot.data;
  const rows =
    'mailboxes' in data
      ? `${data.mailboxes.length.toLocaleString('en-US')} mailboxes`
      : `${data.table.rows.length.toLocaleString('en-US')} rows`;
  const { url, expiresAt } = ctx.services.exportLinks.link(snapshot.id, ctx.now());
  ctx.log.info('export link', { kind: snapshot.kind, rows: 'mailboxes' in data ? data.mailboxes.length : data.table.rows.length });
  const partial = snapshot.complete ? '' : 'Partial: some mailboxes could not be read (their rows say so).';
  await ctx.reply({
    card: downloadCard({ report: REPORTS[snapshot.kind] ?? 'Report', rows, url, expiresAt, now: ctx.now(), partial }),
    text: 'CSV export ready',
  });
  return { kind: 'message', text: 'The download link is below.' };
});
