// `alert.snooze` {alert, days: 1 | 7}: no reminder of this alert before then.
import { alertCard } from '../cards/alert-card';
import { alertSnoozeButton } from '../buttons/alert';
import { changeAlert, NOT_HERE } from './alert-ack';
import { defineAction } from './define-action';

const DAY_MS = 86_400_000;

export const alertSnoozeAction = defineAction(alertSnoozeButton, async (ctx, request) => {
  const { days } = request;
  const keys = [request.key];
  const until = new Date(ctx.now().getTime() + days * DAY_MS).toISOString();
  const entry = await changeAlert(ctx, keys[0], (e) => ({ ...e, snoozedUntil: until }));
  if (entry === 'resolved') return { kind: 'message', text: 'That alert has been resolved already.' };
  if (!entry) return NOT_HERE;
  ctx.log.info('alert snoozed', { days });
  return { kind: 'card', card: alertCard({ key: keys[0], entry, remediation: ctx.services.config.remediation }) };
});
