// The bot's stock replies (welcome, errors, progress, Export CSV) as Messages any command can send.
import { welcomeCard } from '../cards/welcome-card';
import { reportExportButton } from '../buttons/report';
import { runButton } from '../buttons/run-command';
import type { MailboxQuery } from '../reports/mailbox-report';
import type { Message } from '../model/conversation';

export function welcomeMessage(): Message {
  return {
    card: welcomeCard({ actions: [runButton('Show my mailboxes', 'mailboxes'), runButton('Help', 'help')] }),
    text: 'Hi! Type help to start.',
  };
}

export { errorMessage, progressMessage } from '../runner/messages';
export { runButton } from '../buttons/run-command';

/** Export CSV from a report's snapshot (verb `report.export`): a signed link, no tenant call. */
export function exportButton(snapshotId: string, extra: { q?: MailboxQuery } = {}): object {
  return reportExportButton.button('Export CSV', { s: snapshotId, ...extra });
}
