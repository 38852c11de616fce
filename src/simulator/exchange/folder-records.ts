// A mailbox's folder tree as Get-MailboxFolderStatistics reports it: the well-known folders, the
// user's own folders under the Inbox (the fixture's `folderCount`), and the Recoverable Items folders
// (FolderType RecoverableItemsRoot, …Deletions, …Purges, …Versions, …DiscoveryHolds). The mailbox's
// items and size are shared out over its folders by a stable hash, so every answer is the same and
// the folders add up to Get-MailboxStatistics' TotalItemSize; Recoverable Items add up to
// TotalDeletedItemSize. Record fields: Name, FolderPath, FolderType, ItemsInFolder, FolderSize,
// ItemsInFolderAndSubfolders, FolderAndSubfolderSize (the names public scripts read).
import { createHash } from 'node:crypto';
import type { MailboxUser, TenantState } from '../tenant-state';
import { formatByteSize } from './byte-size';

export interface SimFolder {
  name: string;
  path: string;
  type: string;
  items: number;
  bytes: number;
  /** Items and bytes with every subfolder. */
  allItems: number;
  allBytes: number;
}

/** ElcFolderType values FolderScope accepts (Microsoft Learn, Get-MailboxFolderStatistics), lower case. */
export const FOLDER_SCOPES = new Set(
  [
    'All',
    'Archive',
    'Calendar',
    'Clutter',
    'Contacts',
    'ConversationHistory',
    'DeletedItems',
    'Drafts',
    'Inbox',
    'JunkEmail',
    'Journal',
    'LegacyArchiveJournals',
    'ManagedCustomFolder',
    'NonIpmRoot',
    'Notes',
    'Outbox',
    'Personal',
    'RecoverableItems',
    'RssSubscriptions',
    'SentItems',
    'SyncIssues',
    'Tasks',
  ].map((s) => s.toLowerCase()),
);

const DEFAULT_USER_FOLDERS = 12;
/** Name, FolderType, and how much of a mailbox such a folder tends to hold against a user folder (1). */
const WELL_KNOWN: [string, string, number][] = [
  ['Inbox', 'Inbox', 6],
  ['Sent Items', 'SentItems', 4],
  ['Deleted Items', 'DeletedItems', 2],
  ['Drafts', 'Drafts', 0.05],
  ['Junk Email', 'JunkEmail', 0.3],
  ['Archive', 'Archive', 2],
  ['Calendar', 'Calendar', 0.5],
  ['Contacts', 'Contacts', 0.05],
  ['Conversation History', 'ConversationHistory', 0.1],
  ['Notes', 'Notes', 0.01],
  ['Tasks', 'Tasks', 0.01],
  ['Outbox', 'Outbox', 0.001],
];
const RECOVERABLE: [string, string][] = [
  ['Deletions', 'RecoverableItemsDeletions'],
  ['Purges', 'RecoverableItemsPurges'],
  ['Versions', 'RecoverableItemsVersions'],
  ['DiscoveryHolds', 'RecoverableItemsDiscoveryHolds'],
];

function weight(seed: string): number {
  // Long-tailed, so a few folders hold most of a mailbox, as they do.
  const u = createHash('sha1').update(seed).digest().readUInt32BE(0) / 2 ** 32;
  return Math.pow(u, 4) + 0.001;
}

/** Shares `total` out over `n` parts by weight, exactly. */
function share(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  const left = total - parts.reduce((a, b) => a + b, 0);
  if (parts.length) parts[weights.indexOf(Math.max(...weights))] += left;
  return parts;
}

const cache = new WeakMap<object, Map<string, SimFolder[]>>();

export function folderTree(state: TenantState, user: MailboxUser, archive: boolean): SimFolder[] {
  const m = user.mailbox;
  const source = archive ? (m.archive ?? { itemCount: 0, totalItemSizeBytes: 0 }) : m;
  const key = `${state.version}|${archive}|${source.itemCount}|${source.totalItemSizeBytes}|${m.totalDeletedItemSizeBytes ?? 0}`;
  let byUser = cache.get(user);
  const hit = byUser?.get(key);
  if (hit) return hit;
  const userFolders = Math.max(0, Math.floor((m.folderCount ?? DEFAULT_USER_FOLDERS) / (archive ? 2 : 1)));
  const wellKnown = archive ? WELL_KNOWN.slice(0, 3) : WELL_KNOWN;
  const ipm: { name: string; path: string; type: string; scale: number }[] = [
    ...wellKnown.map(([name, type, scale]) => ({ name, path: `/${name}`, type, scale })),
    ...Array.from({ length: userFolders }, (_, i) => {
      const name = `Projects ${String(i + 1).padStart(4, '0')}`;
      return { name, path: `/Inbox/${name}`, type: 'User Created', scale: 1 };
    }),
  ];
  const seed = `${user.id}|${archive ? 'archive' : 'primary'}`;
  const ipmWeights = ipm.map((f) => f.scale * (0.2 + weight(`${seed}|${f.path}`)));
  const ipmBytes = share(source.totalItemSizeBytes, ipmWeights);
  const ipmItems = share(source.itemCount, ipmWeights);
  const deletedBytes = archive ? 0 : (m.totalDeletedItemSizeBytes ?? 0);
  const deletedItems = archive ? 0 : (m.deletedItemCount ?? 0);
  const riWeights = RECOVERABLE.map(([name]) => weight(`${seed}|ri|${name}`));
  const riBytes = share(deletedBytes, riWeights);
  const riItems = share(deletedItems, riWeights);
  const leaf = (name: string, path: string, type: string, items: number, bytes: number): SimFolder => ({
    name,
    path,
    type,
    items,
    bytes,
    allItems: items,
    allBytes: bytes,
  });
  const folders: SimFolder[] = [leaf('Top of Information Store', '/Top of Information Store', 'Root', 0, 0)];
  ipm.forEach((f, i) => folders.push(leaf(f.name, f.path, f.type, ipmItems[i], ipmBytes[i])));
  const inbox = folders.find((f) => f.path === '/Inbox')!;
  for (const f of folders) {
    if (!f.path.startsWith('/Inbox/')) continue;
    inbox.allItems += f.items;
    inbox.allBytes += f.bytes;
  }
  folders[0].allItems = source.itemCount;
  folders[0].allBytes = source.totalItemSizeBytes;
  const riRoot = leaf('Recoverable Items', '/Recoverable Items', 'RecoverableItemsRoot', 0, 0);
  riRoot.allItems = deletedItems;
  riRoot.allBytes = deletedBytes;
  folders.push(riRoot);
  RECOVERABLE.forEach(([name, type], i) => folders.push(leaf(name, `/${name}`, type, riItems[i], riBytes[i])));
  if (!byUser) cache.set(user, (byUser = new Map()));
  byUser.clear();
  byUser.set(key, folders);
  return folders;
}

export function folderInScope(f: SimFolder, scope: string): boolean {
  if (scope === 'all') return true;
  if (scope === 'recoverableitems') return f.type.startsWith('RecoverableItems');
  if (scope === 'personal') return f.type === 'User Created';
  if (scope === 'inbox') return f.path === '/Inbox' || f.path.startsWith('/Inbox/');
  return f.type.toLowerCase() === scope;
}

export function folderRecord(state: TenantState, user: MailboxUser, f: SimFolder, select?: Set<string>): Record<string, unknown> {
  const record: Record<string, unknown> = {
    Identity: `${user.id}\\${f.path.slice(1)}`,
    Name: f.name,
    FolderPath: f.path,
    FolderType: f.type,
    FolderId: state.guid(`folder:${user.id}:${f.path}`),
    ItemsInFolder: f.items,
    DeletedItemsInFolder: 0,
    FolderSize: formatByteSize(f.bytes),
    ItemsInFolderAndSubfolders: f.allItems,
    FolderAndSubfolderSize: formatByteSize(f.allBytes),
  };
  if (!select) return record;
  return Object.fromEntries(Object.entries(record).filter(([k]) => select.has(k.toLowerCase())));
}
