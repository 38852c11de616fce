// Every chat command, in the order `help` lists them. Adding a command is adding a file and a line.
import type { Command } from './types';
import { helpCommand } from './help';
import { mailboxesCommand } from './mailboxes';
import { mailboxCommand } from './mailbox';
import { sharedCommand } from './shared';
import { licensesCommand } from './licenses';
import { exportCommand } from './export';
import { alertsCommand } from './alerts';
import { doctorCommand } from './doctor';
import { scheduleCommand } from './schedule';
import { archivesCommand } from './archives';

export function allCommands(): Command[] {
  const commands: Command[] = [
    mailboxesCommand,
    mailboxCommand,
    archivesCommand,
    sharedCommand,
    licensesCommand,
    alertsCommand,
    scheduleCommand,
    exportCommand,
    doctorCommand,
  ];
  commands.push(helpCommand(() => commands));
  return commands;
}
