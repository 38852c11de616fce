// A small daily size history per mailbox, for "full in about N days". Only mailboxes already past
// 70% of their quota are kept, for 30 days, one point a day: a tenant of 100,000 mailboxes still
// fits in one small blob. Pure: the caller passes `now` and stores the result.
import type { MailboxWithStatistics } from '../../model/tenant';
import { percentOf } from '../mailbox-report';

export interface SizePoint {
  /** UTC day, YYYY-MM-DD. */
  d: string;
  /** Bytes. */
  b: number;
}

/** Mailbox key (as in finding keys) → daily points, oldest first. */
export type SizeHistory = Record<string, SizePoint[]>;

export const HISTORY_FROM_PERCENT = 70;
export const HISTORY_DAYS = 30;
export const FORECAST_MIN_DAYS = 3;
const DAY_MS = 86_400_000;

export function mailboxKey(m: { userId: string; userPrincipalName: string }): string {
  return (m.userId || m.userPrincipalName).toLowerCase();
}

/** Today's sizes added (replacing today's earlier point), old days and mailboxes below 70% dropped. */
export function recordSizes(history: SizeHistory, mailboxes: MailboxWithStatistics[], now: Date): SizeHistory {
  const today = now.toISOString().slice(0, 10);
  const oldest = new Date(now.getTime() - (HISTORY_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const next: SizeHistory = {};
  const seen = new Set<string>();
  for (const m of mailboxes) {
    const key = mailboxKey(m);
    const size = m.statistics?.totalItemSizeBytes ?? null;
    if (size === null) {
      // Unknown today is not "gone": keep what there was.
      if (history[key]) next[key] = history[key].filter((p) => p.d >= oldest);
      seen.add(key);
      continue;
    }
    seen.add(key);
    const percent = percentOf(size, m.prohibitSendReceiveQuotaBytes);
    if (percent === null || percent < HISTORY_FROM_PERCENT) continue;
    const points = (history[key] ?? []).filter((p) => p.d >= oldest && p.d !== today);
    points.push({ d: today, b: size });
    next[key] = points;
  }
  // A mailbox not in this read (a partial read of another type) keeps its points until they age out.
  for (const [key, points] of Object.entries(history)) {
    if (seen.has(key)) continue;
    const kept = points.filter((p) => p.d >= oldest);
    if (kept.length) next[key] = kept;
  }
  return next;
}

/**
 * Days until `quotaBytes` at the pace of the least-squares line through the daily points; null
 * with fewer than three days, or when the mailbox is not growing.
 */
export function daysToFull(points: SizePoint[] | undefined, quotaBytes: number | null): number | null {
  if (!points || quotaBytes === null) return null;
  const days = new Map(points.map((p) => [p.d, p.b]));
  if (days.size < FORECAST_MIN_DAYS) return null;
  const xs = [...days.keys()].map((d) => Date.parse(`${d}T00:00:00Z`) / DAY_MS);
  const ys = [...days.values()];
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  if (sxx === 0) return null;
  const perDay = sxy / sxx;
  if (perDay <= 0) return null;
  const latest = days.get([...days.keys()].sort().at(-1)!)!;
  const left = quotaBytes - latest;
  if (left <= 0) return 0;
  // From the last real size at the line's pace: the mailbox fills from where it is, not from the line.
  return Math.max(0, Math.floor(left / perDay));
}

/** The first day of the latest unbroken run of days at or above `percent`, if the history shows one. */
export function aboveSince(points: SizePoint[] | undefined, quotaBytes: number | null, percent: number): string | undefined {
  if (!points || quotaBytes === null) return undefined;
  let since: string | undefined;
  for (const p of [...points].sort((a, b) => a.d.localeCompare(b.d))) {
    const at = (p.b / quotaBytes) * 100;
    if (at >= percent) since ??= p.d;
    else since = undefined;
  }
  return since ? `${since}T00:00:00Z` : undefined;
}
