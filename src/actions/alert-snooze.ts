// `alert.snooze` {alert, days: 1 | 7}: no reminder of this alert before then.
import { alertCard } from '../cards/alert-card';
import type { CardAction } from '../commands/types';
import { NOT_UNDERSTOOD } from '../buttons/button';
import { alertSnoozeButton } from '../buttons/alert';
import { changeAlert, NOT_HERE } from './alert-ack';

const DAY_MS = 86_400_000;

export const alertSnoozeAction: CardAction = {
  verb: alertSnoozeButton.verb,
  button: alertSnoozeButton,
  run: async (ctx) => {
    const request = alertSnoozeButton.parse(ctx.data);
    if (!request) return NOT_UNDERSTOOD;
    const { days } = request;
    const keys = [request.key];
    const until = new Date(ctx.now().getTime() + days * DAY_MS).toISOString();
    const entry = await changeAlert(ctx, keys[0], (e) => ({ ...e, snoozedUntil: until }));
    if (entry === 'resolved') return { kind: 'message', text: 'That alert has been resolved already.' };
    if (!entry) return NOT_HERE;
    ctx.log.info('alert snoozed', { days });
    return { kind: 'card', card: alertCard({ key: keys[0], entry, remediation: ctx.services.config.remediation }) };
  },
};
