// The alert ledger: per conversation, every finding sent there and what became of it (sent when,
// acknowledged, snoozed, resolved). One blob per conversation, created only if absent and changed
// only with its eTag, so two bot instances can never both claim the same alert.
import type { Ledger, LedgerEntry } from '../alerts/ledger-plan';
import { conversationKey } from './conversations';
import { StateConflictError, type StateStore } from './store';

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
      if (found) return { ledger: found.value ?? {}, eTag: found.eTag };
      // An empty ledger made with "if none match": an overwrite could wipe another instance's claim.
      await this.createIfAbsent(k, {});
    }
    throw new Error(`The alert ledger of a conversation could not be created (${k}).`);
  }

  /** Throws StateConflictError when someone else wrote the ledger since `eTag`. */
  async write(conversationId: string, ledger: Ledger, eTag: string): Promise<void> {
    await this.store.write(key(conversationId), ledger, eTag);
  }

  /** Read-modify-write of one entry; `change` returns undefined to leave the ledger as it is. */
  async changeEntry(
    conversationId: string,
    findingKey: string,
    change: (entry: LedgerEntry | undefined) => LedgerEntry | undefined,
  ): Promise<LedgerEntry | undefined> {
    for (let attempt = 0; ; attempt++) {
      const { ledger, eTag } = await this.read(conversationId);
      const next = change(ledger[findingKey]);
      if (!next) return undefined;
      try {
        await this.write(conversationId, { ...ledger, [findingKey]: next }, eTag);
        return next;
      } catch (err) {
        if (!(err instanceof StateConflictError) || attempt >= 4) throw err;
      }
    }
  }

  async remove(conversationId: string): Promise<void> {
    await this.store.delete(key(conversationId));
  }
}

function key(conversationId: string): string {
  return `alerts/ledger/${conversationKey(conversationId)}`;
}
