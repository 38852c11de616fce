// `report.export` {s}: a download link for a report's CSV (mailboxes, shared, licenses or archives),
// signed and expiring (GET /api/exports/{id}), made from the report's snapshot without reading the tenant.
import { reportExportButton } from '../buttons/report';
import { USAGE_COPY_GONE } from '../exports/mailbox-snapshot';
import { csvRows, downloadMessage } from '../messages/download-message';
import { errorMessage } from '../messages/replies';
import { reportSnapshot } from './report-snapshot';
import { defineAction } from './define-action';

export const reportExportAction = defineAction(reportExportButton, async (ctx, request) => {
  const found = await reportSnapshot(ctx, request.s);
  if (!found.ok) return found.result;
  const { snapshot } = found;
  // A mailbox report on the usage path counts its rows from the kept usage report.
  const rows = await csvRows(snapshot, ctx.services.usage.reports);
  if (rows === null)
    return { kind: 'card', card: errorMessage('This report needs a refresh', USAGE_COPY_GONE, snapshot.commandText).card! };
  ctx.log.info('export link', { kind: snapshot.kind, rows });
  await ctx.reply(downloadMessage(snapshot, rows, ctx.services.exportLinks, ctx.now()));
  return { kind: 'message', text: 'The download link is below.' };
});
