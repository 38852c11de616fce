// `schedule.cancel`: Cancel on a schedule's card or in `schedule list` (the button is declared in
// buttons/schedule-cancel.ts). The schedule must be one of this conversation's, so a button copied
// from elsewhere (or made up) cancels nothing.
import { scheduleCard } from '../cards/schedule-card';
import { scheduleCancelButton } from '../buttons/schedule-cancel';
import type { ActionResult } from '../dispatch/types';
import { runText } from '../schedules/next-runs';
import { scheduleView } from '../schedules/view';
import { defineAction } from './define-action';

const NOT_HERE: ActionResult = {
  kind: 'error',
  status: 404,
  message: 'That schedule is not one of this conversation’s schedules, or it was cancelled already. Type `schedule list` to see them.',
};

export const scheduleCancelAction = defineAction(scheduleCancelButton, async (ctx, data) => {
  const [removed] = await ctx.services.schedules.store.remove(ctx.conversation.id, (s) => s.id === data.schedule);
  if (!removed) {
    ctx.log.warn('bad action', { problem: 'schedule not in this conversation', verb: ctx.verb });
    return NOT_HERE;
  }
  const now = ctx.now();
  ctx.log.info('schedule cancelled', { n: removed.n });
  const view = scheduleView(removed, undefined, now);
  const by = ctx.caller.name || ctx.caller.aadObjectId || 'an admin';
  return {
    kind: 'card',
    card: scheduleCard(view, {
      title: 'Cancelled',
      cancelled: `Cancelled by ${by} on ${runText(now, removed.timeZone)}. It will not run again.`,
    }),
  };
});
