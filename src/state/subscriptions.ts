// Which conversations get alerts, with their settings. One blob holds them all (a thousand
// subscriptions are a few hundred KB), changed by read-modify-write with its eTag, so a subscribe in
// one bot instance and a suspension in another cannot undo each other. What is read back is checked
// entry by entry: one damaged entry is skipped (and logged once), never the end of every cycle.
import type { Logger } from '../log';
import type { AlertSettings } from '../reports/alerts/settings';
import { normaliseSettings } from '../reports/alerts/settings';
import { conversationKey } from './conversations';
import { update, type StateStore } from './store';

export interface Subscription {
  conversationId: string;
  conversationType: string;
  settings: AlertSettings;
  since: string;
  by: { aadObjectId: string; name: string };
  /**
   * No sends until lifted: Teams refused to deliver (403: the bot was removed or blocked; `alerts on`
   * lifts it), or whoever turned alerts on is no longer an admin (`owner`; lifted when they are again).
   */
  suspended?: { at: string; reason: string; kind?: 'owner' };
}

/** As stored: anything may be there. */
type StoredSubscriptions = Record<string, unknown>;

const KEY = 'alerts/subscriptions';

/** The id `alerts list all` shows and `alerts off <id>` takes: not the conversation id, which is long and says too much. */
export function subscriptionId(conversationId: string): string {
  return conversationKey(conversationId).slice(0, 12);
}

function asRecord(raw: unknown): StoredSubscriptions {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as StoredSubscriptions) : {};
}

const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** A stored subscription read back, or null when it is damaged. */
export function normaliseSubscription(key: string, raw: unknown): Subscription | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const s = raw as Record<string, any>;
  if (s.conversationId !== key || typeof s.conversationType !== 'string' || typeof s.since !== 'string') return null;
  const by = s.by;
  if (typeof by !== 'object' || by === null || typeof by.aadObjectId !== 'string' || (by.name !== undefined && typeof by.name !== 'string'))
    return null;
  const sub: Subscription = {
    conversationId: key,
    conversationType: s.conversationType,
    settings: normaliseSettings(s.settings),
    since: s.since,
    by: { aadObjectId: by.aadObjectId.toLowerCase(), name: typeof by.name === 'string' ? by.name.slice(0, 200) : '' },
  };
  if (s.suspended !== undefined) {
    const susp = s.suspended;
    if (typeof susp !== 'object' || susp === null || !isDate(susp.at) || typeof susp.reason !== 'string') return null;
    sub.suspended = { at: susp.at, reason: susp.reason.slice(0, 500), ...(susp.kind === 'owner' ? { kind: 'owner' as const } : {}) };
  }
  return sub;
}

export class SubscriptionStore {
  private readonly reported = new Set<string>();

  constructor(
    private readonly store: StateStore,
    private readonly log?: Logger,
  ) {}

  private valid(raw: unknown): Map<string, Subscription> {
    const out = new Map<string, Subscription>();
    if (raw !== undefined && asRecord(raw) !== raw) this.report('(the whole list)');
    for (const [key, entry] of Object.entries(asRecord(raw))) {
      const s = normaliseSubscription(key, entry);
      if (s) out.set(key, s);
      else this.report(key);
    }
    return out;
  }

  private report(key: string): void {
    if (this.reported.has(key)) return;
    if (this.reported.size > 10_000) this.reported.clear();
    this.reported.add(key);
    this.log?.warn('stored alert subscription skipped: it is damaged', { key: subscriptionId(key) });
  }

  private async read(): Promise<Map<string, Subscription>> {
    return this.valid((await this.store.read<unknown>(KEY))?.value);
  }

  async all(): Promise<Subscription[]> {
    return [...(await this.read()).values()];
  }

  async get(conversationId: string): Promise<Subscription | undefined> {
    return (await this.read()).get(conversationId);
  }

  /** Read-modify-write over the readable entries; damaged ones are written back as they were. */
  private async change(fn: (valid: Map<string, Subscription>) => Record<string, Subscription | null> | undefined): Promise<void> {
    await update<StoredSubscriptions>(this.store, KEY, (raw) => {
      const changes = fn(this.valid(raw));
      if (!changes || Object.keys(changes).length === 0) return undefined;
      const next: StoredSubscriptions = { ...asRecord(raw) };
      for (const [id, s] of Object.entries(changes)) {
        if (s) next[id] = s;
        else delete next[id];
      }
      return next;
    });
  }

  /** Subscribes (or changes the settings of) a conversation; lifts a suspension. */
  async subscribe(fields: Omit<Subscription, 'suspended'>): Promise<Subscription> {
    await this.change(() => ({ [fields.conversationId]: { ...fields } }));
    return fields;
  }

  /** True when the conversation was subscribed. */
  async unsubscribe(conversationId: string): Promise<boolean> {
    return (await this.removeWhere((s) => s.conversationId === conversationId)).length > 0;
  }

  /** Removes the subscriptions `pick` chooses, in any conversation (an admin's `alerts off <id>`). */
  async removeWhere(pick: (s: Subscription) => boolean): Promise<Subscription[]> {
    let removed: Subscription[] = [];
    await this.change((valid) => {
      removed = [...valid.values()].filter(pick);
      return Object.fromEntries(removed.map((s) => [s.conversationId, null]));
    });
    return removed;
  }

  async suspend(conversationId: string, reason: string, at: Date, kind?: 'owner'): Promise<void> {
    await this.change((valid) => {
      const s = valid.get(conversationId);
      if (!s || (s.suspended && (s.suspended.kind === kind || s.suspended.kind === 'owner'))) return undefined;
      return { [conversationId]: { ...s, suspended: { at: at.toISOString(), reason, ...(kind ? { kind } : {}) } } };
    });
  }

  /** Whoever turned alerts on here is an admin again. */
  async resumeOwner(conversationId: string): Promise<void> {
    await this.change((valid) => {
      const s = valid.get(conversationId);
      if (!s || s.suspended?.kind !== 'owner') return undefined;
      const next = { ...s };
      delete next.suspended;
      return { [conversationId]: next };
    });
  }
}
