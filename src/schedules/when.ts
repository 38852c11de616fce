// When a scheduled report runs, in an admin's words: `daily [at 08:00]`, `weekdays [at 07:30]`,
// `weekly [monday] [at 08:00]`, `monthly [on 1] [at 08:00]`, and `tz Europe/Berlin` to override the
// time zone Teams sent. Pure: parsing and wording only; the clock arithmetic is in next-runs.ts.
import { IANAZone } from 'luxon';

export type Frequency = 'daily' | 'weekdays' | 'weekly' | 'monthly';
export const FREQUENCIES: readonly Frequency[] = ['daily', 'weekdays', 'weekly', 'monthly'];

export interface Rule {
  frequency: Frequency;
  hour: number;
  minute: number;
  /** weekly: ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday?: number;
  /** monthly: day of the month, 1–31; a month without that day runs on its last day. */
  day?: number;
}

export const WHEN_USAGE = 'daily|weekdays [at HH:MM] · weekly [monday] [at HH:MM] · monthly [on 1] [at HH:MM] · [tz Europe/Berlin]';
const DEFAULT_TIME = { hour: 8, minute: 0 };
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
export const WEEKDAY_NAMES = DAYS.map((d) => d[0].toUpperCase() + d.slice(1));

export type WhenParse = { ok: true; rule: Rule; timeZone?: string } | { ok: false; message: string };

export function isTimeZone(name: string): boolean {
  return name.length <= 64 && IANAZone.isValidZone(name);
}

/** "08:00", "8:00", "8", "8am", "7:30pm", "0730" → hour and minute; null when it is not a time. */
export function parseTime(word: string): { hour: number; minute: number } | null {
  const m = /^(\d{1,2})(?::?(\d{2}))?\s*(am|pm)?$/i.exec(word.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

function weekdayOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/s$/, '');
  if (w.length < 3) return undefined;
  const i = DAYS.findIndex((d) => d.startsWith(w));
  return i < 0 ? undefined : i + 1;
}

/** The words after the report: a frequency first, then its optional day, time and time zone. */
export function parseWhen(words: string[]): WhenParse {
  const [first = '', ...rest] = words;
  const frequency = first.toLowerCase() as Frequency;
  if (!FREQUENCIES.includes(frequency)) return { ok: false, message: `Say when: ${WHEN_USAGE}.` };
  const rule: Rule = { frequency, ...DEFAULT_TIME };
  if (frequency === 'weekly') rule.weekday = 1;
  if (frequency === 'monthly') rule.day = 1;
  let timeZone: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i].toLowerCase();
    const next = rest[i + 1];
    if (word === 'at') {
      const time = next === undefined ? null : parseTime(next);
      if (!time) return { ok: false, message: `"at" takes a time such as 08:00 or 7:30pm${next ? `, not "${next.slice(0, 20)}"` : ''}.` };
      Object.assign(rule, time);
      i++;
    } else if (word === 'tz') {
      if (next === undefined || !isTimeZone(next))
        return {
          ok: false,
          message: `"tz" takes a time zone name such as Europe/Berlin or America/New_York${next ? `; "${next.slice(0, 40)}" is not one` : ''}.`,
        };
      timeZone = next;
      i++;
    } else if (frequency === 'weekly' && (word === 'on' || weekdayOf(word))) {
      const day = weekdayOf(word === 'on' ? (next ?? '') : word);
      if (!day) return { ok: false, message: 'A weekly report runs on a day of the week: monday … sunday.' };
      rule.weekday = day;
      if (word === 'on') i++;
    } else if (frequency === 'monthly' && word === 'on') {
      const day = Number((next ?? '').replace(/(st|nd|rd|th)$/i, ''));
      if (!Number.isInteger(day) || day < 1 || day > 31)
        return { ok: false, message: 'A monthly report runs "on" a day of the month from 1 to 31.' };
      rule.day = day;
      i++;
    } else if (parseTime(word)) {
      Object.assign(rule, parseTime(word));
    } else {
      return { ok: false, message: `"${rest[i].slice(0, 30)}" does not fit "${frequency}". Say when: ${WHEN_USAGE}.` };
    }
  }
  return { ok: true, rule, timeZone };
}

export function timeText(rule: Pick<Rule, 'hour' | 'minute'>): string {
  return `${String(rule.hour).padStart(2, '0')}:${String(rule.minute).padStart(2, '0')}`;
}

/** "weekly on Monday at 08:00". */
export function describeRule(rule: Rule): string {
  const at = `at ${timeText(rule)}`;
  switch (rule.frequency) {
    case 'daily':
      return `daily ${at}`;
    case 'weekdays':
      return `weekdays (Monday to Friday) ${at}`;
    case 'weekly':
      return `weekly on ${WEEKDAY_NAMES[(rule.weekday ?? 1) - 1]} ${at}`;
    case 'monthly':
      return `monthly on day ${rule.day ?? 1}${(rule.day ?? 1) > 28 ? ' (or the month’s last day)' : ''} ${at}`;
  }
}

/** A rule read back from storage; null when it is not one (then the schedule is skipped, not run wrongly). */
export function normaliseRule(raw: unknown): Rule | null {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Rule>;
  const int = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
  if (!FREQUENCIES.includes(r.frequency as Frequency) || !int(r.hour, 0, 23) || !int(r.minute, 0, 59)) return null;
  const rule: Rule = { frequency: r.frequency as Frequency, hour: r.hour!, minute: r.minute! };
  if (rule.frequency === 'weekly') {
    if (!int(r.weekday, 1, 7)) return null;
    rule.weekday = r.weekday;
  }
  if (rule.frequency === 'monthly') {
    if (!int(r.day, 1, 31)) return null;
    rule.day = r.day;
  }
  return rule;
}
