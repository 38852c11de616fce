// The mailbox report as a message: the card (as many rows as fit) and its buttons. With a snapshot,
// the buttons page, sort, filter and export from it without reading the tenant again.
import { mailboxReportCard } from '../cards/mailbox-report-card';
import type { MailboxQuery, MailboxReport } from '../reports/mailbox-report';
import { MAILBOX_SORTS } from '../reports/mailbox-report';
import { reportDetailsButton, reportFilterButton, reportPageButton } from '../buttons/report';
import { exportButton, runButton } from './replies';
import type { FiguresNote } from '../reports/figure-source';
import type { Message } from '../model/conversation';

export interface ReportMessageOptions {
  commandText: string;
  /** Without one (storage unavailable), the card has only Refresh. */
  snapshotId?: string;
  /** When the card is shown: a view of older data says "As of 4 min ago". */
  viewedAt?: Date;
  /** Where the figures come from (kept with the snapshot); absent = live. */
  figures?: FiguresNote;
  /** The tenant's storage trend under the rows, within the fit. */
  tenantTrend?: { line: string; sparkline: string } | null;
}

const SORT_TITLES: Record<MailboxQuery['sort'], string> = {
  items: 'Most items',
  size: 'Largest',
  activity: 'Least active',
  quota: 'Fullest (% of quota)',
  growth: 'Fastest growing',
  name: 'Name',
};

export function mailboxReportMessage(report: MailboxReport, options: ReportMessageOptions): Message {
  const s = options.snapshotId;
  const cardOptions = (shown: number) => ({
    actions: buttons(report, options, shown),
    partialActions: [runButton('Retry', options.commandText)],
    viewedAt: options.viewedAt,
    figures: options.figures,
    tenantTrend: options.tenantTrend,
    rowAction: s
      ? (row: { upn: string; address: string }) => reportDetailsButton.button('Details', { s, upn: row.upn || row.address })
      : undefined,
  });
  // The buttons depend on how many rows fit (Next starts after the last row shown): fit twice.
  let fitted = mailboxReportCard(report, cardOptions(report.rows.length));
  if (fitted.rows < report.rows.length) fitted = mailboxReportCard(report, cardOptions(fitted.rows));
  const summary = `${report.matched.toLocaleString('en-US')} mailboxes${report.partial ? ' (partial)' : ''}`;
  return { card: fitted.card, text: summary };
}

function buttons(report: MailboxReport, options: ReportMessageOptions, shown: number): object[] {
  const s = options.snapshotId;
  const refresh = runButton('Refresh', options.commandText);
  if (!s) return [refresh];
  const q = report.query;
  const page = (title: string, o: number, query: MailboxQuery = q) => reportPageButton.button(title, { s, q: query, o });
  const actions: object[] = [];
  if (report.offset > 0) actions.push(page('◀ Previous', Math.max(0, report.offset - q.top)));
  if (report.offset + shown < report.matched) actions.push(page('Next ▶', report.offset + shown));
  actions.push({
    type: 'Action.ShowCard',
    title: 'Sort',
    card: {
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: 'Sort by', weight: 'Bolder' }],
      // Growth comes from the history store, not the snapshot: that sort is a new `mailboxes … sort growth`.
      actions: MAILBOX_SORTS.map((sort) =>
        sort === 'growth' ? runButton(SORT_TITLES[sort], mailboxesCommandText({ ...q, sort })) : page(SORT_TITLES[sort], 0, { ...q, sort }),
      ),
    },
  });
  actions.push({
    type: 'Action.ShowCard',
    title: 'Filter',
    card: {
      type: 'AdaptiveCard',
      body: [
        { type: 'Input.Text', id: 'text', label: 'Name or address contains', maxLength: 100, value: q.filter ?? '' },
        {
          type: 'Input.Number',
          id: 'minPercent',
          label: 'At least this % of quota used',
          min: 0,
          max: 1000,
          ...(q.minPercent !== undefined ? { value: q.minPercent } : {}),
        },
        {
          type: 'Input.Number',
          id: 'inactiveDays',
          label: 'Inactive for more than (days)',
          min: 0,
          max: 3650,
          ...(q.inactiveDays !== undefined ? { value: q.inactiveDays } : {}),
        },
      ],
      actions: [reportFilterButton.button('Apply', { s, q })],
    },
  });
  actions.push(exportButton(s, { q }));
  actions.push(refresh);
  return actions;
}

/** The chat command that makes the report of `q` afresh. */
function mailboxesCommandText(q: MailboxQuery): string {
  const words = ['mailboxes', q.type, 'sort', q.sort, 'top', String(q.top)];
  if (q.filter) words.push('filter', q.filter);
  return words.join(' ');
}
