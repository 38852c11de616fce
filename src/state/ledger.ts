// The alert ledger: per conversation, every finding sent there and what became of it (sent when,
// acknowledged, snoozed, resolved). One blob per conversation, created only if absent and changed
// only with its eTag, so two bot instances can never both claim the same alert.
import type { Ledger, LedgerEntry } from '../reports/alerts/ledger-plan';
import { conversationKey } from './conversations';
import { readModifyWrite, type StateStore } from './store';

export interface LedgerRead {
  ledger: Ledger;
  eTag: string;
}

/** Writes `value` under `key` only if nothing is there yet; false when something already was. */
export type CreateIfAbsent = (key: string, value: unknown) => Promise<boolean>;

export class LedgerStore {
  constructor(
    private readonly store: StateStore,
    private readonly createIfAbsent: CreateIfAbsent,
  ) {}

  async read(conversationId: string): Promise<LedgerRead> {
    const k = key(conversationId);
    for (let i = 0; i < 3; i++) {
      const found = await this.store.read<Ledger>(k);
      if (found) return { ledger: validEntries(found.value), eTag: found.eTag };
      // An empty ledger made with "if none match": an overwrite could wipe another instance's claim.
      await this.createIfAbsent(k, {});
    }
    throw new Error(`The alert ledger of a conversation could not be created (${k}).`);
  }

  /** Throws StateConflictError when someone else wrote the ledger since `eTag`. */
  async write(conversationId: string, ledger: Ledger, eTag: string): Promise<void> {
    await this.store.write(key(conversationId), ledger, eTag);
  }

  /** Read-modify-write of the whole ledger; `change` returns undefined to leave it as it is. */
  async update(conversationId: string, change: (ledger: Ledger) => Ledger | undefined): Promise<Ledger | undefined> {
    return readModifyWrite<Ledger>({
      read: async () => {
        const { ledger, eTag } = await this.read(conversationId);
        return { value: ledger, eTag };
      },
      write: (ledger, eTag) => this.write(conversationId, ledger, eTag!),
      change,
    });
  }

  /** Read-modify-write of one entry; `change` returns undefined to leave the ledger as it is. */
  async changeEntry(
    conversationId: string,
    findingKey: string,
    change: (entry: LedgerEntry | undefined) => LedgerEntry | undefined,
  ): Promise<LedgerEntry | undefined> {
    let changed: LedgerEntry | undefined;
    await this.update(conversationId, (ledger) => {
      changed = change(ledger[findingKey]);
      return changed ? { ...ledger, [findingKey]: changed } : undefined;
    });
    return changed;
  }

  async remove(conversationId: string): Promise<void> {
    await this.store.delete(key(conversationId));
  }
}

/** Storage is not trusted: entries that are not objects are left out (and dropped at the next write). */
function validEntries(raw: unknown): Ledger {
  const out: Ledger = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [k, e] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof e === 'object' && e !== null && !Array.isArray(e)) out[k] = e as LedgerEntry;
  }
  return out;
}

function key(conversationId: string): string {
  return `alerts/ledger/${conversationKey(conversationId)}`;
}
