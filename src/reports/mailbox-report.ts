// The mailbox report that replaces the admins' Get-Mailbox | Get-MailboxStatistics runbook:
// which mailboxes match, in which order, and the totals above the table. Pure: `now` is passed in.
import type { MailboxStatistics, MailboxWithStatistics } from '../model/tenant';
import { daysSince } from './format';

export type MailboxTypeChoice = 'user' | 'shared' | 'room' | 'group' | 'all';
export type MailboxSort = 'items' | 'size' | 'activity' | 'quota' | 'growth' | 'name';

export interface MailboxQuery {
  type: MailboxTypeChoice;
  sort: MailboxSort;
  /** How many rows the admin asked for (1–1,000); a card may show fewer and says so. */
  top: number;
  /** Case-insensitive substring of display name, UPN or primary address. */
  filter?: string;
  /** Only mailboxes at or above this % of their prohibit send/receive quota. */
  minPercent?: number;
  /** Only mailboxes with no interaction for more than this many days (or never). */
  inactiveDays?: number;
}

/** 10 rows a page: see docs/architecture.md "Cards on every client" for why. */
export const DEFAULT_MAILBOX_QUERY: MailboxQuery = { type: 'user', sort: 'items', top: 10 };
export const MAILBOX_TYPES: readonly MailboxTypeChoice[] = ['user', 'shared', 'room', 'group', 'all'];
export const MAILBOX_SORTS: readonly MailboxSort[] = ['items', 'size', 'activity', 'quota', 'growth', 'name'];
export const MAX_TOP = 1000;

/** A mailbox's kind in the admin's words; 'room' and 'equipment' both answer to `mailboxes room`. */
export type MailboxKind = 'user' | 'shared' | 'room' | 'equipment' | 'group' | 'other';

/** Mailboxes at or above this share of their prohibit send/receive quota are "near quota". */
export const NEAR_QUOTA_PERCENT = 90;
/** Mailboxes with no interaction for more than this many days (or never) are "inactive". */
export const INACTIVE_DAYS = 90;

export interface MailboxRow {
  displayName: string;
  upn: string;
  address: string;
  userId: string;
  type: MailboxKind;
  /** null when the statistics are missing. */
  items: number | null;
  sizeBytes: number | null;
  /** ISO 8601; null = never (or statistics missing: see statisticsError). */
  lastInteraction: string | null;
  /** Prohibit send/receive quota; null = Unlimited. */
  quotaBytes: number | null;
  /** Size as a percentage (0–100+) of quotaBytes; null when unlimited or size unknown. */
  percentOfQuota: number | null;
  archive?: { sizeBytes: number | null; autoExpanding: boolean };
  hold: boolean;
  statisticsError?: string;
  /** 'usage': the figures are Microsoft 365's usage report (a day or two old); absent = live. */
  source?: 'usage' | 'live';
  /** Beside live figures: the usage report's, when it was joined (to mark a notable difference). */
  usage?: { items: number | null; sizeBytes: number | null };
  /** Known from the usage report only: no hold or archive details were read. */
  usageOnly?: boolean;
  /** Bytes a day from the stored history (about 30 days); absent: not read, null: too little history. */
  growthPerDay?: number | null;
}

export interface MailboxReportTotals {
  /** Over the matched mailboxes (type and filter applied). */
  mailboxes: number;
  items: number;
  bytes: number;
  nearQuota: number;
  /** No interaction for more than INACTIVE_DAYS days, or never; unknown statistics are not counted. */
  inactive: number;
  /** Over every mailbox in the tenant, whatever the query: the storage picture by kind. */
  storageByKind: Record<'user' | 'shared' | 'room' | 'other', number>;
}

export interface MailboxReport {
  query: MailboxQuery;
  /** ISO time the data describes. */
  asOf: string;
  /** The requested page of sorted rows: at most query.top. */
  rows: MailboxRow[];
  /** Index of rows[0] within the sorted matches (for "Next page"). */
  offset: number;
  matched: number;
  total: number;
  totals: MailboxReportTotals;
  /** How many matched mailboxes lack statistics (0 = complete). */
  partial: number;
  /** The matched mailboxes using the largest share of their quota, fullest first (at most FULLEST_COUNT). */
  fullest: MailboxRow[];
}

export const FULLEST_COUNT = 5;

export function mailboxKind(recipientTypeDetails: string): MailboxKind {
  switch (recipientTypeDetails) {
    case 'UserMailbox':
      return 'user';
    case 'SharedMailbox':
      return 'shared';
    case 'RoomMailbox':
      return 'room';
    case 'EquipmentMailbox':
      return 'equipment';
    case 'GroupMailbox':
      return 'group';
    default:
      return 'other';
  }
}

function kindMatches(kind: MailboxKind, type: MailboxTypeChoice): boolean {
  if (type === 'all') return true;
  if (type === 'room') return kind === 'room' || kind === 'equipment';
  return kind === type;
}

export function percentOf(sizeBytes: number | null, quotaBytes: number | null): number | null {
  if (sizeBytes === null || quotaBytes === null || quotaBytes <= 0) return null;
  return (sizeBytes / quotaBytes) * 100;
}

function toRow(m: MailboxWithStatistics): MailboxRow {
  const s: MailboxStatistics | null = m.statistics;
  const sizeBytes = s ? s.totalItemSizeBytes : null;
  const row: MailboxRow = {
    displayName: m.displayName,
    upn: m.userPrincipalName,
    address: m.primarySmtpAddress,
    userId: m.userId,
    type: mailboxKind(m.recipientTypeDetails),
    items: s ? s.itemCount : null,
    sizeBytes,
    lastInteraction: s ? s.lastInteractionTime : null,
    quotaBytes: m.prohibitSendReceiveQuotaBytes,
    percentOfQuota: percentOf(sizeBytes, m.prohibitSendReceiveQuotaBytes),
    hold: m.litigationHoldEnabled,
  };
  if (m.archiveStatus === 'Active') {
    row.archive = {
      sizeBytes: m.archiveStatistics ? m.archiveStatistics.totalItemSizeBytes : null,
      autoExpanding: m.autoExpandingArchiveEnabled,
    };
  }
  if (!s) row.statisticsError = m.statisticsError ?? 'Statistics were not returned.';
  if (m.statisticsSource === 'usage') row.source = 'usage';
  else if (m.statisticsSource === 'live' && m.usageStatistics !== undefined) {
    row.source = 'live';
    const u = m.usageStatistics;
    row.usage = { items: u ? u.itemCount : null, sizeBytes: u ? u.totalItemSizeBytes : null };
  }
  if (m.fromUsageOnly) row.usageOnly = true;
  if (m.growthPerDay !== undefined) row.growthPerDay = m.growthPerDay;
  return row;
}

/**
 * The sort key of one mailbox as a number, larger = earlier in the report; NaN = unknown, shown last.
 * `activity` puts the longest-idle first (never-used mailboxes before all others): the runbook is
 * run to find stale mailboxes, and "most recently active" is rarely what anyone asks for.
 */
function sortKey(m: MailboxWithStatistics, sort: MailboxSort): number {
  const s = m.statistics;
  if (!s) return NaN;
  switch (sort) {
    case 'items':
      return s.itemCount;
    case 'size':
      return s.totalItemSizeBytes;
    case 'quota': {
      const p = percentOf(s.totalItemSizeBytes, m.prohibitSendReceiveQuotaBytes);
      return p === null ? NaN : p;
    }
    case 'activity': {
      if (s.lastInteractionTime === null) return Infinity;
      const t = Date.parse(s.lastInteractionTime);
      return Number.isNaN(t) ? NaN : -t;
    }
    case 'growth':
      return m.growthPerDay ?? NaN;
    case 'name':
      return 0;
  }
}

const nameCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Matches, orders and totals. Ordering works on an index array with numeric keys computed once per
 * mailbox, so a comparison allocates nothing, and only the rows up to the requested page are put in
 * order (see firstInOrder). Ties fall back to the UPN, so pages keep their order between clicks.
 */
export function buildMailboxReport(
  mailboxes: readonly MailboxWithStatistics[],
  query: MailboxQuery,
  now: Date,
  options: { offset?: number } = {},
): MailboxReport {
  const needle = query.filter ? query.filter.toLowerCase() : '';
  const storageByKind = { user: 0, shared: 0, room: 0, other: 0 };
  const matchedIndex: number[] = [];
  const keys = new Float64Array(mailboxes.length);
  let items = 0;
  let bytes = 0;
  let nearQuota = 0;
  let inactive = 0;
  let partial = 0;
  const fullest: Array<{ index: number; percent: number }> = [];

  for (let i = 0; i < mailboxes.length; i++) {
    const m = mailboxes[i];
    const kind = mailboxKind(m.recipientTypeDetails);
    const s = m.statistics;
    if (s) storageByKind[kind === 'equipment' ? 'room' : kind === 'group' ? 'other' : kind] += s.totalItemSizeBytes;
    if (!kindMatches(kind, query.type)) continue;
    if (
      needle &&
      !m.displayName.toLowerCase().includes(needle) &&
      !m.userPrincipalName.toLowerCase().includes(needle) &&
      !m.primarySmtpAddress.toLowerCase().includes(needle)
    ) {
      continue;
    }
    if (query.minPercent !== undefined) {
      const p = s ? percentOf(s.totalItemSizeBytes, m.prohibitSendReceiveQuotaBytes) : null;
      if (p === null || p < query.minPercent) continue;
    }
    if (query.inactiveDays !== undefined) {
      if (!s) continue;
      const idle = daysSince(s.lastInteractionTime, now);
      if (!(s.lastInteractionTime === null || (idle !== null && idle > query.inactiveDays))) continue;
    }
    matchedIndex.push(i);
    keys[i] = sortKey(m, query.sort);
    if (!s) {
      partial++;
      continue;
    }
    items += s.itemCount;
    bytes += s.totalItemSizeBytes;
    const p = percentOf(s.totalItemSizeBytes, m.prohibitSendReceiveQuotaBytes);
    if (p !== null && p >= NEAR_QUOTA_PERCENT) nearQuota++;
    if (p !== null) keepFullest(fullest, i, p);
    const idle = daysSince(s.lastInteractionTime, now);
    if (s.lastInteractionTime === null || (idle !== null && idle > INACTIVE_DAYS)) inactive++;
  }

  const byUpn = (a: number, b: number): number => {
    const x = mailboxes[a].userPrincipalName;
    const y = mailboxes[b].userPrincipalName;
    return x < y ? -1 : x > y ? 1 : a - b;
  };
  const compare =
    query.sort === 'name'
      ? (a: number, b: number): number => {
          // Statistics do not matter to a name sort; an empty name goes last rather than first.
          const x = mailboxes[a].displayName;
          const y = mailboxes[b].displayName;
          if (!x !== !y) return x ? -1 : 1;
          return nameCollator.compare(x, y) || byUpn(a, b);
        }
      : (a: number, b: number): number => {
          const x = keys[a];
          const y = keys[b];
          const xUnknown = x !== x; // NaN
          const yUnknown = y !== y;
          if (xUnknown || yUnknown) return xUnknown === yUnknown ? byUpn(a, b) : xUnknown ? 1 : -1;
          return x > y ? -1 : x < y ? 1 : byUpn(a, b);
        };

  const offset = Math.max(0, Math.min(Math.floor(options.offset ?? 0), matchedIndex.length));
  const wanted = Math.min(matchedIndex.length, offset + Math.max(0, Math.floor(query.top)));
  const page = firstInOrder(matchedIndex, wanted, compare).slice(offset);
  return {
    query: { ...query },
    asOf: now.toISOString(),
    rows: page.map((i) => toRow(mailboxes[i])),
    offset,
    matched: matchedIndex.length,
    total: mailboxes.length,
    totals: { mailboxes: matchedIndex.length, items, bytes, nearQuota, inactive, storageByKind },
    partial,
    fullest: fullest.map((f) => toRow(mailboxes[f.index])),
  };
}

/**
 * The first `k` of `items` in `compare` order, sorted. A page is a sliver of a large tenant, so
 * instead of sorting 100,000 mailboxes it keeps the best k in a heap: about one comparison per
 * mailbox (the collator behind the name sort is the expensive part). `compare` must be a total order.
 */
export function firstInOrder(items: number[], k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) return items.slice().sort(compare).slice(0, k);
  // Max-heap of the k best so far: the root is the worst of them, the first to be replaced.
  const heap: number[] = [];
  const siftUp = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[i], heap[parent]) <= 0) return;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const siftDown = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && compare(heap[l], heap[worst]) > 0) worst = l;
      if (r < heap.length && compare(heap[r], heap[worst]) > 0) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      siftUp(heap.length - 1);
    } else if (compare(item, heap[0]) < 0) {
      heap[0] = item;
      siftDown(0);
    }
  }
  return heap.sort(compare);
}

/** Keeps the FULLEST_COUNT highest percentages, highest first; a handful, so insertion is enough. */
function keepFullest(list: Array<{ index: number; percent: number }>, index: number, percent: number): void {
  if (list.length === FULLEST_COUNT && percent <= list[list.length - 1].percent) return;
  let at = list.length;
  while (at > 0 && list[at - 1].percent < percent) at--;
  list.splice(at, 0, { index, percent });
  if (list.length > FULLEST_COUNT) list.pop();
}
