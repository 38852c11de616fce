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
  /**
   * Writes only if nothing is stored under `key` yet (`If-None-Match: *`); false when something
   * already was. A store without it (unit tests' memory stores) overwrites on a first write.
   */
  create?<T>(key: string, value: T): Promise<boolean>;
  delete(key: string): Promise<void>;
}

/**
 * How long a read-modify-write keeps trying after other writers got there first. Each conflict
 * means another writer succeeded, so N writers at once all succeed within N rounds; the jitter
 * keeps them from colliding in lockstep. Ten seconds of rounds covers 25 admins adding schedules in
 * one chat at once (a hundred rounds or more on Azurite), far past what a real tenant sees.
 */
export const WRITE_BUDGET_MS = 10_000;
/** The most rounds, whatever the clock says. */
export const WRITE_ATTEMPTS = 200;

/** 1–~100 ms, growing with the round: full jitter (every writer picks anew). */
function backoffMs(attempt: number): number {
  return Math.round(Math.random() * Math.min(100, 5 * 2 ** Math.min(attempt, 5))) + 1;
}

export interface ReadModifyWrite<T> {
  /** The current value and its eTag (no eTag: nothing stored yet, the write creates it). */
  read(): Promise<{ value: T; eTag?: string }>;
  /**
   * Writes only if the item still has `eTag` (none: only if it still does not exist), else throws
   * StateConflictError.
   */
  write(value: T, eTag: string | undefined): Promise<void>;
  /** The new value from the current one; undefined leaves the item as it is. Called again after a conflict. */
  change(current: T): T | undefined;
}

/**
 * The one read-modify-write loop of the bot's state: read with the eTag, change, write only if
 * nobody wrote meanwhile, otherwise read again (after a jittered pause) and apply the change to what
 * the other writer left. A change that leaves the value as it was writes nothing. Returns the value
 * written, or undefined when nothing was written.
 */
export async function readModifyWrite<T>(rmw: ReadModifyWrite<T>): Promise<T | undefined> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const current = await rmw.read();
    const next = rmw.change(current.value);
    if (next === undefined || next === current.value || (current.eTag !== undefined && sameJson(next, current.value))) return undefined;
    try {
      await rmw.write(next, current.eTag);
      return next;
    } catch (err) {
      if (!(err instanceof StateConflictError) || attempt >= WRITE_ATTEMPTS || Date.now() - started > WRITE_BUDGET_MS) throw err;
      await new Promise((r) => setTimeout(r, backoffMs(attempt)));
    }
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/**
 * Read-modify-write of one key of the store. A first write creates the item only if it is still
 * absent, so two first writers cannot both win. `change` returns undefined (or what it was given)
 * to write nothing; the result is then the stored value as read.
 */
export async function update<T>(store: StateStore, key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
  return updateItem<T>(
    () => store.read<T>(key),
    async (value, eTag) => {
      if (eTag !== undefined) return store.write(key, value, eTag);
      if (!store.create) return store.write(key, value);
      if (!(await store.create(key, value))) throw new StateConflictError(key);
    },
    change,
  );
}

/**
 * `readModifyWrite` of an item that may not exist yet, wherever it is stored: `write` throws
 * StateConflictError when the eTag no longer matches (none: when the item exists meanwhile). Returns
 * the value written, or the value as last read when nothing was.
 */
export async function updateItem<T>(
  read: () => Promise<{ value: T; eTag?: string } | undefined>,
  write: (value: T | undefined, eTag: string | undefined) => Promise<void>,
  change: (current: T | undefined) => T | undefined,
): Promise<T | undefined> {
  let seen: T | undefined;
  const written = await readModifyWrite<T | undefined>({
    read: async () => {
      const found = await read();
      seen = found?.value;
      return { value: found?.value, eTag: found?.eTag };
    },
    write,
    change,
  });
  return written ?? seen;
}
