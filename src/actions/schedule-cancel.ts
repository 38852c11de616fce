// `schedule.cancel` {schedule}: Cancel on a schedule's card or in `schedule list`. The button, its
// data and its parser are declared here once; the schedule must be one of this conversation's, so a
// button copied from elsewhere (or made up) cancels nothing.
import { scheduleCard } from '../cards/schedule-card';
import type { ActionResult, CardAction } from '../commands/types';
import { runText } from '../schedules/next-runs';
import { SCHEDULE_ID } from '../schedules/schedule';
import { scheduleView } from '../schedules/view';

export const SCHEDULE_CANCEL_VERB = 'schedule.cancel';

export interface ScheduleCancelData {
  schedule: string;
}

export function cancelScheduleButton(scheduleId: string, title = 'Cancel'): object {
  const data: ScheduleCancelData = { schedule: scheduleId };
  return { type: 'Action.Execute', title, verb: SCHEDULE_CANCEL_VERB, data };
}

export function readScheduleCancel(data: Record<string, unknown>): ScheduleCancelData | null {
  return typeof data.schedule === 'string' && SCHEDULE_ID.test(data.schedule) ? { schedule: data.schedule } : null;
}

const NOT_UNDERSTOOD: ActionResult = { kind: 'error', status: 400, message: 'That button sent something I do not understand.' };
const NOT_HERE: ActionResult = { kind: 'error', status: 404, message: 'That schedule is not one of this conversation’s schedules, or it was cancelled already. Type `schedule list` to see them.' };

export const scheduleCancelAction: CardAction = {
  verb: SCHEDULE_CANCEL_VERB,
  run: async (ctx) => {
    const data = readScheduleCancel(ctx.data);
    if (!data) return NOT_UNDERSTOOD;
    const [removed] = await ctx.services.schedules.store.remove(ctx.conversation.id, (s) => s.id === data.schedule);
    if (!removed) {
      ctx.log.warn('bad action', { problem: 'schedule not in this conversation', verb: ctx.verb });
      return NOT_HERE;
    }
    const now = ctx.now();
    ctx.log.info('schedule cancelled', { n: removed.n });
    const view = scheduleView(removed, undefined, now);
    const by = ctx.caller.name || ctx.caller.aadObjectId || 'an admin';
    return { kind: 'card', card: scheduleCard(view, { title: 'Cancelled', cancelled: `Cancelled by ${by} on ${runText(now, removed.timeZone)}. It will not run again.` }) };
  },
};
