// Which conversations get alerts, with their settings. One blob holds them all (a thousand
// subscriptions are a few hundred KB), changed by read-modify-write with its eTag, so a subscribe in
// one bot instance and a suspension in another cannot undo each other.
import type { AlertSettings } from '../reports/alerts/settings';
import { normaliseSettings } from '../reports/alerts/settings';
import { update, type StateStore } from './store';

export interface Subscription {
  conversationId: string;
  conversationType: string;
  settings: AlertSettings;
  since: string;
  by: { aadObjectId: string; name: string };
  /** Teams refused to deliver (403: the bot was removed or blocked): no sends until `alerts on` again. */
  suspended?: { at: string; reason: string };
}

type Subscriptions = Record<string, Subscription>;

const KEY = 'alerts/subscriptions';

export class SubscriptionStore {
  constructor(private readonly store: StateStore) {}

  async all(): Promise<Subscription[]> {
    const stored = (await this.store.read<Subscriptions>(KEY))?.value ?? {};
    return Object.values(stored).map((s) => ({ ...s, settings: normaliseSettings(s.settings) }));
  }

  async get(conversationId: string): Promise<Subscription | undefined> {
    const s = (await this.store.read<Subscriptions>(KEY))?.value?.[conversationId];
    return s ? { ...s, settings: normaliseSettings(s.settings) } : undefined;
  }

  /** Subscribes (or changes the settings of) a conversation; lifts a suspension. */
  async subscribe(fields: Omit<Subscription, 'suspended'>): Promise<Subscription> {
    await update<Subscriptions>(this.store, KEY, (all = {}) => ({ ...all, [fields.conversationId]: { ...fields } }));
    return fields;
  }

  /** True when the conversation was subscribed. */
  async unsubscribe(conversationId: string): Promise<boolean> {
    let had = false;
    await update<Subscriptions>(this.store, KEY, (all = {}) => {
      had = conversationId in all;
      const next = { ...all };
      delete next[conversationId];
      return next;
    });
    return had;
  }

  async suspend(conversationId: string, reason: string, at: Date): Promise<void> {
    await update<Subscriptions>(this.store, KEY, (all = {}) => {
      const s = all[conversationId];
      if (!s) return all;
      return { ...all, [conversationId]: { ...s, suspended: { at: at.toISOString(), reason } } };
    });
  }
}
