// Every card button's verb. Adding a button is adding a file and a line.
import type { CardAction } from '../dispatch/types';
import { runCommandAction } from './run-command';
import { mailboxDetailsAction } from './mailbox-details';
import { mailboxFoldersAction } from './mailbox-folders';
import { licenseAssignActions } from './license-assign-actions';
import { reportPageAction, reportFilterAction } from './report-page';
import { reportExportAction } from './report-export';
import { reportDetailsAction } from './report-details';
import { alertActions } from './alert-actions';
import { scheduleCancelAction } from './schedule-cancel';

export function allActions(): CardAction[] {
  return [
    runCommandAction,
    mailboxDetailsAction,
    mailboxFoldersAction,
    ...licenseAssignActions,
    reportPageAction,
    reportFilterAction,
    reportExportAction,
    reportDetailsAction,
    ...alertActions,
    scheduleCancelAction,
  ];
}
