// `report.page` (Previous, Next, Sort) and `report.filter` (Apply): a new view of a mailbox report,
// answered from its snapshot without reading the tenant.
import type { ActionContext, ActionResult } from '../dispatch/types';
import { buildMailboxReport, MailboxQuery } from '../reports/mailbox-report';
import { mailboxReportMessage } from '../messages/report-messages';
import { reportFilterButton, reportPageButton } from '../buttons/report';
import { mailboxSnapshot } from './report-snapshot';
import { defineAction } from './define-action';

async function view(ctx: ActionContext, snapshotId: string, query: MailboxQuery, offset: number): Promise<ActionResult> {
  const found = await mailboxSnapshot(ctx, snapshotId);
  if (!found.ok) return found.result;
  const { snapshot } = found;
  const report = buildMailboxReport(snapshot.data.mailboxes, query, new Date(snapshot.createdAt), { offset });
  if (offset > 0 && offset >= report.matched) return { kind: 'error', status: 400, message: 'That page is past the end of the report.' };
  const message = mailboxReportMessage(report, {
    commandText: snapshot.commandText,
    snapshotId: snapshot.id,
    viewedAt: ctx.now(),
    figures: snapshot.data.figures,
  });
  return { kind: 'card', card: message.card! };
}

export const reportPageAction = defineAction(reportPageButton, async (ctx, request) => view(ctx, request.s, request.q, request.o));

export const reportFilterAction = defineAction(reportFilterButton, async (ctx, request) => {
  const { q: base } = request;
  const { text, minPercent, inactiveDays } = request.inputs;
  if (text === null || minPercent === null || inactiveDays === null) {
    return { kind: 'error', status: 400, message: 'Filter: text up to 100 characters, % between 0 and 1000, days between 0 and 3650.' };
  }
  const query: MailboxQuery = { type: base.type, sort: base.sort, top: base.top };
  if (text) query.filter = text;
  if (minPercent !== undefined) query.minPercent = minPercent;
  if (inactiveDays !== undefined) query.inactiveDays = inactiveDays;
  return view(ctx, request.s, query, 0);
});
