// One check cycle, whatever it does: take the cycle lease (the other instances skip), unless a full
// cycle ended moments ago; run its steps in order under that lease (the history collection, the
// alerts, the scheduled reports), each posting through the one paced delivery; note when a full
// cycle ended; release the lease. A step that fails never keeps the later ones from running: the
// cycle then fails with its error once they have run.
import type { Logger } from '../log';
import type { CycleLock, LeaseHold } from '../state/lease';
import type { StateStore } from '../state/store';
import { deliverAtPace, type Deliver, type MessageSender } from './delivery';
import type { Clock, SendPace } from './pace';

/** What a step gets of the cycle it runs in. */
export interface StepInput {
  /** The cycle's lease: once lost, start nothing new (another instance may be running). */
  hold: LeaseHold;
  now: Date;
  /** The cycle's delivery: its pace and its retries of what Teams says to retry. */
  deliver: Deliver;
  /** Done with a conversation: the pace may forget it. */
  done(conversationId: string): void;
}

export interface CycleStep {
  name: string;
  run(input: StepInput): Promise<void>;
}

export interface CycleDeps {
  lock: CycleLock;
  /** Where the end of the last full cycle is noted. */
  state: StateStore;
  sender: MessageSender;
  pace: SendPace;
  log: Logger;
  now(): Date;
  clock?: Clock;
}

export interface CycleRun {
  /** Skip when the last full cycle ended less than this long ago (the timers of several instances). */
  minGapMs?: number;
  /** A full cycle: it counts for `minGapMs` (a one-conversation or schedules-only run does not). */
  full: boolean;
  /** Called once the lease is held and the cycle runs. */
  started?(): void;
}

export type CycleOutcome = { ran: true } | { ran: false; skipped: 'busy' | 'recent' };

const LAST_CYCLE_KEY = 'alerts/last-cycle';

export class Cycle {
  private readonly deliver: Deliver;

  constructor(private readonly deps: CycleDeps) {
    this.deliver = deliverAtPace(deps);
  }

  async run(steps: CycleStep[], options: CycleRun): Promise<CycleOutcome> {
    const hold = await this.deps.lock.acquire();
    if (!hold) {
      this.deps.log.info('alert cycle skipped', { reason: 'another instance is running it' });
      return { ran: false, skipped: 'busy' };
    }
    try {
      if (options.minGapMs && options.full) {
        const last = (await this.deps.state.read<{ at: string }>(LAST_CYCLE_KEY))?.value;
        if (last && this.deps.now().getTime() - Date.parse(last.at) < options.minGapMs) {
          this.deps.log.debug('alert cycle skipped', { reason: 'another instance ran it moments ago' });
          return { ran: false, skipped: 'recent' };
        }
      }
      options.started?.();
      const failures: unknown[] = [];
      for (const step of steps) {
        // Each step's own "now": the schedules after a long alert step see what came due meanwhile.
        const input: StepInput = { hold, now: this.deps.now(), deliver: this.deliver, done: (id) => this.deps.pace.forget(id) };
        await step.run(input).catch((err: unknown) => failures.push(err));
      }
      if (failures.length > 0) throw failures[0];
      if (options.full) await this.deps.state.write(LAST_CYCLE_KEY, { at: this.deps.now().toISOString() });
      return { ran: true };
    } finally {
      await hold.release();
    }
  }
}
