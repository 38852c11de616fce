// Which scheduled runs are due, and the run ledger that records them. Pure: schedules, the
// conversation's run ledger and `now` in; the runs to make and the ledger that claims them out.
// A run is claimed (written with the ledger's eTag) before its message is sent and settled after:
// delivered, or given back so that the next cycle tries again. Runs missed while the bot was down
// become one late run, not one per missed slot.
import { latestRun, runsBetween } from './next-runs';
import type { Schedule } from './schedule';

export interface RunEntry {
  /** The latest slot delivered: slots at or before it are done. */
  done?: string;
  /** A cycle is making this slot's run now (recorded before the message is sent). */
  claim?: { slot: string; at: string; cycle: string };
  /** What the last attempt did, for `schedule list`. */
  last?: { at: string; slot?: string; ok: boolean; text: string; late?: boolean };
  /** Failed attempts at the slot not yet delivered (the first failure is posted, later ones only listed). */
  failures?: number;
}

/** Schedule id → its runs in one conversation. */
export type RunLedger = Record<string, RunEntry>;

export interface DueRun {
  schedule: Schedule;
  /** The slot this run is for: the latest one due. */
  slot: string;
  /** Slots not delivered up to now (1 = only this one). */
  missed: number;
  /** More than one slot missed, or this one more than LATE_AFTER_MS ago. */
  late: boolean;
}

/** A run made this long after its time says it is late. */
export const LATE_AFTER_MS = 30 * 60_000;
/**
 * A claim older than this is from a cycle that ended without settling it (the process died between
 * claim and send): the run is made again. Longer than the cycle lease (30 s) and a send's retries.
 */
export const STALE_CLAIM_MS = 5 * 60_000;

/** Is a slot of `schedule` due at `now` (quick, without its ledger)? With `since`, only slots after it. */
export function mayBeDue(schedule: Schedule, now: Date, since?: Date): boolean {
  if (schedule.suspended) return false;
  const slot = latestRun(schedule.rule, schedule.timeZone, now);
  if (!slot) return false;
  const after = Math.max(Date.parse(schedule.createdAt), since ? since.getTime() : -Infinity);
  return slot.getTime() > after;
}

export function dueRun(schedule: Schedule, entry: RunEntry | undefined, now: Date): DueRun | null {
  if (schedule.suspended) return null;
  const latest = latestRun(schedule.rule, schedule.timeZone, now);
  if (!latest) return null;
  const base = entry?.done ?? schedule.createdAt;
  if (latest.getTime() <= Date.parse(base)) return null;
  const slot = latest.toISOString();
  if (entry?.claim && now.getTime() - Date.parse(entry.claim.at) < STALE_CLAIM_MS) return null;
  const missed = Math.max(1, runsBetween(schedule.rule, schedule.timeZone, new Date(base), now));
  return { schedule, slot, missed, late: missed > 1 || now.getTime() - latest.getTime() > LATE_AFTER_MS };
}

/** The ledger with each run claimed by `cycle`. */
export function claimRuns(runs: RunLedger, due: DueRun[], now: Date, cycle: string): RunLedger {
  const next = { ...runs };
  for (const d of due) next[d.schedule.id] = { ...runs[d.schedule.id], claim: { slot: d.slot, at: now.toISOString(), cycle } };
  return next;
}

export type Settlement = { kind: 'sent' } | { kind: 'failed'; text: string };

/**
 * The ledger after a claimed run: delivered (its slot is done), or failed (the claim is given
 * back, the failure counted, and the next cycle tries again). A claim someone else holds now, or a
 * schedule cancelled meanwhile, is left as it is.
 */
export function settleRun(runs: RunLedger, run: DueRun, cycle: string, outcome: Settlement, now: Date): RunLedger {
  const entry = runs[run.schedule.id];
  if (!entry || entry.claim?.cycle !== cycle || entry.claim.slot !== run.slot) return runs;
  const at = now.toISOString();
  const next: RunEntry = { ...entry };
  delete next.claim;
  if (outcome.kind === 'sent') {
    next.done = run.slot;
    next.failures = 0;
    next.last = { at, slot: run.slot, ok: true, text: run.late ? 'sent late' : 'sent', ...(run.late ? { late: true } : {}) };
  } else {
    next.failures = (entry.failures ?? 0) + 1;
    next.last = { at, slot: run.slot, ok: false, text: outcome.text.slice(0, 300) };
  }
  return { ...runs, [run.schedule.id]: next };
}

/** Entries of schedules that no longer exist are dropped when the ledger is written anyway. */
export function withoutCancelled(runs: RunLedger, ids: Set<string>): RunLedger {
  const next: RunLedger = {};
  for (const [id, e] of Object.entries(runs)) if (ids.has(id)) next[id] = e;
  return next;
}
