// When a rule's runs fall, as instants, in the schedule's IANA time zone. The calendar walk is ours
// (which days match); turning "Monday 08:00 in Europe/Berlin" into an instant is luxon's, which
// applies the zone's daylight-saving rules from the platform's tz database (Intl): a time skipped in
// spring moves forward by the gap (02:30 → 03:30), a time repeated in autumn runs once (luxon takes its
// standard-time occurrence). Pure: the caller passes the moments.
import { DateTime } from 'luxon';
import type { Rule } from './when';

/** A monthly rule needs at most two months to find its next day; a margin for the rest. */
const SEARCH_DAYS = 70;

function matches(rule: Rule, day: DateTime): boolean {
  switch (rule.frequency) {
    case 'daily':
      return true;
    case 'weekdays':
      return day.weekday <= 5;
    case 'weekly':
      return day.weekday === rule.weekday;
    case 'monthly':
      return day.day === Math.min(rule.day ?? 1, day.daysInMonth ?? 28);
  }
}

function slotOn(rule: Rule, day: DateTime, zone: string): DateTime {
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: rule.hour, minute: rule.minute }, { zone });
}

/** The first run strictly after `after`. */
export function nextRun(rule: Rule, zone: string, after: Date): Date {
  const from = DateTime.fromJSDate(after, { zone }).startOf('day');
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    const day = from.plus({ days: d });
    if (!matches(rule, day)) continue;
    const slot = slotOn(rule, day, zone);
    if (slot.toMillis() > after.getTime()) return slot.toJSDate();
  }
  throw new Error(`No run of ${JSON.stringify(rule)} within ${SEARCH_DAYS} days`);
}

/** The next `count` runs after `after`. */
export function nextRuns(rule: Rule, zone: string, after: Date, count: number): Date[] {
  const out: Date[] = [];
  let at = after;
  for (let i = 0; i < count; i++) {
    at = nextRun(rule, zone, at);
    out.push(at);
  }
  return out;
}

/** The latest run at or before `at`, or null when none falls in the search window. */
export function latestRun(rule: Rule, zone: string, at: Date): Date | null {
  const from = DateTime.fromJSDate(at, { zone }).startOf('day');
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    const day = from.minus({ days: d });
    if (!matches(rule, day)) continue;
    const slot = slotOn(rule, day, zone);
    if (slot.toMillis() <= at.getTime()) return slot.toJSDate();
  }
  return null;
}

/** How many runs fall in (after, upTo], counting at most `cap`. */
export function runsBetween(rule: Rule, zone: string, after: Date, upTo: Date, cap = 100): number {
  let n = 0;
  let at = after;
  while (n < cap) {
    at = nextRun(rule, zone, at);
    if (at.getTime() > upTo.getTime()) break;
    n++;
  }
  return n;
}

/** "Mon 30 Mar 2026, 08:00": a run as the people in that zone read it (cards name the zone once). */
export function runText(at: Date | string, zone: string): string {
  const dt = typeof at === 'string' ? DateTime.fromISO(at, { zone }) : DateTime.fromJSDate(at, { zone });
  return dt.setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm');
}
