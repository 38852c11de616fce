// `export mailboxes [same arguments as mailboxes]`: every matching mailbox as a CSV download link.
import { parseMailboxesArguments, MAILBOXES_USAGE } from './arguments/mailboxes';
import { readMailboxes } from '../m365/mailbox-inventory';
import { errorCard } from '../cards/error-card';
import type { MailboxSnapshotData } from '../exports/serve';
import { buildMailboxReport } from '../reports/mailbox-report';
import { errorMessage, progressMessage } from './replies';
import { explainFailure } from './failures';
import { MAILBOX_TYPES_TO_READ } from './mailboxes';
import type { Command } from './types';

export const exportCommand: Command = {
  name: 'export',
  usage: 'export mailboxes [user|shared|room|all] [sort …] [filter TEXT]',
  summary: 'A CSV of every matching mailbox, for Excel, behind a download link that expires in an hour.',
  examples: ['export mailboxes', 'export mailboxes all sort size'],
  run: async (ctx) => {
    const [what = '', ...rest] = ctx.args.split(' ');
    if (what.toLowerCase() !== 'mailboxes') {
      await ctx.reply(errorMessage('What should I export?', 'I can export the mailbox report: export mailboxes (with the same options as mailboxes).'));
      return;
    }
    const parsed = parseMailboxesArguments(rest.join(' '));
    if (!parsed.ok) {
      await ctx.reply(errorMessage("I couldn't read that", parsed.message, undefined, `Usage: export ${MAILBOXES_USAGE}`));
      return;
    }
    const query = parsed.query;
    const commandText = `export ${ctx.args}`.trim();
    const ref = await ctx.reply(progressMessage('Preparing the CSV…', 0, null));
    ctx.later(async (outbox) => {
      try {
        const result = await readMailboxes(ctx.services.tenant, { types: MAILBOX_TYPES_TO_READ[query.type] });
        const snapshot = await ctx.services.snapshots.save<MailboxSnapshotData>({
          kind: 'mailboxes',
          conversationId: ctx.conversation.id,
          commandText: `mailboxes ${rest.join(' ')}`.trim(),
          complete: result.complete,
          data: { mailboxes: result.mailboxes, query },
        });
        const rows = buildMailboxReport(result.mailboxes, { ...query, top: 1 }, ctx.now()).matched;
        const { url } = ctx.services.exportLinks.link(snapshot.id, ctx.now());
        const partial = result.complete ? '' : ` Partial: statistics missing for ${result.failures.length} mailboxes (their rows say so).`;
        const message = `${rows.toLocaleString('en-US')} mailboxes, every column, ready for Excel. The link works for an hour.${partial}`;
        await outbox.update(ref, {
          card: errorCard({ title: 'Mailbox report (CSV)', message, actions: [{ type: 'Action.OpenUrl', title: 'Download CSV', url }] }),
          text: 'CSV export ready',
        });
      } catch (err) {
        const failure = explainFailure(err);
        ctx.log.warn('export failed', { err: err as Error });
        await outbox.update(ref, errorMessage("I couldn't prepare the export", failure.message, commandText, failure.fix));
      }
    });
  },
};
