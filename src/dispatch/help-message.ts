// What `help` shows, made from each command's own declaration, so help, the Teams menu and README
// agree; the router answers an unknown command with it too.
import { helpCard, type HelpEntry } from '../cards/help-card';
import { runButton } from '../buttons/run-command';
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
