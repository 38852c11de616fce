// `export mailboxes|shared|licenses`: a report as a CSV for Excel, behind a signed link that expires.
// An export is a view of the report's own spec: the same read and the same snapshot, answered with
// the download card instead of the report card.
import { parseMailboxesArguments, MAILBOXES_USAGE } from '../arguments/mailboxes';
import type { MailboxSnapshotData, TableSnapshotData } from '../exports/serve';
import { USAGE_COPY_GONE } from '../exports/mailbox-snapshot';
import { csvRows, downloadMessage } from '../messages/download-message';
import { errorMessage } from '../messages/replies';
import type { ReportSnapshot, ReportSpec } from '../runner/report-runner';
import { startReport } from './reports';
import { mailboxReport } from './mailboxes';
import { sharedReport } from './shared';
import { licenseReport } from './licenses';
import type { Command, Message, ReportContext } from '../dispatch/types';

const WHAT = 'export mailboxes [options of mailboxes] · export shared · export licenses';

export const exportCommand: Command = {
  name: 'export',
  usage: 'export mailboxes|shared|licenses',
  summary: 'A report as a CSV for Excel, behind a download link that expires in an hour.',
  details: 'UTF-8 with BOM, formula-like cells neutralised; `export mailboxes` takes the options of `mailboxes`.',
  examples: ['export mailboxes', 'export shared', 'export licenses'],
  run: (ctx) => startReport(ctx, exportCommand.report!(ctx, ctx.args)),
  report: (ctx, args): ReportSpec<Exported> | Message => {
    const [word = '', ...rest] = args.split(' ');
    const what = word.toLowerCase().replace('licences', 'licenses');
    const commandText = `export ${args}`.trim();
    if (what === 'mailboxes') {
      const parsed = parseMailboxesArguments(rest.join(' '));
      if (!parsed.ok) return errorMessage("I couldn't read that", parsed.message, undefined, `Usage: export ${MAILBOXES_USAGE}`);
      return exportOf(ctx, mailboxReport(ctx, parsed.query, commandText, { live: parsed.live }), commandText);
    }
    if (what === 'shared' && rest.length === 0) return exportOf(ctx, sharedReport(ctx), commandText);
    if (what === 'licenses' && rest.length === 0) return exportOf(ctx, licenseReport(ctx), commandText);
    return errorMessage('What should I export?', `I can export three reports: ${WHAT}.`);
  },
};

interface Exported {
  snapshot: ReportSnapshot;
  rows: number;
}

/** A report's export as the report runner runs it: the link needs the snapshot, so a failed save fails it. */
export function exportOf<T>(ctx: ReportContext, report: ReportSpec<T>, commandText: string): ReportSpec<Exported> {
  const snapshotOf = report.snapshot;
  if (!snapshotOf) throw new Error(`${report.logName} keeps no snapshot to export`);
  return {
    commandText,
    reading: 'Preparing the CSV…',
    noun: report.noun,
    failure: "I couldn't prepare the export",
    logName: 'export link',
    read: async (onProgress, onStage) => {
      const snapshot = snapshotOf(await report.read(onProgress, onStage));
      const data = snapshot.data as MailboxSnapshotData | TableSnapshotData;
      const rows = await csvRows({ data, createdAt: ctx.now().toISOString() }, ctx.services.usage.reports);
      if (rows === null) throw new Error(USAGE_COPY_GONE);
      return { snapshot, rows };
    },
    snapshot: (e) => e.snapshot,
    snapshotRequired: true,
    result: (e, snapshotId) =>
      downloadMessage(
        { id: snapshotId!, kind: e.snapshot.kind, complete: e.snapshot.complete },
        e.rows,
        ctx.services.exportLinks,
        ctx.now(),
      ),
    logFields: (e) => ({ kind: e.snapshot.kind, rows: e.rows }),
  };
}
