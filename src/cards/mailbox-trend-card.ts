// The size trend sections as template data: the `mailbox` card's (a headline, a monospace sparkline
// and a FactSet of growth figures, in templates/mailbox-details.json) and the tenant's under the
// mailbox report (templates/mailbox-report.json). No Table: cards are ColumnSet/FactSet only.
import { shortDate, type MailboxTrend } from '../reports/mailbox-trend';

/** A full date this close is shown in warning colour. */
const URGENT_DAYS = 90;

const NO_HISTORY =
  "No history yet: the bot stores a day of figures each time Microsoft 365's usage report has a new one, so a trend shows from tomorrow.";

const line = (text: string | undefined) => ({ show: Boolean(text), text: text ?? '' });

/** The `mailbox` card's trend; `show` false when the bot keeps no history. `note` says what limited it. */
export function mailboxTrendData(trend: MailboxTrend | undefined, note?: string) {
  const off = { show: false, text: '' };
  if (!trend) return { show: false, empty: off, headline: { ...off, color: 'Default' }, sparkline: off, facts: [], note: off };
  if (trend.days === 0) {
    return { show: true, empty: line(note ?? NO_HISTORY), headline: { ...off, color: 'Default' }, sparkline: off, facts: [], note: off };
  }
  const span = `${trend.days} day${trend.days === 1 ? '' : 's'} (${shortDate(trend.first!, trend.last!)} – ${shortDate(trend.last!)})`;
  const urgent = trend.projection.kind === 'already-full' || (trend.projection.kind === 'full-in' && trend.projection.days <= URGENT_DAYS);
  return {
    show: true,
    empty: off,
    headline: { show: true, text: trend.headline, color: urgent ? 'Warning' : 'Default' },
    sparkline: line(trend.sparkline || undefined),
    facts: [{ title: 'Size', value: `${trend.range} over ${span}` }, ...trend.facts.map((f) => ({ title: f.label, value: f.value }))],
    note: line(note),
  };
}

/** The tenant's storage trend under the mailbox report: a line and a sparkline; `show` false without one. */
export function tenantTrendData(trend: { line: string; sparkline: string } | undefined) {
  return trend ? { show: true, ...trend } : { show: false, line: '', sparkline: '' };
}
