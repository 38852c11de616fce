// `mailboxes …`: the mailbox report. Answers at once with a progress card, reads the tenant after the
// turn, and replaces the card with the report (or with what failed and a Retry button).
import { parseMailboxesArguments, MAILBOXES_USAGE } from '../arguments/mailboxes';
import { buildMailboxReport, MailboxQuery } from '../reports/mailbox-report';
import { readMailboxData, type MailboxData } from '../reads/mailbox-data';
import { mailboxSnapshotData } from '../exports/mailbox-snapshot';
import { mailboxReportMessage } from '../messages/report-messages';
import { errorMessage } from '../messages/replies';
import type { ReportSpec } from '../runner/report-runner';
import { startReport } from './reports';
import type { Command, ReportContext } from '../dispatch/types';
import type { RecipientTypeDetails } from '../model/tenant';
import type { MailboxSnapshotData } from '../exports/serve';
import { tenantTrendText } from '../reports/mailbox-trend';

const MAILBOX_TYPES_TO_READ: Record<MailboxQuery['type'], RecipientTypeDetails[] | 'all'> = {
  user: ['UserMailbox'],
  shared: ['SharedMailbox'],
  room: ['RoomMailbox', 'EquipmentMailbox'],
  group: ['GroupMailbox'],
  all: 'all',
};

export const mailboxesCommand: Command = {
  name: 'mailboxes',
  aliases: ['report'],
  usage: MAILBOXES_USAGE,
  summary: 'The mailbox report: items, size, last activity, quota and how much of it is used.',
  details:
    "Default: user mailboxes, most items first; `sort activity` puts the least recently used first; `sort growth` ranks by growth per day over the last 30 days of stored history. Buttons page, sort, filter (text, % of quota, inactivity), open a row and export, from a snapshot of the report, without reading the tenant again (the card says how old it is); Refresh reads it again. From 2,000 mailboxes the figures come from Microsoft 365's daily usage report and only the rows shown are read live; `live` reads every mailbox live.",
  examples: [
    'mailboxes shared sort size top 10',
    'mailboxes',
    'mailboxes all sort quota top 50',
    'mailboxes filter sales',
    'mailboxes live',
  ],
  run: (ctx) => startReport(ctx, mailboxesCommand.report!(ctx, ctx.args)),
  report: (ctx, args) => {
    const parsed = parseMailboxesArguments(args);
    if (!parsed.ok) return errorMessage("I couldn't read that", parsed.message, undefined, `Usage: ${MAILBOXES_USAGE}`);
    return mailboxReport(ctx, parsed.query, `mailboxes ${args}`.trim(), { live: parsed.live });
  },
};

/** The mailbox report as the report runner runs it: for this query, Retry and Refresh run `commandText`. */
export function mailboxReport(
  ctx: ReportContext,
  query: MailboxQuery,
  commandText: string,
  options: { live?: boolean } = {},
): ReportSpec<MailboxData> {
  return {
    commandText,
    reading: 'Reading mailboxes…',
    failure: "I couldn't read the mailboxes",
    logName: 'mailbox report',
    // From Microsoft 365's usage report on a large tenant, the rows shown live (mailbox-data.ts).
    read: (onProgress, onStage) =>
      readMailboxData(ctx.services, query, {
        types: MAILBOX_TYPES_TO_READ[query.type],
        askedLive: options.live === true,
        now: ctx.now(),
        onProgress,
        onStage,
      }),
    snapshot: (result) => ({
      kind: 'mailboxes',
      complete: result.complete,
      data: mailboxSnapshotData(
        result.mailboxes,
        { query, figures: result.figures },
        { tenantId: ctx.services.config.tenantId, cache: ctx.services.usage.reports },
      ) satisfies MailboxSnapshotData,
    }),
    result: (result, snapshotId) =>
      mailboxReportMessage(buildMailboxReport(result.mailboxes, query, ctx.now()), {
        commandText,
        snapshotId,
        viewedAt: ctx.now(),
        figures: result.figures,
        tenantTrend: result.tenantStorage && tenantTrendText(result.tenantStorage),
      }),
    logFields: (result) => ({
      mailboxes: result.mailboxes.length,
      failures: result.failures.length,
      figures: result.figures.source,
      usageDate: result.figures.usageDate,
    }),
  };
}
