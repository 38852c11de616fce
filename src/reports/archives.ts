// What an admin reads about archives: size, items, auto-expanding or not, the cap it can reach, % of
// it used, growth per day and the day it is full, from the bot's stored readings. Pure: the stored
// figures and `now` in, rows out.
//
// Microsoft's "Learn about auto-expanding archiving": an archive has 100 GB ("An archive mailbox
// with 100 GB of storage space is created"), 110 GB on hold or retention with auto-expanding on; an
// auto-expanding archive grows "until it reaches a maximum size of 1.5 TB" and "the archive mailbox
// (including the Recoverable Items folder)" counts; "It can take up to 30 days for the additional
// storage space to be provisioned"; auto-expanding archiving is supported only with "a growth rate
// that doesn't exceed 1 GB per day".
import type { ArchiveFigures, ArchiveReading } from '../model/tenant';

export const GB = 1024 ** 3;
/** 1.5 TB as Exchange counts sizes (binary units, like every quota it shows). */
export const AUTO_EXPANDING_CAP_BYTES = 1.5 * 1024 ** 4;
export const ARCHIVE_DEFAULT_QUOTA_BYTES = 100 * GB;
/** Microsoft supports auto-expanding archives growing at most 1 GB a day. */
export const SUPPORTED_GROWTH_BYTES_PER_DAY = GB;
export const AUTO_EXPANDING_PAGE = 'https://learn.microsoft.com/purview/autoexpanding-archiving';
/** Readings kept per archive: two weeks of days, enough for a growth rate that is not one day's noise. */
export const READINGS_KEPT = 14;
/** Growth is measured over at least this span; two readings an hour apart say nothing about a day. */
const MIN_SPAN_MS = 20 * 3_600_000;
const DAY_MS = 86_400_000;

export type ArchiveSort = 'percent' | 'size' | 'growth' | 'full' | 'name';
export const ARCHIVE_SORTS: readonly ArchiveSort[] = ['percent', 'size', 'growth', 'full', 'name'];

export interface ArchiveRow {
  id: string;
  displayName: string;
  upn: string;
  /** Null until the archive has been read once. */
  sizeBytes: number | null;
  itemCount: number | null;
  autoExpanding: boolean;
  /** Auto-expanding by the organisation's setting rather than its own flag. */
  autoExpandingByOrganization: boolean;
  capBytes: number;
  percent: number | null;
  /** Bytes a day over the readings kept; null with fewer than two readings a day apart. */
  growthPerDay: number | null;
  /** ISO day the archive reaches its cap at that pace; null when not growing or unknown. */
  fullOn: string | null;
  /** When its figures were read. */
  readAt: string | null;
  /** Faster than Microsoft supports for auto-expanding archives. */
  tooFast: boolean;
  lastError?: string;
}

export interface ArchiveReport {
  rows: ArchiveRow[];
  total: number;
  /** Archives never read yet. */
  unread: number;
  tooFast: number;
  /** Every archive expands because the organisation turned auto-expanding archiving on for everyone. */
  organizationAutoExpanding: boolean;
  /** The oldest figure on the card, for "figures from … to …". */
  oldestReadAt: string | null;
  newestReadAt: string | null;
}

/**
 * The archives as the organisation's setting makes them: with auto-expanding archiving on for the
 * whole organisation (Set-OrganizationConfig -AutoExpandingArchive), every archive expands to 1.5 TB
 * whatever its own AutoExpandingArchiveEnabled says. Null: the setting could not be read, so each
 * archive's own flag decides.
 */
export function withOrganizationArchiving(archives: ArchiveFigures[], organizationAutoExpanding: boolean | null): ArchiveFigures[] {
  if (!organizationAutoExpanding) return archives;
  return archives.map((a) => (a.autoExpanding ? a : { ...a, autoExpanding: true, autoExpandingByOrganization: true }));
}

/** The size an archive can reach: 1.5 TB auto-expanding, else its own quota (100 GB by default). */
export function archiveCapBytes(a: Pick<ArchiveFigures, 'autoExpanding' | 'archiveQuotaBytes'>): number {
  if (a.autoExpanding) return AUTO_EXPANDING_CAP_BYTES;
  return a.archiveQuotaBytes ?? ARCHIVE_DEFAULT_QUOTA_BYTES;
}

/** What counts against the cap: items and the archive's Recoverable Items. */
export function archiveUsedBytes(r: ArchiveReading): number {
  return r.sizeBytes + r.deletedBytes;
}

/** Bytes a day from the oldest to the newest reading kept, or null when they are less than ~a day apart. */
export function growthPerDay(readings: readonly ArchiveReading[]): number | null {
  if (readings.length < 2) return null;
  const first = readings[0];
  const last = readings[readings.length - 1];
  const span = Date.parse(last.at) - Date.parse(first.at);
  if (!(span >= MIN_SPAN_MS)) return null;
  return ((archiveUsedBytes(last) - archiveUsedBytes(first)) / span) * DAY_MS;
}

/** The UTC day the archive reaches its cap at `perDay`, counted from its last reading. */
export function fullOn(used: number, cap: number, perDay: number | null, readAt: string): string | null {
  if (used >= cap) return readAt.slice(0, 10);
  if (perDay === null || perDay <= 0) return null;
  const days = (cap - used) / perDay;
  if (days > 365 * 50) return null;
  return new Date(Date.parse(readAt) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `now` until the archive is full at its pace, or null. */
export function daysUntilFull(row: Pick<ArchiveRow, 'fullOn'>, now: Date): number | null {
  if (!row.fullOn) return null;
  return Math.max(0, Math.ceil((Date.parse(`${row.fullOn}T00:00:00Z`) - now.getTime()) / DAY_MS));
}

export function archiveRow(a: ArchiveFigures): ArchiveRow {
  const last = a.readings[a.readings.length - 1];
  const cap = archiveCapBytes(a);
  const perDay = growthPerDay(a.readings);
  const used = last ? archiveUsedBytes(last) : null;
  return {
    id: a.id,
    displayName: a.displayName || a.upn,
    upn: a.upn,
    sizeBytes: used,
    itemCount: last ? last.itemCount : null,
    autoExpanding: a.autoExpanding,
    autoExpandingByOrganization: a.autoExpandingByOrganization === true,
    capBytes: cap,
    percent: used === null ? null : (used / cap) * 100,
    growthPerDay: perDay,
    fullOn: used === null ? null : fullOn(used, cap, perDay, last.at),
    readAt: last?.at ?? null,
    tooFast: perDay !== null && perDay > SUPPORTED_GROWTH_BYTES_PER_DAY,
    ...(a.lastError ? { lastError: a.lastError.message } : {}),
  };
}

/** Today's reading added (replacing an earlier one of the same UTC day), the oldest beyond READINGS_KEPT dropped. */
export function withReading(readings: readonly ArchiveReading[], reading: ArchiveReading): ArchiveReading[] {
  const day = reading.at.slice(0, 10);
  const kept = readings.filter((r) => r.at.slice(0, 10) !== day && r.at < reading.at);
  return [...kept, reading].slice(-READINGS_KEPT);
}

const compareNullsLast = (a: number | null, b: number | null, descending: boolean): number => {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return descending ? b - a : a - b;
};

export function buildArchiveReport(archives: readonly ArchiveFigures[], options: { sort: ArchiveSort; filter?: string }): ArchiveReport {
  let rows = archives.map(archiveRow);
  if (options.filter) {
    const f = options.filter.toLowerCase();
    rows = rows.filter((r) => r.displayName.toLowerCase().includes(f) || r.upn.toLowerCase().includes(f));
  }
  const byName = (a: ArchiveRow, b: ArchiveRow) => a.displayName.localeCompare(b.displayName);
  const order: Record<ArchiveSort, (a: ArchiveRow, b: ArchiveRow) => number> = {
    percent: (a, b) => compareNullsLast(a.percent, b.percent, true) || byName(a, b),
    size: (a, b) => compareNullsLast(a.sizeBytes, b.sizeBytes, true) || byName(a, b),
    growth: (a, b) => compareNullsLast(a.growthPerDay, b.growthPerDay, true) || byName(a, b),
    full: (a, b) => compareNullsLast(a.fullOn ? Date.parse(a.fullOn) : null, b.fullOn ? Date.parse(b.fullOn) : null, false) || byName(a, b),
    name: byName,
  };
  rows.sort(order[options.sort]);
  const dates = rows.flatMap((r) => (r.readAt ? [r.readAt] : [])).sort();
  return {
    rows,
    total: rows.length,
    unread: rows.filter((r) => r.readAt === null).length,
    tooFast: rows.filter((r) => r.tooFast).length,
    organizationAutoExpanding: archives.some((a) => a.autoExpandingByOrganization),
    oldestReadAt: dates[0] ?? null,
    newestReadAt: dates[dates.length - 1] ?? null,
  };
}
