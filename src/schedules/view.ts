// A schedule as its cards show it: worded rule, next runs in its zone, and what its last run did.
import type { ScheduleView } from '../cards/schedule-card';
import { dueRun, type RunEntry } from './due';
import { nextRuns, runText } from './next-runs';
import type { Schedule } from './schedule';
import { describeRule } from './when';

export function scheduleView(s: Schedule, entry: RunEntry | undefined, now: Date): ScheduleView {
  const next = nextRuns(s.rule, s.timeZone, now, 3).map((d) => runText(d, s.timeZone));
  const pending = dueRun(s, entry, now);
  if (pending) next.unshift(`due since ${runText(pending.slot, s.timeZone)}: ${entry?.failures ? 'retried' : 'made'} at the next check`);
  const view: ScheduleView = {
    n: s.n,
    report: s.report,
    when: describeRule(s.rule),
    timeZone: s.timeZone,
    by: s.by.name,
    next: next.slice(0, 3),
  };
  const last = entry?.last;
  if (last) {
    view.lastOk = last.ok;
    view.last = last.ok
      ? `${last.late ? 'sent late' : 'sent'} ${runText(last.at, s.timeZone)}`
      : `${last.text} (${runText(last.at, s.timeZone)}${(entry?.failures ?? 0) > 1 ? `, ${entry!.failures} attempts` : ''}); retried at the next check`;
  }
  if (s.suspended) view.suspended = `Suspended since ${runText(s.suspended.at, s.timeZone)}: ${s.suspended.reason}`;
  return view;
}
