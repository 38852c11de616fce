// Growth and "full on" dates from a mailbox's daily sizes. Pure: the series in, figures out.
// Growth per day is the least-squares slope over a window (one odd day moves it little, unlike
// the first-to-last difference Tony Redmond calls crude); the full date counts from the latest size.

export interface DayPoint {
  /** The day the figure describes, YYYY-MM-DD. */
  date: string;
  bytes: number;
}

export type Projection =
  | { kind: 'full-in'; days: number; date: string; perDay: number }
  | { kind: 'already-full' }
  | { kind: 'shrinking'; perDay: number }
  | { kind: 'flat' }
  | { kind: 'no-quota' }
  | { kind: 'too-little'; days: number };

/** Days of history before a projection is made. */
export const PROJECTION_MIN_DAYS = 7;
const DAY_MS = 86_400_000;

export function dayIndex(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfIndex(index: number): string {
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

/** Points of the last `days` days up to the latest point, oldest first. */
export function lastDays(points: readonly DayPoint[], days: number): DayPoint[] {
  if (points.length === 0) return [];
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const from = dayIndex(sorted[sorted.length - 1].date) - days + 1;
  return sorted.filter((p) => dayIndex(p.date) >= from);
}

/** Bytes per day by least squares over the points; null with fewer than two distinct days. */
export function slopePerDay(points: readonly DayPoint[]): number | null {
  const n = points.length;
  if (n < 2) return null;
  const xs = points.map((p) => dayIndex(p.date));
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = points.reduce((a, p) => a + p.bytes, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (points[i].bytes - my);
    sxx += (xs[i] - mx) ** 2;
  }
  return sxx === 0 ? null : sxy / sxx;
}

/** Growth per day over the last `days` days (null: fewer than two days in it). */
export function growthPerDay(points: readonly DayPoint[], days: number): number | null {
  return slopePerDay(lastDays(points, days));
}

/** Less than this per day is "flat": a few KB a day never fills a mailbox in a year. */
const FLAT_BYTES_PER_DAY = 64 * 1024;

/**
 * When the mailbox reaches `quotaBytes` at its pace of the last 30 days (90 when it has them and
 * 30 are too few), counted from the latest size and date.
 */
export function projectFull(points: readonly DayPoint[], quotaBytes: number | null): Projection {
  if (quotaBytes === null || quotaBytes <= 0) return { kind: 'no-quota' };
  const recent = lastDays(points, 30);
  if (recent.length < PROJECTION_MIN_DAYS) return { kind: 'too-little', days: recent.length };
  const latest = recent[recent.length - 1];
  if (latest.bytes >= quotaBytes) return { kind: 'already-full' };
  const perDay = slopePerDay(recent)!;
  if (perDay < -FLAT_BYTES_PER_DAY) return { kind: 'shrinking', perDay };
  if (perDay < FLAT_BYTES_PER_DAY) return { kind: 'flat' };
  const days = Math.ceil((quotaBytes - latest.bytes) / perDay);
  return { kind: 'full-in', days, date: dateOfIndex(dayIndex(latest.date) + days), perDay };
}

/** Growth per day between two sizes `days` apart (the all-mailbox ranking, from two stored days). */
export function growthBetween(then: number | null, now: number | null, days: number): number | null {
  if (then === null || now === null || days <= 0) return null;
  return (now - then) / days;
}

/** Growth of every mailbox, by lower-case UPN: bytes per day over about 30 and 90 days. */
export interface GrowthTable {
  /** The latest stored day. */
  date: string | null;
  /** The days the two windows actually span (shorter while the history is young). */
  spans: { d30: number; d90: number };
  byUpn: Map<string, MailboxGrowth>;
}

export interface MailboxGrowth {
  bytes: number;
  quotaBytes: number | null;
  perDay30: number | null;
  perDay90: number | null;
}
