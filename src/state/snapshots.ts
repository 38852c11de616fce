// A report's rows kept for its buttons: paging, sorting, filtering, details and export are answered
// from here, with no call to the tenant. Snapshots live in Blob Storage (any bot instance can answer
// a click) with a small in-process cache in front, because clicks come in bursts on the same report.
import { randomBytes } from 'node:crypto';
import type { StateStore } from './store';

export type SnapshotKind = 'mailboxes' | 'shared' | 'licenses' | 'archives';

export interface Snapshot<T = unknown> {
  id: string;
  kind: SnapshotKind;
  conversationId: string;
  /** Other conversations it was posted to (a scheduled report made once for several of them). */
  conversationIds?: string[];
  createdAt: string;
  expiresAt: string;
  /** The chat command that produced it: what Refresh runs again. */
  commandText: string;
  complete: boolean;
  data: T;
}

export type SnapshotLookup<T> =
  { ok: true; snapshot: Snapshot<T> } | { ok: false; reason: 'missing' | 'expired' | 'foreign' | 'malformed'; commandText?: string };

const ID = /^[0-9a-f]{32}$/;
export const DEFAULT_SNAPSHOT_TTL_MS = 24 * 60 * 60 * 1000;

export function isSnapshotId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

export class SnapshotStore {
  private readonly cache = new Map<string, Snapshot>();

  constructor(
    private readonly store: StateStore,
    private readonly options: { ttlMs?: number; cacheEntries?: number; now?: () => Date } = {},
  ) {}

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }

  async save<T>(fields: Omit<Snapshot<T>, 'id' | 'createdAt' | 'expiresAt'>): Promise<Snapshot<T>> {
    const now = this.now();
    const snapshot: Snapshot<T> = {
      ...fields,
      // 128 random bits: a snapshot id in a button (or an export link) cannot be guessed.
      id: randomBytes(16).toString('hex'),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + (this.options.ttlMs ?? DEFAULT_SNAPSHOT_TTL_MS)).toISOString(),
    };
    await this.store.write(key(snapshot.id), snapshot);
    this.remember(snapshot);
    return snapshot;
  }

  /** The snapshot, if it exists, has not expired and (when given) belongs to this conversation. */
  async load<T>(id: unknown, conversationId?: string): Promise<SnapshotLookup<T>> {
    if (!isSnapshotId(id)) return { ok: false, reason: 'malformed' };
    let snapshot = this.cache.get(id) as Snapshot<T> | undefined;
    if (!snapshot) {
      snapshot = (await this.store.read<Snapshot<T>>(key(id)))?.value;
      if (snapshot) this.remember(snapshot);
    }
    if (!snapshot) return { ok: false, reason: 'missing' };
    if (conversationId !== undefined && snapshot.conversationId !== conversationId && !snapshot.conversationIds?.includes(conversationId))
      return { ok: false, reason: 'foreign' };
    if (Date.parse(snapshot.expiresAt) <= this.now().getTime()) return { ok: false, reason: 'expired', commandText: snapshot.commandText };
    return { ok: true, snapshot };
  }

  private remember(snapshot: Snapshot): void {
    this.cache.delete(snapshot.id);
    this.cache.set(snapshot.id, snapshot);
    const max = this.options.cacheEntries ?? 8;
    while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value as string);
  }
}

function key(id: string): string {
  return `snapshots/${id}`;
}
