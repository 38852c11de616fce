// Every chat command, in the order `help` lists them and the Teams menu offers them (the first ten).
// Adding a command is adding a file and a line.
import type { Command } from '../dispatch/types';
import { helpCommand } from './help';
import { mailboxesCommand } from './mailboxes';
import { mailboxCommand } from './mailbox';
import { sharedCommand } from './shared';
import { licensesCommand } from './licenses';
import { priceCommand } from './price';
import { exportCommand } from './export';
import { alertsCommand } from './alerts';
import { doctorCommand } from './doctor';
import { scheduleCommand } from './schedule';
import { historyCommand } from './history';
import { archivesCommand } from './archives';

export function allCommands(): Command[] {
  const commands: Command[] = [
    mailboxesCommand,
    mailboxCommand,
    sharedCommand,
    archivesCommand,
    licensesCommand,
    alertsCommand,
    scheduleCommand,
    exportCommand,
    doctorCommand,
    // Past Teams' ten-command menu: settings and stores an admin reaches from help or a card.
    priceCommand,
    historyCommand,
  ];
  commands.push(helpCommand(() => commands));
  return commands;
}
