// The buttons of an alert card, registered together (Details and Assign licence are the reports' own).
import type { CardAction } from '../dispatch/types';
import { alertAckAction } from './alert-ack';
import { alertSnoozeAction } from './alert-snooze';

export const alertActions: CardAction[] = [alertAckAction, alertSnoozeAction];
