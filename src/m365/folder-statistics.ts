// A mailbox's largest folders: Get-MailboxFolderStatistics (Microsoft Learn: "information about the
// folders in a specified mailbox, including the number and size of items in the folder"), every
// folder one record, paged; `-Archive` for the archive's folders. Only the fields read are asked for
// ($select), and only the largest are kept while the pages stream, so a mailbox of 5,000 folders
// never holds more than the top N. Field names as public scripts read them: Name, FolderPath,
// FolderType, ItemsInFolder, FolderSize ("1.5 MB (1,572,864 bytes)").
import type { ExchangeClient } from './exchange-client';
import { parseExchangeSize } from './exchange-sizes';
import type { MailboxFolder } from '../model/tenant';

export const FOLDER_PROPERTIES = ['Name', 'FolderPath', 'FolderType', 'ItemsInFolder', 'FolderSize'] as const;

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
  let total = 0;
  const parameters = options.archive ? { Identity: identity, Archive: true } : { Identity: identity };
  for await (const page of exchange.invokeCommand('Get-MailboxFolderStatistics', parameters, {
    signal: options.signal,
    select: FOLDER_PROPERTIES,
  })) {
    for (const r of page) {
      total++;
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
      if (kept.length < top || folder.sizeBytes > kept[kept.length - 1].sizeBytes) {
        kept.push(folder);
        kept.sort((a, b) => b.sizeBytes - a.sizeBytes);
        if (kept.length > top) kept.pop();
      }
    }
  }
  return { folders: kept, total };
}
