// Scheduled reports in Blob Storage, through the same StateStore (botbuilder's BlobsStorage) and
// eTags as alerts. Definitions: one blob for the whole bot (1,000 schedules are a few hundred KB),
// changed by read-modify-write, so the limits hold against two admins (or instances) at once. Runs:
// one ledger blob per conversation, created only if absent and written only with its eTag, so a run
// is claimed by exactly one cycle before its message is sent.
import { randomBytes } from 'node:crypto';
import type { RunLedger } from './due';
import { MAX_PER_BOT, MAX_PER_CONVERSATION, normaliseSchedule, type Schedule } from './schedule';
import { conversationKey } from '../state/conversations';
import type { CreateIfAbsent } from '../state/ledger';
import { StateConflictError, update, type StateStore } from '../state/store';

type Schedules = Record<string, Schedule>;
const KEY = 'schedules/all';

export type AddResult = { ok: true; schedule: Schedule } | { ok: false; limit: 'conversation' | 'bot' };

export class ScheduleStore {
  constructor(private readonly store: StateStore) {}

  private async read(): Promise<Schedules> {
    return (await this.store.read<Schedules>(KEY))?.value ?? {};
  }

  /** Every readable schedule; a damaged entry is left out (and stays stored for someone to look at). */
  async all(): Promise<Schedule[]> {
    return Object.values(await this.read())
      .map(normaliseSchedule)
      .filter((s): s is Schedule => s !== null);
  }

  async inConversation(conversationId: string): Promise<Schedule[]> {
    return (await this.all()).filter((s) => s.conversationId === conversationId).sort((a, b) => a.n - b.n);
  }

  async add(fields: Omit<Schedule, 'id' | 'n' | 'suspended'>): Promise<AddResult> {
    let result: AddResult = { ok: false, limit: 'bot' };
    await update<Schedules>(this.store, KEY, (all = {}) => {
      const list = Object.values(all);
      const here = list.filter((s) => s.conversationId === fields.conversationId);
      if (here.length >= MAX_PER_CONVERSATION) {
        result = { ok: false, limit: 'conversation' };
        return all;
      }
      if (list.length >= MAX_PER_BOT) {
        result = { ok: false, limit: 'bot' };
        return all;
      }
      const schedule: Schedule = { ...fields, id: randomBytes(16).toString('hex'), n: Math.max(0, ...here.map((s) => s.n)) + 1 };
      result = { ok: true, schedule };
      return { ...all, [schedule.id]: schedule };
    });
    return result;
  }

  /** Removes the schedules of this conversation that `pick` chooses; returns them. */
  async remove(conversationId: string, pick: (s: Schedule) => boolean): Promise<Schedule[]> {
    let removed: Schedule[] = [];
    await update<Schedules>(this.store, KEY, (all = {}) => {
      removed = Object.values(all).filter((s) => s.conversationId === conversationId && pick(s));
      if (removed.length === 0) return all;
      const next = { ...all };
      for (const s of removed) delete next[s.id];
      return next;
    });
    return removed;
  }

  async suspend(conversationId: string, reason: string, at: Date): Promise<void> {
    await this.changeConversation(conversationId, (s) => ({ ...s, suspended: { at: at.toISOString(), reason } }));
  }

  /** Lifts a suspension (the bot is evidently back in the conversation); true when there was one. */
  async resume(conversationId: string): Promise<boolean> {
    const suspended = (await this.inConversation(conversationId)).some((s) => s.suspended);
    if (!suspended) return false;
    await this.changeConversation(conversationId, (s) => {
      const next = { ...s };
      delete next.suspended;
      return next;
    });
    return true;
  }

  private async changeConversation(conversationId: string, change: (s: Schedule) => Schedule): Promise<void> {
    await update<Schedules>(this.store, KEY, (all = {}) => {
      const next = { ...all };
      for (const s of Object.values(all)) if (s.conversationId === conversationId) next[s.id] = change(s);
      return next;
    });
  }
}

export interface RunLedgerRead {
  runs: RunLedger;
  /** Undefined while the conversation has no ledger yet: the first write creates it, only if still absent. */
  eTag?: string;
}

export class ScheduleRunStore {
  constructor(
    private readonly store: StateStore,
    private readonly createIfAbsent: CreateIfAbsent,
  ) {}

  async read(conversationId: string): Promise<RunLedgerRead> {
    const found = await this.store.read<RunLedger>(key(conversationId));
    return found ? { runs: found.value ?? {}, eTag: found.eTag } : { runs: {} };
  }

  /**
   * Throws StateConflictError when someone else wrote it since `eTag`, or created it meanwhile when
   * there was none: a first claim is a create "if none match", so it can never wipe another's claim.
   */
  async write(conversationId: string, runs: RunLedger, eTag: string | undefined): Promise<void> {
    const k = key(conversationId);
    if (eTag === undefined) {
      if (!(await this.createIfAbsent(k, runs))) throw new StateConflictError(k);
      return;
    }
    await this.store.write(k, runs, eTag);
  }

  /** Read-modify-write with the eTag, retried when another writer got there first. */
  async change(conversationId: string, change: (runs: RunLedger) => RunLedger): Promise<RunLedger> {
    for (let attempt = 0; ; attempt++) {
      const { runs, eTag } = await this.read(conversationId);
      const next = change(runs);
      if (next === runs) return runs;
      try {
        await this.write(conversationId, next, eTag);
        return next;
      } catch (err) {
        if (!(err instanceof StateConflictError) || attempt >= 4) throw err;
      }
    }
  }
}

function key(conversationId: string): string {
  return `schedules/runs/${conversationKey(conversationId)}`;
}
