// A mailbox's largest folders: Get-MailboxFolderStatistics (Microsoft Learn: "information about the
// folders in a specified mailbox, including the number and size of items in the folder"), every
// folder one record, read in windows side by side; `-Archive` for the archive's folders. Only the
// fields read are asked for ($select), and only the largest are kept as the windows come in, so a
// mailbox of 5,000 folders never holds more than the top N. Field names as public scripts read them: Name, FolderPath,
// FolderType, ItemsInFolder, FolderSize ("1.5 MB (1,572,864 bytes)").
import type { ExchangeClient } from './exchange-client';
import { parseExchangeSize } from './exchange-sizes';
import type { MailboxFolder } from '../model/tenant';

export const FOLDER_PROPERTIES = ['Name', 'FolderPath', 'FolderType', 'ItemsInFolder', 'FolderSize'] as const;

/**
 * Folders per cmdlet: the module's largest page (DefaultPageSize = 1000, `Prefer:
 * odata.maxpagesize` = min(ResultSize, 1000)), so each window is one answer with no next link.
 */
export const FOLDER_WINDOW = 1000;
/**
 * Windows read at once. Following @odata.nextLink reads a mailbox of 5,000 folders one page after
 * another; windows of -ResultSize/-SkipCount (the parameters Microsoft's CSS-Exchange
 * Get-LargeMailboxFolderStatistics.ps1 pages large mailboxes with) can be asked for side by side.
 * Three is the tenant's whole default budget (adaptive-concurrency.ts), which the pipeline's limit
 * enforces anyway; a mailbox of fewer than 1,000 folders costs two empty windows more.
 */
export const FOLDER_WINDOWS_IN_FLIGHT = 3;

export interface LargestFolders {
  folders: MailboxFolder[];
  /** Folders read in all. */
  total: number;
}

export async function readLargestFolders(
  exchange: ExchangeClient,
  identity: string,
  options: { archive?: boolean; top?: number; signal?: AbortSignal } = {},
): Promise<LargestFolders> {
  const top = options.top ?? 10;
  const kept: MailboxFolder[] = [];
  const seen = new Set<string>();
  let total = 0;
  const keep = (r: Record<string, unknown>): void => {
    const type = typeof r.FolderType === 'string' ? r.FolderType : '';
    const folder: MailboxFolder = {
      name: typeof r.Name === 'string' ? r.Name : '',
      path: typeof r.FolderPath === 'string' ? r.FolderPath : '',
      folderType: type,
      items: typeof r.ItemsInFolder === 'number' ? r.ItemsInFolder : Number(r.ItemsInFolder) || 0,
      sizeBytes: parseExchangeSize(r.FolderSize as string | null) ?? 0,
      archive: options.archive === true,
      recoverableItems: type.startsWith('RecoverableItems'),
    };
    // A folder made between two windows shifts the rest by one: count and rank each path once.
    if (folder.path && seen.has(folder.path)) return;
    if (folder.path) seen.add(folder.path);
    total++;
    if (kept.length < top || folder.sizeBytes > kept[kept.length - 1].sizeBytes) {
      kept.push(folder);
      kept.sort((a, b) => b.sizeBytes - a.sizeBytes);
      if (kept.length > top) kept.pop();
    }
  };
  const base = options.archive ? { Identity: identity, Archive: true } : { Identity: identity };
  const readWindow = (n: number) =>
    exchange.invokeCommandAll(
      'Get-MailboxFolderStatistics',
      { ...base, ResultSize: FOLDER_WINDOW, SkipCount: n * FOLDER_WINDOW },
      { signal: options.signal, select: FOLDER_PROPERTIES },
    );
  // Windows go out in order, FOLDER_WINDOWS_IN_FLIGHT at a time, until one comes back short: the
  // folders ran out there, and later windows are empty.
  let next = 0;
  let end = Infinity;
  const worker = async (): Promise<void> => {
    while (next < end) {
      const n = next++;
      let records: Record<string, unknown>[];
      try {
        records = await readWindow(n);
      } catch (err) {
        end = 0;
        throw err;
      }
      for (const r of records) keep(r);
      if (records.length < FOLDER_WINDOW) end = Math.min(end, n + 1);
    }
  };
  await Promise.all(Array.from({ length: FOLDER_WINDOWS_IN_FLIGHT }, worker));
  return { folders: kept, total };
}
