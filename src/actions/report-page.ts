// `report.page` (Previous, Next, Sort) and `report.filter` (Apply): a new view of a mailbox report,
// answered from its snapshot without reading the tenant.
import type { CardAction, ActionContext, ActionResult } from '../commands/types';
import { buildMailboxReport, MailboxQuery } from '../reports/mailbox-report';
import { mailboxReportMessage } from '../commands/report-messages';
import { NOT_UNDERSTOOD } from '../buttons/button';
import { reportFilterButton, reportPageButton } from '../buttons/report';
import { readNumber, readText } from '../buttons/report-query';
import { mailboxSnapshot } from './report-snapshot';

async function view(ctx: ActionContext, query: MailboxQuery, offset: number): Promise<ActionResult> {
  const found = await mailboxSnapshot(ctx);
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

export const reportPageAction: CardAction = {
  verb: reportPageButton.verb,
  button: reportPageButton,
  run: async (ctx) => {
    const request = reportPageButton.parse(ctx.data);
    if (!request) return NOT_UNDERSTOOD;
    return view(ctx, request.q, request.o);
  },
};

export const reportFilterAction: CardAction = {
  verb: reportFilterButton.verb,
  button: reportFilterButton,
  run: async (ctx) => {
    const base = reportFilterButton.parse(ctx.data)?.q;
    if (!base) return NOT_UNDERSTOOD;
    // The inputs of the Filter form arrive beside the button's own data.
    const text = ctx.data.text === undefined ? '' : readText(ctx.data.text);
    const minPercent = readNumber(ctx.data.minPercent, 0, 1000);
    const inactiveDays = readNumber(ctx.data.inactiveDays, 0, 3650);
    if (text === null || minPercent === null || inactiveDays === null) {
      return { kind: 'error', status: 400, message: 'Filter: text up to 100 characters, % between 0 and 1000, days between 0 and 3650.' };
    }
    const query: MailboxQuery = { type: base.type, sort: base.sort, top: base.top };
    if (text) query.filter = text;
    if (minPercent !== undefined) query.minPercent = minPercent;
    if (inactiveDays !== undefined) query.inactiveDays = inactiveDays;
    return view(ctx, query, 0);
  },
};
