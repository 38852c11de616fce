// One check cycle at a time across every bot instance sharing the storage: a blob lease on
// locks/alert-cycle, renewed while the cycle runs. The instance that cannot get it skips the cycle.
// Also the "create only if absent" write the ledger needs, which BlobsStorage does not offer.
import { ContainerClient, RestError } from '@azure/storage-blob';
import type { TokenCredential } from '@azure/identity';
import type { BotConfig } from '../config';
import type { Logger } from '../log';
import type { CreateIfAbsent } from './ledger';

export interface LeaseHold {
  /** True once a renewal failed: another instance may hold it now, so stop starting new work. */
  readonly lost: boolean;
  release(): Promise<void>;
}

export interface CycleLock {
  /** The lease, or null when another instance holds it. */
  acquire(): Promise<LeaseHold | null>;
}

/** The bot's state container, for what BlobsStorage cannot do (leases, conditional creates). */
export function stateContainer(config: BotConfig, credential: TokenCredential): ContainerClient {
  const { accountUrl, connectionString, container } = config.storage;
  return connectionString
    ? new ContainerClient(connectionString, container)
    : new ContainerClient(`${(accountUrl ?? '').replace(/\/+$/, '')}/${container}`, credential);
}

function statusOf(err: unknown): number | undefined {
  return err instanceof RestError ? err.statusCode : (err as { statusCode?: number })?.statusCode;
}

/** BlobsStorage's blob naming (botbuilder-azure-blobs sanitizeBlobKey), so StateStore reads what this writes. */
function blobNameOf(key: string): string {
  return encodeURIComponent(key.split('/').filter(Boolean).join('/')).slice(0, 1024);
}

export function blobCreateIfAbsent(container: ContainerClient): CreateIfAbsent {
  let ready: Promise<unknown> | undefined;
  return async (key, value) => {
    ready ??= container.createIfNotExists().catch((err) => {
      ready = undefined;
      throw err;
    });
    await ready;
    // BlobsStorage stores an item as JSON without its eTag: { value } for what StateStore writes.
    const body = JSON.stringify({ value });
    try {
      await container.getBlockBlobClient(blobNameOf(key)).upload(body, Buffer.byteLength(body), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return true;
    } catch (err) {
      if (statusOf(err) === 409 || statusOf(err) === 412) return false;
      throw err;
    }
  };
}

export class BlobCycleLock implements CycleLock {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly container: ContainerClient,
    private readonly options: { blob?: string; seconds?: number; log?: Logger } = {},
  ) {}

  private blob() {
    return this.container.getBlockBlobClient(this.options.blob ?? 'locks/alert-cycle');
  }

  private async ensureBlob(): Promise<void> {
    this.ready ??= (async () => {
      await this.container.createIfNotExists();
      try {
        await this.blob().upload('', 0, { conditions: { ifNoneMatch: '*' } });
      } catch (err) {
        // 409: it exists (and may be leased right now); either way there is a blob to lease.
        if (statusOf(err) !== 409 && statusOf(err) !== 412) throw err;
      }
    })().catch((err) => {
      this.ready = undefined;
      throw err;
    });
    await this.ready;
  }

  async acquire(): Promise<LeaseHold | null> {
    await this.ensureBlob();
    const seconds = this.options.seconds ?? 30;
    const lease = this.blob().getBlobLeaseClient();
    try {
      await lease.acquireLease(seconds);
    } catch (err) {
      if (statusOf(err) === 409) return null;
      throw err;
    }
    let lost = false;
    let renewing: Promise<unknown> = Promise.resolve();
    const timer = setInterval(
      () => {
        renewing = lease.renewLease().catch((err) => {
          lost = true;
          this.options.log?.warn('alert cycle lease lost', { err: err as Error });
        });
      },
      (seconds * 1000) / 3,
    );
    timer.unref();
    return {
      get lost() {
        return lost;
      },
      release: async () => {
        clearInterval(timer);
        await renewing;
        if (lost) return;
        await lease
          .releaseLease()
          .catch((err) => this.options.log?.warn('alert cycle lease not released; it expires by itself', { err: err as Error }));
      },
    };
  }
}
