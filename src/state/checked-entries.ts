// One blob of keyed entries (all schedules, all alert subscriptions) read as storage is: untrusted.
// Each entry is checked on its own when read; a damaged one (null, wrong types) is skipped and
// reported once per process, never stops the others, and is written back exactly as it was, so
// someone can look at it. Changes are read-modify-writes of the whole blob (state/store.ts update).
import { update, type StateStore } from './store';

/** As stored: anything may be there. */
type StoredEntries = Record<string, unknown>;

export function asRecord(raw: unknown): Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

export class CheckedEntries<T> {
  private readonly reported = new Set<string>();

  constructor(
    private readonly store: StateStore,
    private readonly key: string,
    /** The entry under `key`, checked, or null when it is damaged. */
    private readonly normalise: (key: string, raw: unknown) => T | null,
    /** Told once per damaged entry (the whole blob: '(the whole list)'). */
    private readonly damaged: (key: string) => void,
  ) {}

  private valid(raw: unknown): Map<string, T> {
    const out = new Map<string, T>();
    if (raw !== undefined && asRecord(raw) !== raw) this.report('(the whole list)');
    for (const [key, entry] of Object.entries(asRecord(raw))) {
      const value = this.normalise(key, entry);
      if (value) out.set(key, value);
      else this.report(key);
    }
    return out;
  }

  private report(key: string): void {
    if (this.reported.has(key)) return;
    if (this.reported.size > 10_000) this.reported.clear();
    this.reported.add(key);
    this.damaged(key);
  }

  async read(): Promise<Map<string, T>> {
    return this.valid((await this.store.read<unknown>(this.key))?.value);
  }

  /**
   * Read-modify-write over the readable entries: `fn` returns the entries to set (null: delete),
   * or nothing to write nothing. Damaged entries are written back as they were.
   */
  async change(fn: (valid: Map<string, T>) => Record<string, T | null> | undefined): Promise<void> {
    await update<StoredEntries>(this.store, this.key, (raw) => {
      const changes = fn(this.valid(raw));
      if (!changes || Object.keys(changes).length === 0) return undefined;
      const next: StoredEntries = { ...asRecord(raw) };
      for (const [k, v] of Object.entries(changes)) {
        if (v) next[k] = v;
        else delete next[k];
      }
      return next;
    });
  }
}
