// Where a whole-tenant report takes its figures from: live statistics (one Get-MailboxStatistics per
// mailbox, exact but slow) or Microsoft 365's usage report (one download, a day or two old) with
// live statistics for the rows an admin sees. Pure.

/**
 * From this many mailboxes the usage report is used. Below it, live statistics for everything take
 * 200 $batch calls at most: seconds to a minute even under a tight Exchange budget.
 */
export const USAGE_REPORT_THRESHOLD = 2_000;

export type UsageState =
  | { kind: 'ok'; mailboxes: number }
  | { kind: 'concealed'; mailboxes: number; form: 'hex' | 'pii' | 'unknown' }
  | { kind: 'unavailable'; reason: 'throttled' | 'forbidden' | 'failed' | 'not-in-this-cloud'; message: string };

export type FigureSource =
  | { kind: 'usage' }
  | { kind: 'live'; why: 'asked' | 'small' }
  /** The tenant is large but the report cannot be used: live, and the card says why and how long. */
  | { kind: 'live'; why: 'concealed' | 'no-usage'; mailboxes: number | null; message?: string };

export function chooseFigureSource(input: { askedLive: boolean; usage: UsageState; threshold?: number }): FigureSource {
  if (input.askedLive) return { kind: 'live', why: 'asked' };
  const threshold = input.threshold ?? USAGE_REPORT_THRESHOLD;
  const u = input.usage;
  if (u.kind === 'unavailable') return { kind: 'live', why: 'no-usage', mailboxes: null, message: u.message };
  if (u.mailboxes < threshold) return { kind: 'live', why: 'small' };
  if (u.kind === 'concealed') return { kind: 'live', why: 'concealed', mailboxes: u.mailboxes };
  return { kind: 'usage' };
}

/** Admin centre path of the setting that conceals names in reports (never changed by the bot). */
export const CONCEALED_NAMES_SETTING =
  "Microsoft 365 admin center › Settings › Org settings › Services › Reports: clear 'Display concealed user, group, and site names in all reports'";

/**
 * How long live statistics for `mailboxes` take at the pace measured so far (`done` mailboxes in
 * `elapsedMs`); null until there is a pace to go by. The bot does not know the tenant's Exchange
 * budget, so it says what it sees rather than a figure it would have to assume.
 */
export function remainingMs(done: number, total: number, elapsedMs: number): number | null {
  if (done < 50 || elapsedMs <= 0 || total <= done) return done >= total ? 0 : null;
  return ((total - done) * elapsedMs) / done;
}

export function durationWords(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 90) return `about ${minutes} min`;
  return `about ${(ms / 3_600_000).toFixed(1)} h`;
}

/** What a report's card says of where its figures come from; kept with the report's snapshot. */
export interface FiguresNote {
  source: 'live' | 'usage';
  why?: 'asked' | 'small' | 'concealed' | 'no-usage';
  /** The usage report's date (YYYY-MM-DD), when it was used. */
  usageDate?: string | null;
  concealed?: 'hex' | 'pii' | 'unknown';
  /** Why the usage report could not be read (no-usage). */
  message?: string;
  /** How long the live read took, for a large tenant that had to be read live. */
  tookMs?: number;
  /** The usage report could not be refreshed (throttled): an older copy was used. */
  staleCopy?: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 29" from "2026-11-29" (a calendar day: no time zone to convert). */
export function usageDateText(day: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '');
  if (!m) return 'an unknown date';
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${Number(m[3])}`;
}

/** The line under a report's title; '' when the figures are simply live. */
export function figuresLine(note: FiguresNote | undefined, rowSources: { usage: number; live: number }): string {
  if (!note || note.source !== 'usage') return '';
  const data = `Usage data of ${usageDateText(note.usageDate)} (Microsoft 365, daily)${note.staleCopy ? ', the newest copy Graph let me download' : ''}`;
  if (rowSources.usage === 0) return `${data}; the rows shown are live.`;
  if (rowSources.live === 0) return `${data}; the rows shown are from it too. Open a row for live figures.`;
  return `${data}; rows marked "usage data" are from it, the others are live.`;
}

/** A warning when a large tenant had to be read live; '' otherwise. */
export function figuresWarning(note: FiguresNote | undefined): string {
  if (!note || note.source !== 'live') return '';
  const took = note.tookMs !== undefined ? ` (it took ${durationWords(note.tookMs).replace(/^about /, '')})` : '';
  if (note.why === 'concealed') {
    return (
      `Microsoft 365 conceals user names in this tenant's usage reports, so they cannot be matched to mailboxes and every mailbox was read live${took}. ` +
      `To let the bot use the daily report instead: ${CONCEALED_NAMES_SETTING}. The bot never changes this setting itself.`
    );
  }
  if (note.why === 'no-usage')
    return `Microsoft 365's usage report could not be read (${note.message ?? 'no answer'}), so every mailbox was read live${took}.`;
  return '';
}

/** The `shared` card's line: sizes from the report, live where the verdict could turn on them. */
export function sharedFiguresLine(note: FiguresNote | undefined): string {
  if (!note) return '';
  if (note.source === 'live') return figuresWarning(note);
  return `Sizes from usage data of ${usageDateText(note.usageDate)} (Microsoft 365, daily); read live near the 50 GB line and for the mailboxes listed.`;
}
