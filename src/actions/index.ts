// Every card button's verb. Adding a button is adding a file and a line.
import type { CardAction } from '../commands/types';
import { runCommandAction } from './run-command';
import { mailboxDetailsAction } from './mailbox-details';

export function allActions(): CardAction[] {
  return [runCommandAction, mailboxDetailsAction];
}
