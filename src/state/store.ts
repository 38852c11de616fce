// The bot's state as its modules see it: JSON values under keys, with eTags so that two writers
// (two bot instances, two clicks) cannot silently overwrite each other. teams/ backs it with
// botbuilder's Blob Storage; nothing here knows about botbuilder.

export interface Stored<T> {
  value: T;
  eTag: string;
}

export class StateConflictError extends Error {
  constructor(key: string) {
    super(`"${key}" was changed by someone else meanwhile`);
    this.name = 'StateConflictError';
  }
}

export interface StateStore {
  read<T>(key: string): Promise<Stored<T> | undefined>;
  /** With `eTag`, only if the stored item still has it (else StateConflictError); without, overwrite. */
  write<T>(key: string, value: T, eTag?: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Read-modify-write that retries when another writer got there first. */
export async function update<T>(store: StateStore, key: string, change: (current: T | undefined) => T, attempts = 5): Promise<T> {
  for (let i = 0; ; i++) {
    const current = await store.read<T>(key);
    const next = change(current?.value);
    try {
      await store.write(key, next, current?.eTag ?? undefined);
      return next;
    } catch (err) {
      if (!(err instanceof StateConflictError) || i + 1 >= attempts) throw err;
    }
  }
}
