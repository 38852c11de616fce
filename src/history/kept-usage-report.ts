// The usage report's downloaded copy kept in Blob Storage (usage-reports/<tenant>/<downloadedAt>.json.gz),
// so a button on a report made from it works on any instance and after a restart. A copy is kept two
// days (a snapshot lives one); rows are stored as arrays (no repeated keys) and gzipped: about 4 MB at
// 100,000 mailboxes.
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { ContainerClient, RestError } from '@azure/storage-blob';
import type { MailboxUsage, UsageKeeper } from '../m365/mailbox-usage';
import type { MailboxUsageDetail } from '../model/tenant';

const KEEP_MS = 48 * 3_600_000;
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const FIELDS = [
  'reportRefreshDate',
  'userPrincipalName',
  'displayName',
  'isDeleted',
  'lastActivityDate',
  'itemCount',
  'storageUsedBytes',
  'issueWarningQuotaBytes',
  'prohibitSendQuotaBytes',
  'prohibitSendReceiveQuotaBytes',
  'deletedItemCount',
  'deletedItemSizeBytes',
  'hasArchive',
  'recipientType',
] as const satisfies readonly (keyof MailboxUsageDetail)[];

interface KeptCopy {
  v: 1;
  usage: Omit<MailboxUsage, 'rows'>;
  rows: unknown[][];
}

function statusOf(err: unknown): number | undefined {
  return err instanceof RestError ? err.statusCode : (err as { statusCode?: number })?.statusCode;
}

export class BlobUsageKeeper implements UsageKeeper {
  private ready: Promise<unknown> | undefined;

  constructor(
    private readonly container: ContainerClient,
    private readonly now: () => number = Date.now,
  ) {}

  private name(tenantId: string, downloadedAt: number): string {
    return `usage-reports/${encodeURIComponent(tenantId)}/${downloadedAt}.json.gz`;
  }

  async save(tenantId: string, usage: MailboxUsage): Promise<void> {
    this.ready ??= this.container.createIfNotExists().catch((err) => {
      this.ready = undefined;
      throw err;
    });
    await this.ready;
    const { rows, ...rest } = usage;
    const copy: KeptCopy = { v: 1, usage: rest, rows: rows.map((r) => FIELDS.map((f) => r[f] ?? null)) };
    const body = await gzipAsync(Buffer.from(JSON.stringify(copy)));
    await this.container.getBlockBlobClient(this.name(tenantId, usage.downloadedAt)).uploadData(body, {
      blobHTTPHeaders: { blobContentType: 'application/json', blobContentEncoding: 'gzip' },
    });
    // Older copies: no snapshot can still refer to them.
    const prefix = `usage-reports/${encodeURIComponent(tenantId)}/`;
    for await (const blob of this.container.listBlobsFlat({ prefix })) {
      const at = Number(blob.name.slice(prefix.length).replace(/\.json\.gz$/, ''));
      if (Number.isFinite(at) && at < this.now() - KEEP_MS) await this.container.deleteBlob(blob.name).catch(() => undefined);
    }
  }

  async load(tenantId: string, downloadedAt: number): Promise<MailboxUsage | undefined> {
    let raw: Buffer;
    try {
      raw = await this.container.getBlockBlobClient(this.name(tenantId, downloadedAt)).downloadToBuffer();
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
    const copy = JSON.parse((await gunzipAsync(raw)).toString('utf8')) as KeptCopy;
    if (copy.v !== 1) return undefined;
    const rows = copy.rows.map((cells) => {
      const row: Record<string, unknown> = {};
      FIELDS.forEach((f, i) => {
        if (cells[i] !== null || f !== 'recipientType') row[f] = cells[i];
      });
      return row as unknown as MailboxUsageDetail;
    });
    return { ...copy.usage, rows };
  }
}
