// `shared`: which shared mailboxes need a licence and lack it, with the reason and the fix. Answers
// at once with a progress card, reads the tenant after the turn, and replaces the card.
import { sharedMailboxesCard } from '../cards/licensing/shared-mailboxes-card';
import { countVerdicts } from '../reports/licensing/shared-mailbox-verdict';
import { missingStatistics } from '../messages/card-notice';
import type { TableSnapshotData } from '../exports/serve';
import { readSharedMailboxesAtScale, type SharedMailboxData, type SharedUsageData } from '../reads/shared-usage';
import { sharedFiguresLine, type FiguresNote } from '../reports/figure-source';
import { sharedMailboxesTable } from '../reports/licensing/license-csv';
import { errorMessage, exportButton, runButton } from '../messages/replies';
import type { ReportSpec } from '../runner/report-runner';
import { startReport } from './reports';
import type { Command, Message, ReportContext } from '../dispatch/types';

const COMMAND = 'shared';
const READING = 'Reading shared mailboxes…';

export const sharedCommand: Command = {
  name: COMMAND,
  usage: 'shared',
  summary: 'Shared mailboxes that need a licence and lack one, each with the reason and the fix.',
  details:
    'Also those that will soon (over 50 GB, archive, litigation hold), those whose account can sign in, and licences not needed; an **Assign licence** button when `REMEDIATION=on`; Export CSV.',
  examples: ['shared'],
  run: (ctx) => startReport(ctx, sharedCommand.report!(ctx, ctx.args)),
  report: (ctx, args) =>
    args
      ? errorMessage(
          "I couldn't read that",
          '`shared` takes nothing after it: it always checks every shared mailbox.',
          undefined,
          'Usage: shared',
        )
      : sharedReport(ctx),
};

/** The shared mailboxes report as the report runner runs it (from the usage report on a large tenant). */
export function sharedReport(ctx: ReportContext): ReportSpec<SharedUsageData> {
  return {
    commandText: COMMAND,
    reading: READING,
    failure: "I couldn't check the shared mailboxes",
    logName: 'shared report',
    read: (onProgress, onStage) => readSharedMailboxesAtScale(ctx.services, onProgress, onStage),
    snapshot: (data) => ({
      kind: 'shared',
      complete: data.inventory.complete,
      data: { table: sharedMailboxesTable(data.verdicts) } satisfies TableSnapshotData,
    }),
    result: (data, snapshotId) => sharedReportMessage(data, { remediation: ctx.services.config.remediation, asOf: ctx.now(), snapshotId }),
    logFields: (data) => ({ mailboxes: data.verdicts.length, failures: data.inventory.failures.length, figures: data.figures.source }),
  };
}

export function sharedReportMessage(
  data: SharedMailboxData & { figures?: FiguresNote },
  options: { remediation: boolean; asOf: Date; snapshotId?: string },
): Message {
  const partial = missingStatistics(data.inventory.mailboxes, 'shared mailboxes');
  const notice = partial && `${partial} Their size is unknown, so one over 50 GB may be missing from the counts. Retry to read them again.`;
  const { card } = sharedMailboxesCard({
    verdicts: data.verdicts,
    asOf: options.asOf.toISOString(),
    remediationAllowed: options.remediation,
    lines: { notice, figures: sharedFiguresLine(data.figures) },
    actions: [...(options.snapshotId ? [exportButton(options.snapshotId)] : []), runButton(notice ? 'Retry' : 'Refresh', COMMAND)],
  });
  const counts = countVerdicts(data.verdicts);
  const text = `${counts.needsLicense} of ${counts.total} shared mailboxes need a licence now${notice ? ' (partial)' : ''}`;
  return { card, text };
}
