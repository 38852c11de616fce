// Every chat command, in the order `help` lists them. Adding a command is adding a file and a line.
import type { Command } from './types';
import { helpCommand } from './help';
import { mailboxesCommand } from './mailboxes';
import { mailboxCommand } from './mailbox';

export function allCommands(): Command[] {
  const commands: Command[] = [mailboxesCommand, mailboxCommand];
  commands.push(helpCommand(() => commands));
  return commands;
}
