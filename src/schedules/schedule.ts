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
  suspended?: { at: string; reason: string };
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

/** A stored schedule read back; null when it is damaged (skipped and logged, never run wrongly). */
export function normaliseSchedule(raw: unknown): Schedule | null {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Partial<Schedule>;
  const rule = normaliseRule(s.rule);
  if (!rule || typeof s.id !== 'string' || !SCHEDULE_ID.test(s.id) || typeof s.conversationId !== 'string' || typeof s.report !== 'string')
    return null;
  if (typeof s.timeZone !== 'string' || !isTimeZone(s.timeZone) || typeof s.n !== 'number' || typeof s.createdAt !== 'string') return null;
  return { ...(s as Schedule), rule };
}
