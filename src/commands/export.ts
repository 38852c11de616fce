// `export mailboxes|shared|licenses`: a report as a CSV for Excel, behind a signed link that expires.
import { parseMailboxesArguments, MAILBOXES_USAGE } from '../arguments/mailboxes';
import { readMailboxes } from '../m365/mailbox-inventory';
import { downloadCard } from '../cards/download-card';
import type { MailboxSnapshotData, TableSnapshotData } from '../exports/serve';
import { buildMailboxReport } from '../reports/mailbox-report';
import { licencesTable, sharedMailboxesTable } from '../reports/licensing/licence-csv';
import type { SnapshotKind } from '../state/snapshots';
import { errorMessage, progressMessage } from './replies';
import { explainFailure } from './failures';
import { MAILBOX_TYPES_TO_READ } from './mailboxes';
import { readSharedMailboxData } from './licence-data';
import { readLicenceReport } from './licenses';
import type { Command, TurnBaseContext } from './types';

const WHAT = 'export mailboxes [options of mailboxes] · export shared · export licenses';

interface Prepared {
  kind: SnapshotKind;
  data: MailboxSnapshotData | TableSnapshotData;
  rows: number;
  complete: boolean;
  missing: number;
  title: string;
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'export mailboxes|shared|licenses',
  summary: 'A report as a CSV for Excel, behind a download link that expires in an hour. export mailboxes takes the options of mailboxes.',
  examples: ['export mailboxes', 'export shared', 'export licenses'],
  run: async (ctx) => {
    const [word = '', ...rest] = ctx.args.split(' ');
    const what = word.toLowerCase().replace('licences', 'licenses');
    let prepare: (() => Promise<Prepared>) | undefined;
    if (what === 'mailboxes') {
      const parsed = parseMailboxesArguments(rest.join(' '));
      if (!parsed.ok) {
        await ctx.reply(errorMessage("I couldn't read that", parsed.message, undefined, `Usage: export ${MAILBOXES_USAGE}`));
        return;
      }
      prepare = () => mailboxes(ctx, parsed.query);
    } else if ((what === 'shared' || what === 'licenses') && rest.length === 0) {
      prepare = what === 'shared' ? () => shared(ctx) : () => licences(ctx);
    } else {
      await ctx.reply(errorMessage('What should I export?', `I can export three reports: ${WHAT}.`));
      return;
    }
    const commandText = `export ${ctx.args}`.trim();
    const ref = await ctx.reply(progressMessage('Preparing the CSV…', 0, null));
    ctx.later(async (outbox) => {
      try {
        const p = await prepare!();
        const snapshot = await ctx.services.snapshots.save({ kind: p.kind, conversationId: ctx.conversation.id, commandText, complete: p.complete, data: p.data });
        const { url, expiresAt } = ctx.services.exportLinks.link(snapshot.id, ctx.now());
        const partial = p.complete ? '' : `Partial: statistics missing for ${p.missing} mailboxes (their rows say so).`;
        ctx.log.info('export link', { kind: p.kind, rows: p.rows });
        await outbox.update(ref, {
          card: downloadCard({ report: p.title, rows: `${p.rows.toLocaleString('en-US')} rows`, url, expiresAt, now: ctx.now(), partial }),
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

async function mailboxes(ctx: TurnBaseContext, query: MailboxSnapshotData['query']): Promise<Prepared> {
  const result = await readMailboxes(ctx.services.tenant, { types: MAILBOX_TYPES_TO_READ[query.type] });
  const rows = buildMailboxReport(result.mailboxes, { ...query, top: 1 }, ctx.now()).matched;
  return { kind: 'mailboxes', data: { mailboxes: result.mailboxes, query }, rows, complete: result.complete, missing: result.failures.length, title: 'Mailbox report' };
}

async function shared(ctx: TurnBaseContext): Promise<Prepared> {
  const data = await readSharedMailboxData(ctx.services.tenant);
  const table = sharedMailboxesTable(data.verdicts);
  return { kind: 'shared', data: { table }, rows: table.rows.length, complete: data.inventory.complete, missing: data.inventory.failures.length, title: 'Shared mailbox licences' };
}

async function licences(ctx: TurnBaseContext): Promise<Prepared> {
  const report = await readLicenceReport(ctx);
  const table = licencesTable(report.pools, report.waste);
  return { kind: 'licenses', data: { table }, rows: table.rows.length, complete: report.inventory.complete, missing: report.inventory.failures.length, title: 'Licences and waste' };
}
