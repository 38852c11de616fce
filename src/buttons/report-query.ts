// Reads a report's query back from a button's data. The data is untrusted: every field is checked
// against what the bot itself would have put there.
import { MAILBOX_SORTS, MAILBOX_TYPES, MAX_TOP, MailboxQuery } from '../reports/mailbox-report';
import { MAX_FILTER_LENGTH } from '../arguments/mailboxes';

export function readQuery(raw: unknown): MailboxQuery | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const q = raw as Record<string, unknown>;
  if (!MAILBOX_TYPES.includes(q.type as any) || !MAILBOX_SORTS.includes(q.sort as any)) return null;
  if (!Number.isInteger(q.top) || (q.top as number) < 1 || (q.top as number) > MAX_TOP) return null;
  const query: MailboxQuery = { type: q.type as MailboxQuery['type'], sort: q.sort as MailboxQuery['sort'], top: q.top as number };
  if (q.filter !== undefined && q.filter !== '') {
    const f = readText(q.filter);
    if (f === null) return null;
    query.filter = f;
  }
  if (q.minPercent !== undefined) {
    const n = readNumber(q.minPercent, 0, 1000);
    if (n === null) return null;
    query.minPercent = n;
  }
  if (q.inactiveDays !== undefined) {
    const n = readNumber(q.inactiveDays, 0, 3650);
    if (n === null) return null;
    query.inactiveDays = n;
  }
  return query;
}

export function readText(v: unknown): string | null {
  if (typeof v !== 'string' || v.length > MAX_FILTER_LENGTH) return null;
  if (/[\u0000-\u001f\u007f]/.test(v)) return null;
  return v.trim();
}

/** Numbers from Input.Number arrive as strings or numbers, or empty when left blank. */
export function readNumber(v: unknown, min: number, max: number): number | null | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}

export function readOffset(v: unknown): number | null {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 10_000_000 ? (v as number) : null;
}
