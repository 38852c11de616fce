// The bot's stock replies (help, welcome, errors, progress) as Messages any command can send.
import { helpCard, type HelpEntry } from '../cards/help-card';
import { welcomeCard } from '../cards/welcome-card';
import { reportExportButton } from '../buttons/report';
import { runButton } from '../buttons/run-command';
import type { MailboxQuery } from '../reports/mailbox-report';
import type { Command, Message } from './types';

/** What `help` shows of each command: its own declaration, so help, the Teams menu and README agree. */
export function helpEntries(commands: readonly Command[]): HelpEntry[] {
  return commands.map((c) => ({ name: c.name, usage: c.usage, description: c.summary, example: c.examples[0] ?? c.name }));
}

export function helpMessage(commands: Command[], options: { unknown?: string; suggestion?: string } = {}): Message {
  const actions = options.suggestion ? [runButton(`Run ${options.suggestion}`, options.suggestion)] : [];
  return {
    card: helpCard({ commands: helpEntries(commands), unknown: options.unknown, suggestion: options.suggestion, actions }),
    text: options.unknown
      ? `I don't know that command.${options.suggestion ? ` Did you mean ${options.suggestion}?` : ''}`
      : 'What I can do',
  };
}

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
