// A scheduled report: which report (as the chat command that makes it), when, in which time zone,
// in which conversation, and who set it up. Pure: the words of `schedule <report> <when>` in, a
// schedule's fields out.
import { parseMailboxesArguments } from '../arguments/mailboxes';
import { FREQUENCIES, isTimeZone, normaliseRule, parseWhen, type Frequency, type Rule } from './when';

export interface Schedule {
  /** 128 random bits, hex: what the Cancel button names (a number could be guessed or reused). */
  id: string;
  /** The number `schedule list`, `off` and `run` use in this conversation; kept when others go. */
  n: number;
  conversationId: string;
  conversationType: string;
  /** The chat command that makes the report, e.g. `shared` or `export mailboxes sort size`. */
  report: string;
  rule: Rule;
  /** IANA zone the rule's times are in. */
  timeZone: string;
  createdAt: string;
  by: { aadObjectId: string; name: string };
  /** Teams answered 403 (the bot was removed or blocked): no runs until a schedule command is used there again. */
  suspended?: { at: string; reason: string; kind?: SuspendedKind };
}

export const MAX_PER_CONVERSATION = 20;
export const MAX_PER_BOT = 1_000;
export const REPORT_USAGE = 'mailboxes [options] · shared · licenses · export mailboxes [options]|shared|licenses';
export const SCHEDULE_ID = /^[0-9a-f]{32}$/;

export type ScheduleParse = { ok: true; report: string; rule: Rule; timeZone?: string } | { ok: false; message: string };

/** The report words as the command that makes it, or why they are not a report that can be scheduled. */
export function parseReport(words: string[]): { ok: true; report: string } | { ok: false; message: string } {
  const [first = '', ...rest] = words;
  const word = first.toLowerCase();
  const isExport = word === 'export';
  const [what = '', ...options] = isExport ? rest : words;
  const name = what
    .toLowerCase()
    .replace(/^licences$/, 'licenses')
    .replace(/^report$/, 'mailboxes');
  const prefix = isExport ? 'export ' : '';
  if (name === 'mailboxes') {
    const parsed = parseMailboxesArguments(options.join(' '));
    if (!parsed.ok) return { ok: false, message: parsed.message };
    return { ok: true, report: `${prefix}mailboxes ${options.join(' ')}`.trim() };
  }
  if (name === 'shared' || name === 'licenses') {
    if (options.length > 0)
      return { ok: false, message: `\`${name}\` takes nothing after it in a schedule: it always covers the whole tenant.` };
    return { ok: true, report: `${prefix}${name}` };
  }
  return { ok: false, message: `"${(what || first || '').slice(0, 30)}" is not a report I can schedule. Reports: ${REPORT_USAGE}.` };
}

/**
 * `schedule <report> <when>`: the report is everything before the last frequency word (so a
 * mailbox filter may still contain one), the when is that word and what follows it.
 */
export function parseSchedule(text: string): ScheduleParse {
  const words = text.split(' ').filter(Boolean);
  let at = -1;
  words.forEach((w, i) => {
    if (FREQUENCIES.includes(w.toLowerCase() as Frequency)) at = i;
  });
  if (at <= 0) {
    return {
      ok: false,
      message:
        at === 0
          ? `Name the report first, e.g. \`schedule shared weekly monday at 08:00\`.`
          : `Say when, e.g. \`schedule shared weekly monday at 08:00\`.`,
    };
  }
  const report = parseReport(words.slice(0, at));
  if (!report.ok) return report;
  const when = parseWhen(words.slice(at));
  if (!when.ok) return when;
  return { ok: true, report: report.report, rule: when.rule, timeZone: when.timeZone };
}

/** Why a schedule is suspended: Teams refused (403), or whoever set it up is no longer an admin. */
export type SuspendedKind = 'forbidden' | 'owner';

const MAX_REPORT_CHARS = 500;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A stored schedule read back; null when it is damaged (skipped and logged, never run wrongly).
 * Storage is not trusted: the report goes through the chat's own parser (only a report may be
 * scheduled, never `schedule off all` or `alerts on`), and every field has its type.
 */
export function normaliseSchedule(raw: unknown): Schedule | null {
  if (!isPlainObject(raw)) return null;
  const s = raw as Partial<Record<keyof Schedule, unknown>>;
  const rule = normaliseRule(s.rule);
  if (!rule || typeof s.id !== 'string' || !SCHEDULE_ID.test(s.id)) return null;
  if (typeof s.conversationId !== 'string' || s.conversationId === '' || typeof s.conversationType !== 'string') return null;
  if (typeof s.report !== 'string' || s.report.length > MAX_REPORT_CHARS) return null;
  const report = parseReport(s.report.split(' ').filter(Boolean));
  if (!report.ok) return null;
  if (typeof s.timeZone !== 'string' || !isTimeZone(s.timeZone)) return null;
  if (typeof s.n !== 'number' || !Number.isInteger(s.n) || s.n < 1 || s.n > 1_000_000) return null;
  if (typeof s.createdAt !== 'string' || Number.isNaN(Date.parse(s.createdAt))) return null;
  const by = s.by;
  if (!isPlainObject(by) || typeof by.aadObjectId !== 'string' || (by.name !== undefined && typeof by.name !== 'string')) return null;
  const schedule: Schedule = {
    id: s.id,
    n: s.n,
    conversationId: s.conversationId,
    conversationType: s.conversationType,
    report: report.report,
    rule,
    timeZone: s.timeZone,
    createdAt: s.createdAt,
    by: { aadObjectId: by.aadObjectId.toLowerCase(), name: typeof by.name === 'string' ? by.name.slice(0, 200) : '' },
  };
  if (s.suspended !== undefined) {
    const susp = s.suspended;
    if (!isPlainObject(susp) || typeof susp.at !== 'string' || Number.isNaN(Date.parse(susp.at)) || typeof susp.reason !== 'string')
      return null;
    schedule.suspended = { at: susp.at, reason: susp.reason.slice(0, 500), ...(susp.kind === 'owner' ? { kind: 'owner' as const } : {}) };
  }
  return schedule;
}
