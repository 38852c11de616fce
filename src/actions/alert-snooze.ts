// `alert.snooze` {alert, days: 1 | 7}: no reminder of this alert before then.
import { alertCard } from '../cards/alert-card';
import type { CardAction } from '../commands/types';
import { changeAlert, NOT_HERE, NOT_UNDERSTOOD, readKeys } from './alert-ack';

const DAY_MS = 86_400_000;

export const alertSnoozeAction: CardAction = {
  verb: 'alert.snooze',
  run: async (ctx) => {
    const keys = readKeys({ alert: ctx.data.alert });
    const days = ctx.data.days;
    if (!keys || (days !== 1 && days !== 7)) return NOT_UNDERSTOOD;
    const until = new Date(ctx.now().getTime() + days * DAY_MS).toISOString();
    const entry = await changeAlert(ctx, keys[0], (e) => ({ ...e, snoozedUntil: until }));
    if (entry === 'resolved') return { kind: 'message', text: 'That alert has been resolved already.' };
    if (!entry) return NOT_HERE;
    ctx.log.info('alert snoozed', { days });
    return { kind: 'card', card: alertCard({ key: keys[0], entry, remediation: ctx.services.config.remediation }) };
  },
};
