// Which conversations get alerts, with their settings. One blob holds them all (a thousand
// subscriptions are a few hundred KB), changed by read-modify-write with its eTag, so a subscribe in
// one bot instance and a suspension in another cannot undo each other. What is read back is checked
// entry by entry: one damaged entry is skipped (and logged once), never the end of every cycle.
import type { Logger } from '../log';
import type { AlertSettings } from '../reports/alerts/settings';
import { normaliseSettings } from '../reports/alerts/settings';
import { conversationKey } from './conversations';
import { CheckedEntries } from './checked-entries';
import type { StateStore } from './store';

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

const KEY = 'alerts/subscriptions';

/** The id `alerts list all` shows and `alerts off <id>` takes: not the conversation id, which is long and says too much. */
export function subscriptionId(conversationId: string): string {
  return conversationKey(conversationId).slice(0, 12);
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
  private readonly entries: CheckedEntries<Subscription>;

  constructor(store: StateStore, log?: Logger) {
    this.entries = new CheckedEntries(store, KEY, normaliseSubscription, (key) =>
      log?.warn('stored alert subscription skipped: it is damaged', { key: subscriptionId(key) }),
    );
  }

  async all(): Promise<Subscription[]> {
    return [...(await this.entries.read()).values()];
  }

  async get(conversationId: string): Promise<Subscription | undefined> {
    return (await this.entries.read()).get(conversationId);
  }

  /** Subscribes (or changes the settings of) a conversation; lifts a suspension. */
  async subscribe(fields: Omit<Subscription, 'suspended'>): Promise<Subscription> {
    await this.entries.change(() => ({ [fields.conversationId]: { ...fields } }));
    return fields;
  }

  /** True when the conversation was subscribed. */
  async unsubscribe(conversationId: string): Promise<boolean> {
    return (await this.removeWhere((s) => s.conversationId === conversationId)).length > 0;
  }

  /** Removes the subscriptions `pick` chooses, in any conversation (an admin's `alerts off <id>`). */
  async removeWhere(pick: (s: Subscription) => boolean): Promise<Subscription[]> {
    let removed: Subscription[] = [];
    await this.entries.change((valid) => {
      removed = [...valid.values()].filter(pick);
      return Object.fromEntries(removed.map((s) => [s.conversationId, null]));
    });
    return removed;
  }

  async suspend(conversationId: string, reason: string, at: Date, kind?: 'owner'): Promise<void> {
    await this.entries.change((valid) => {
      const s = valid.get(conversationId);
      if (!s || (s.suspended && (s.suspended.kind === kind || s.suspended.kind === 'owner'))) return undefined;
      return { [conversationId]: { ...s, suspended: { at: at.toISOString(), reason, ...(kind ? { kind } : {}) } } };
    });
  }

  /** Whoever turned alerts on here is an admin again. */
  async resumeOwner(conversationId: string): Promise<void> {
    await this.entries.change((valid) => {
      const s = valid.get(conversationId);
      if (!s || s.suspended?.kind !== 'owner') return undefined;
      const next = { ...s };
      delete next.suspended;
      return { [conversationId]: next };
    });
  }
}
