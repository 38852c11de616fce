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

/** How often a read-modify-write reads again after another writer got there first. */
export const WRITE_ATTEMPTS = 5;

export interface ReadModifyWrite<T> {
  /** The current value and its eTag (no eTag: nothing stored yet, the write creates it). */
  read(): Promise<{ value: T; eTag?: string }>;
  /** Writes only if the item still has `eTag`, else throws StateConflictError. */
  write(value: T, eTag: string | undefined): Promise<void>;
  /** The new value from the current one; undefined leaves the item as it is. Called again after a conflict. */
  change(current: T): T | undefined;
}

/**
 * The one read-modify-write loop of the bot's state: read with the eTag, change, write only if
 * nobody wrote meanwhile, otherwise read again and apply the change to what the other writer left.
 * Returns the value written, or undefined when `change` wanted no write.
 */
export async function readModifyWrite<T>(rmw: ReadModifyWrite<T>): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await rmw.read();
    const next = rmw.change(current.value);
    if (next === undefined) return undefined;
    try {
      await rmw.write(next, current.eTag);
      return next;
    } catch (err) {
      if (!(err instanceof StateConflictError) || attempt >= WRITE_ATTEMPTS) throw err;
    }
  }
}

/** Read-modify-write of one key of the store. */
export async function update<T>(store: StateStore, key: string, change: (current: T | undefined) => T): Promise<T> {
  const written = await readModifyWrite<T | undefined>({
    read: async () => {
      const found = await store.read<T>(key);
      return { value: found?.value, eTag: found?.eTag };
    },
    write: (value, eTag) => store.write(key, value, eTag),
    change,
  });
  return written as T;
}
