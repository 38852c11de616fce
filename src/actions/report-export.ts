// `report.export`: a download link for the report's CSV, signed and expiring (GET /api/exports/{id}).
import type { CardAction } from '../commands/types';
import { errorCard } from '../cards/error-card';
import { mailboxSnapshot } from './report-snapshot';

export const reportExportAction: CardAction = {
  verb: 'report.export',
  run: async (ctx) => {
    const found = await mailboxSnapshot(ctx);
    if (!found.ok) return found.result;
    const { snapshot } = found;
    const { url, expiresAt } = ctx.services.exportLinks.link(snapshot.id, ctx.now());
    ctx.log.info('export link', { kind: snapshot.kind, rows: snapshot.data.mailboxes.length });
    const minutes = Math.round((expiresAt.getTime() - ctx.now().getTime()) / 60000);
    await ctx.reply({
      card: {
        ...errorCard({
          tone: 'good',
          title: 'Mailbox report (CSV)',
          message: `${snapshot.data.mailboxes.length.toLocaleString('en-US')} mailboxes, every column, ready for Excel. The link works for ${minutes} minutes.`,
          actions: [{ type: 'Action.OpenUrl', title: 'Download CSV', url }],
        }),
      },
      text: 'CSV export ready',
    });
    return { kind: 'message', text: 'The download link is below.' };
  },
};
