// Scheduled reports in Blob Storage, through the same StateStore (botbuilder's BlobsStorage) and
// eTags as alerts. Definitions: one blob for the whole bot (1,000 schedules are a few hundred KB),
// changed by read-modify-write, so the limits hold against two admins (or instances) at once. Runs:
// one ledger blob per conversation, created only if absent and written only with its eTag, so a run
// is claimed by exactly one cycle before its message is sent.
import { randomBytes } from 'node:crypto';
import type { Logger } from '../log';
import type { RunLedger, RunEntry } from './due';
import { MAX_PER_BOT, MAX_PER_CONVERSATION, normaliseSchedule, type Schedule } from './schedule';
import { conversationKey } from '../state/conversations';
import type { CreateIfAbsent } from '../state/ledger';
import { asRecord, CheckedEntries } from '../state/checked-entries';
import { readModifyWrite, StateConflictError, type StateStore } from '../state/store';

const KEY = 'schedules/all';

export type AddResult = { ok: true; schedule: Schedule } | { ok: false; limit: 'conversation' | 'bot' };

export class ScheduleStore {
  /**
   * Every entry checked on read: a damaged one (null, wrong types, a report that is not a report)
   * is skipped and logged, never stops the others and is never run.
   */
  private readonly entries: CheckedEntries<Schedule>;

  constructor(store: StateStore, log?: Logger) {
    this.entries = new CheckedEntries(
      store,
      KEY,
      (key, raw) => {
        const s = normaliseSchedule(raw);
        return s && s.id === key ? s : null;
      },
      (key) => log?.warn('stored schedule skipped: it is damaged or not a report', { key: key.slice(0, 64) }),
    );
  }

  /** Every readable schedule. */
  async all(): Promise<Schedule[]> {
    return [...(await this.entries.read()).values()];
  }

  async inConversation(conversationId: string): Promise<Schedule[]> {
    return (await this.all()).filter((s) => s.conversationId === conversationId).sort((a, b) => a.n - b.n);
  }

  async add(fields: Omit<Schedule, 'id' | 'n' | 'suspended'>): Promise<AddResult> {
    let result: AddResult = { ok: false, limit: 'bot' };
    await this.entries.change((valid) => {
      const list = [...valid.values()];
      const here = list.filter((s) => s.conversationId === fields.conversationId);
      if (here.length >= MAX_PER_CONVERSATION) {
        result = { ok: false, limit: 'conversation' };
        return undefined;
      }
      if (list.length >= MAX_PER_BOT) {
        result = { ok: false, limit: 'bot' };
        return undefined;
      }
      const schedule: Schedule = { ...fields, id: randomBytes(16).toString('hex'), n: Math.max(0, ...here.map((s) => s.n)) + 1 };
      result = { ok: true, schedule };
      return { [schedule.id]: schedule };
    });
    return result;
  }

  /** Removes the schedules that `pick` chooses (in one conversation, or anywhere without one); returns them. */
  async remove(conversationId: string | undefined, pick: (s: Schedule) => boolean): Promise<Schedule[]> {
    let removed: Schedule[] = [];
    await this.entries.change((valid) => {
      removed = [...valid.values()].filter((s) => (conversationId === undefined || s.conversationId === conversationId) && pick(s));
      return Object.fromEntries(removed.map((s) => [s.id, null]));
    });
    return removed;
  }

  /** Teams refused to deliver in this conversation: its schedules wait until a schedule command is used there. */
  async suspend(conversationId: string, reason: string, at: Date): Promise<void> {
    await this.changeEach(
      (s) => s.conversationId === conversationId && s.suspended?.kind !== 'owner',
      (s) => ({ ...s, suspended: { at: at.toISOString(), reason } }),
    );
  }

  /** Whoever set these up is no longer an admin: they are not run until that changes (or an admin cancels them). */
  async suspendOwner(ids: Set<string>, reason: string, at: Date): Promise<void> {
    await this.changeEach(
      (s) => ids.has(s.id) && s.suspended?.kind !== 'owner',
      (s) => ({ ...s, suspended: { at: at.toISOString(), reason, kind: 'owner' } }),
    );
  }

  /** Their creator is an admin again. */
  async resumeOwner(ids: Set<string>): Promise<void> {
    await this.changeEach((s) => ids.has(s.id) && s.suspended?.kind === 'owner', withoutSuspension);
  }

  /**
   * Lifts a 403 suspension (the bot is evidently back in the conversation); true when there was
   * one. A schedule whose creator is no longer an admin stays suspended.
   */
  async resume(conversationId: string): Promise<boolean> {
    const pick = (s: Schedule) => s.conversationId === conversationId && !!s.suspended && s.suspended.kind !== 'owner';
    if (!(await this.all()).some(pick)) return false;
    await this.changeEach(pick, withoutSuspension);
    return true;
  }

  private async changeEach(pick: (s: Schedule) => boolean, change: (s: Schedule) => Schedule): Promise<void> {
    await this.entries.change((valid) => Object.fromEntries([...valid.values()].filter(pick).map((s) => [s.id, change(s)])));
  }
}

function withoutSuspension(s: Schedule): Schedule {
  const next = { ...s };
  delete next.suspended;
  return next;
}

const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** A run ledger read back: each entry keeps only the fields that have their types; a non-object is left out. */
function validRuns(raw: unknown): RunLedger {
  const out: RunLedger = {};
  for (const [id, value] of Object.entries(asRecord(raw))) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const e = value as Record<string, any>;
    const entry: RunEntry = {};
    if (isDate(e.done)) entry.done = e.done;
    if (e.claim && isDate(e.claim.slot) && isDate(e.claim.at) && typeof e.claim.cycle === 'string') entry.claim = e.claim;
    if (e.last && isDate(e.last.at) && typeof e.last.ok === 'boolean' && typeof e.last.text === 'string') entry.last = e.last;
    if (typeof e.failures === 'number' && Number.isInteger(e.failures) && e.failures >= 0) entry.failures = e.failures;
    out[id] = entry;
  }
  return out;
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
    return found ? { runs: validRuns(found.value), eTag: found.eTag } : { runs: {} };
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

  /** Read-modify-write with the eTag (state/store.ts's one loop); `change` returning what it got writes nothing. */
  async change(conversationId: string, change: (runs: RunLedger) => RunLedger): Promise<RunLedger> {
    let seen: RunLedger = {};
    const written = await readModifyWrite<RunLedger>({
      read: async () => {
        const { runs, eTag } = await this.read(conversationId);
        seen = runs;
        return { value: runs, eTag };
      },
      write: (runs, eTag) => this.write(conversationId, runs, eTag),
      change,
    });
    return written ?? seen;
  }
}

function key(conversationId: string): string {
  return `schedules/runs/${conversationKey(conversationId)}`;
}
