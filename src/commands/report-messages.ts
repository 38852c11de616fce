// The mailbox report as a message: the card (as many rows as fit) and its buttons.
import { mailboxReportCard } from '../cards/mailbox-report-card';
import type { MailboxReport } from '../reports/mailbox-report';
import { runButton } from './replies';
import type { Message } from './types';

export function mailboxReportMessage(report: MailboxReport, options: { commandText: string; complete: boolean }): Message {
  const actions = [runButton('Refresh', options.commandText)];
  const partialActions = [runButton('Retry', options.commandText)];
  const fitted = mailboxReportCard(report, { actions, partialActions });
  const summary = `${report.matched.toLocaleString('en-US')} mailboxes${report.partial ? ' (partial)' : ''}`;
  return { card: fitted.card, text: summary };
}
