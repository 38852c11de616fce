// How numbers, sizes and dates read on a card. English, invariant (no host locale), so a card
// says the same thing on every server and in every test.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
const DAY_MS = 24 * 60 * 60 * 1000;
/** Shown where a value is unknown (statistics missing, quota unlimited is spelled out instead). */
export const UNKNOWN = '—';

/**
 * Bytes in binary units, as Exchange itself counts them ("1.66 GB" = 1.66 × 1024³):
 * "0 B", "850 MB", "1.7 GB", "49.9 GB", "100 GB". One decimal below 100 keeps a mailbox at
 * 99.6 GB distinguishable from its 100 GB quota.
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return UNKNOWN;
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let unit = 0;
  let value = bytes;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  let text = value < 100 ? (Math.round(value * 10) / 10).toString() : Math.round(value).toString();
  // 1023.96 MB rounds to "1024 MB": say "1 GB" instead.
  if (Number(text) >= 1024 && unit < UNITS.length - 1) {
    unit++;
    text = '1';
  }
  return `${text} ${UNITS[unit]}`;
}

/**
 * A size for a narrow table cell: "850 MB", "9.6 GB", "87 GB", "1.2 TB". Whole units from 10 up,
 * cut down rather than rounded (99.6 GB reads "99 GB", never its 100 GB quota), one decimal below
 * 10. The exact figure belongs on the mailbox's own card (formatBytesExact).
 */
export function formatBytesShort(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return UNKNOWN;
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  let unit = 0;
  let value = bytes;
  // From 1,000 of a unit up, the next unit: "1 GB" is shorter than "1000 MB" and says the same.
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.floor(value);
  return `${shown} ${UNITS[unit]}`;
}

/** "8,482,123,456 bytes": what Get-MailboxStatistics prints in brackets, for comparing figures. */
export function formatBytesExact(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return UNKNOWN;
  const whole = Math.round(bytes);
  return `${formatCount(whole)} ${whole === 1 ? 'byte' : 'bytes'}`;
}

/** "10,000". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return UNKNOWN;
  const sign = n < 0 ? '-' : '';
  const digits = Math.round(Math.abs(n)).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const COMPACT_STEPS: Array<[number, string]> = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * A count for a narrow table cell: "912", "1.7k", "48.6k", "486k", "1.7M". One decimal below 100
 * of a unit, none above, so a cell never needs more than five characters.
 */
export function formatCountShort(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return UNKNOWN;
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  for (let i = 0; i < COMPACT_STEPS.length; i++) {
    const [size, suffix] = COMPACT_STEPS[i];
    if (abs < size) continue;
    const value = abs / size;
    const rounded = value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
    // 999,950 rounds to "1000k": that is "1M".
    if (rounded >= 1000 && i > 0) return `${sign}1${COMPACT_STEPS[i - 1][1]}`;
    return `${sign}${rounded}${suffix}`;
  }
  // 999.6 rounds to 1000, which reads "1k" in this format.
  const whole = Math.round(abs);
  return whole >= 1000 ? `${sign}1k` : `${sign}${whole}`;
}

/**
 * A percentage given as 0–100 (or more): "93%". Never rounds up to "100%" or down to "0%" a value
 * that is not exactly that, because "100% of quota" means the mailbox has stopped receiving mail.
 */
export function formatPercent(percent: number | null | undefined): string {
  if (percent === null || percent === undefined || !Number.isFinite(percent)) return UNKNOWN;
  if (percent > 0 && percent < 1) return '<1%';
  let rounded = Math.round(percent);
  if (rounded >= 100 && percent < 100) rounded = 99;
  return `${formatCount(rounded)}%`;
}

/**
 * How long ago, in the words an admin uses: "today", "yesterday", "3 days ago", "5 months ago",
 * "2 years ago", "never" (null). Days up to 59 stay in days, since "inactive for 90 days" is the
 * line admins draw. Unparseable input says "unknown" rather than guessing.
 */
export function relativeTime(iso: string | null | undefined, now: Date): string {
  if (iso === null || iso === undefined || iso === '') return 'never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'unknown';
  const days = Math.floor((now.getTime() - then) / DAY_MS);
  if (days < -1) return `on ${new Date(then).toISOString().slice(0, 10)}`; // clock skew beyond a day
  if (days < 1) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 60) return `${days} days ago`;
  // Rounded, so 60 days reads "2 months ago", never "1 months ago".
  const months = Math.round(days / 30.44);
  if (months < 24) return `${months} months ago`;
  return `${Math.round(days / 365.25)} years ago`;
}

/**
 * How long ago, for a narrow table cell: "today", "1 d ago", "59 d ago", "7 mo ago", "2 y ago",
 * "never": never more than nine characters. Anything it cannot place (garbage, a date far in the
 * future) is "—", since the mailbox's own card shows the date itself.
 */
export function relativeTimeShort(iso: string | null | undefined, now: Date): string {
  if (iso === null || iso === undefined || iso === '') return 'never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return UNKNOWN;
  const days = Math.floor((now.getTime() - then) / DAY_MS);
  if (days < -1) return UNKNOWN;
  if (days < 1) return 'today';
  if (days < 60) return `${days} d ago`;
  // Years from a year up, so no cell needs "23 mo ago".
  const months = Math.round(days / 30.44);
  if (months < 12) return `${months} mo ago`;
  return `${Math.max(1, Math.round(days / 365.25))} y ago`;
}

/**
 * How old a report's data is, for "as of 4 min ago": "just now", "4 min ago", "3 h ago", then the
 * words of relativeTime ("yesterday", "3 days ago"). Null when `iso` is not a date or lies ahead.
 */
export function dataAge(iso: string, now: Date): string | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then) || then > now.getTime() + 60_000) return null;
  const minutes = Math.floor(Math.max(0, now.getTime() - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return relativeTime(iso, now);
}

/** Whole days since `iso`, or null when never/unknown. */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  return Math.floor((now.getTime() - then) / DAY_MS);
}
