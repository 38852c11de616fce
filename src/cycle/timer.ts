// The check cycle on a timer (ALERT_INTERVAL_MINUTES), and the loop every background job repeats on.
// Every instance keeps a timer; the lease and the "last cycle" time make one of them run each cycle.
// Stopping waits for a running job, so a restart neither drops claimed alerts nor sends them again.
import type { Logger } from '../log';

export interface Timer {
  stop(): Promise<void>;
}

/**
 * Runs `job` after `firstMs`, then `everyMs` after each run ends (never two at once). A job that
 * throws is logged by `failed`, and the next run comes all the same.
 */
export function repeat(job: () => Promise<unknown>, options: { firstMs: number; everyMs: number; failed(err: unknown): void }): Timer {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = job()
        .catch(options.failed)
        .finally(() => schedule(options.everyMs));
    }, ms);
    timer.unref();
  };
  schedule(options.firstMs);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** The full cycle every `intervalMinutes`; none when 0 (cycles then come from POST /api/alerts/run). */
export function startCycleTimer(run: (options: { minGapMs: number }) => Promise<unknown>, intervalMinutes: number, log: Logger): Timer {
  if (!(intervalMinutes > 0)) {
    log.info('alert timer off: cycles run only on POST /api/alerts/run and `alerts check`');
    return { stop: async () => undefined };
  }
  const intervalMs = intervalMinutes * 60_000;
  return repeat(
    // Instances started together would each run one: a cycle within half an interval counts.
    () => run({ minGapMs: intervalMs / 2 }),
    {
      // A little jitter so that instances restarted together do not all knock on the lease at once.
      firstMs: intervalMs + Math.round(Math.random() * Math.min(30_000, intervalMs / 10)),
      everyMs: intervalMs,
      failed: (err) => log.error('alert cycle failed', { job: 'alert cycle', err: err as Error }),
    },
  );
}
