// `shared`: which shared mailboxes need a licence and lack it, with the reason and the fix. Answers
// at once with a progress card, reads the tenant after the turn, and replaces the card.
import { mailboxesToShow, renderSharedMailboxesCard, type SharedMailboxesCardInput } from '../cards/licensing/shared-mailboxes-card';
import { fitCard } from '../cards/fit';
import { countVerdicts } from '../reports/licensing/shared-mailbox-verdict';
import { missingStatistics, withFiguresLine, withNotice } from './card-notice';
import { explainFailure } from './failures';
import type { SharedMailboxData } from './licence-data';
import { readSharedMailboxesAtScale } from './shared-usage';
import { sharedFiguresLine, type FiguresNote } from '../reports/figure-source';
import { progressUpdates } from './progress-updates';
import { sharedMailboxesTable } from '../reports/licensing/licence-csv';
import { errorMessage, exportButton, progressMessage, runButton } from './replies';
import { saveTableSnapshot } from './table-snapshot';
import type { Command, Message, MessageRef, Outbox, TurnBaseContext } from './types';

const COMMAND = 'shared';
const READING = 'Reading shared mailboxes…';

export const sharedCommand: Command = {
  name: COMMAND,
  usage: 'shared',
  summary: 'Shared mailboxes that need a licence and lack it, each with the reason and the fix.',
  examples: ['shared'],
  run: async (ctx) => {
    if (ctx.args) {
      await ctx.reply(errorMessage("I couldn't read that", '`shared` takes nothing after it: it always checks every shared mailbox.', undefined, 'Usage: shared'));
      return;
    }
    const ref = await ctx.reply(progressMessage(READING, 0, null));
    ctx.later((outbox) => produceSharedReport(ctx, outbox, ref));
  },
};

/** Reads the tenant and keeps `ref` updated until it shows the verdicts or the failure. */
export async function produceSharedReport(ctx: TurnBaseContext, outbox: Outbox, ref: MessageRef): Promise<void> {
  const started = Date.now();
  const progress = progressUpdates(ctx, outbox, ref, READING);
  try {
    const data = await readSharedMailboxesAtScale(ctx.services, progress.onProgress, progress.retitle);
    await progress.settled();
    ctx.log.info('shared report', {
      mailboxes: data.verdicts.length,
      failures: data.inventory.failures.length,
      figures: data.figures.source,
      ms: Date.now() - started,
    });
    const snapshotId = await saveTableSnapshot(ctx, { kind: 'shared', commandText: COMMAND, complete: data.inventory.complete, table: sharedMailboxesTable(data.verdicts) });
    await outbox.update(ref, sharedReportMessage(data, { remediation: ctx.services.config.remediation, asOf: ctx.now(), snapshotId }));
  } catch (err) {
    await progress.settled();
    const failure = explainFailure(err);
    ctx.log.warn('shared report failed', { err: err as Error, ms: Date.now() - started });
    await outbox.update(ref, errorMessage("I couldn't check the shared mailboxes", failure.message, COMMAND, failure.fix));
  }
}

export function sharedReportMessage(data: SharedMailboxData & { figures?: FiguresNote }, options: { remediation: boolean; asOf: Date; snapshotId?: string }): Message {
  const partial = missingStatistics(data.inventory.mailboxes, 'shared mailboxes');
  const notice = partial && `${partial} Their size is unknown, so one over 50 GB may be missing from the counts. Retry to read them again.`;
  const input: SharedMailboxesCardInput = {
    verdicts: data.verdicts,
    asOf: options.asOf.toISOString(),
    remediationAllowed: options.remediation,
    actions: [...(options.snapshotId ? [exportButton(options.snapshotId)] : []), runButton(notice ? 'Retry' : 'Refresh', COMMAND)],
  };
  const list = mailboxesToShow(input.verdicts);
  const render = (n: number) => {
    const card = withFiguresLine(renderSharedMailboxesCard(input, n, list), sharedFiguresLine(data.figures));
    return notice ? withNotice(card, notice) : card;
  };
  const counts = countVerdicts(data.verdicts);
  const text = `${counts.needsLicence} of ${counts.total} shared mailboxes need a licence now${notice ? ' (partial)' : ''}`;
  return { card: fitCard(render, list.length).card, text };
}
