// `schedule.cancel` {schedule}: Cancel on a schedule's card and on each row of `schedule list`. The
// data is the schedule's 128-bit random id (never its number, which could be guessed or reused).
import { declareButton } from './button';

const SCHEDULE_ID = /^[0-9a-f]{32}$/;

export const scheduleCancelButton = declareButton<{ schedule: string }>('schedule.cancel', (data) =>
  typeof data.schedule === 'string' && SCHEDULE_ID.test(data.schedule) ? { schedule: data.schedule } : null,
);
