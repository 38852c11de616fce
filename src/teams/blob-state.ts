// StateStore on botbuilder's Blob Storage (botbuilder-azure-blobs): the managed identity with
// STORAGE_ACCOUNT_URL in production, a connection string for Azurite in the demo and the tests.
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { TokenCredential } from '@azure/identity';
import type { BotConfig } from '../config';
import { blobCreateIfAbsent, stateContainer } from '../state/lease';
import { StateConflictError, StateStore, Stored } from '../state/store';

export function createBlobState(config: BotConfig, credential: TokenCredential): StateStore {
  const { accountUrl, connectionString, container } = config.storage;
  const storage = connectionString
    ? new BlobsStorage(connectionString, container)
    : new BlobsStorage('', container, undefined, `${(accountUrl ?? '').replace(/\/+$/, '')}/${container}`, credential as any);
  // BlobsStorage writes eTag "*" as an unconditional overwrite; a first write must be a create.
  const createIfAbsent = blobCreateIfAbsent(stateContainer(config, credential));
  return {
    async read<T>(key: string): Promise<Stored<T> | undefined> {
      const items = await storage.read([key]);
      const item = items[key];
      if (!item) return undefined;
      const { eTag, ...rest } = item as { eTag: string; value: T };
      return { value: rest.value, eTag };
    },
    async write<T>(key: string, value: T, eTag?: string): Promise<void> {
      try {
        await storage.write({ [key]: { value, eTag: eTag ?? '*' } });
      } catch (err) {
        if (err instanceof Error && /eTag conflict/i.test(err.message)) throw new StateConflictError(key);
        throw err;
      }
    },
    create: (key, value) => createIfAbsent(key, value),
    async delete(key: string): Promise<void> {
      await storage.delete([key]);
    },
  };
}
