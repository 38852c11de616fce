// The alert cycle on a timer (ALERT_INTERVAL_MINUTES). Every instance keeps a timer; the lease and
// the "last cycle" time make one of them run each cycle. Stopping waits for a running cycle, so a
// restart neither drops claimed alerts nor sends them again.
import type { Logger } from '../log';
import type { AlertCycle, CycleReport } from './cycle';

export interface AlertSchedule {
  stop(): Promise<void>;
}

export function startAlertSchedule(cycle: Pick<AlertCycle, 'run'>, intervalMinutes: number, log: Logger): AlertSchedule {
  if (!(intervalMinutes > 0)) {
    log.info('alert timer off: cycles run only on POST /api/alerts/run and `alerts check`');
    return { stop: async () => undefined };
  }
  const intervalMs = intervalMinutes * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<CycleReport | void> = Promise.resolve();
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = cycle
        // Instances started together would each run one: a cycle within half an interval counts.
        .run({ minGapMs: intervalMs / 2 })
        .catch((err) => log.error('alert cycle failed', { err: err as Error }))
        .finally(() => schedule(intervalMs));
    }, ms);
    timer.unref();
  };
  // A little jitter so that instances restarted together do not all knock on the lease at once.
  schedule(intervalMs + Math.round(Math.random() * Math.min(30_000, intervalMs / 10)));
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
