// The size trend section of the `mailbox` card: a TextBlock headline, a monospace sparkline and a
// FactSet of growth figures (no Table: cards are ColumnSet/FactSet only).
import { shortDate, type MailboxTrend } from '../reports/mailbox-trend';

/** A full date this close is shown in warning colour. */
const URGENT_DAYS = 90;

export function mailboxTrendElements(trend: MailboxTrend, note?: string): object[] {
  const heading = { type: 'TextBlock', text: 'Size trend', weight: 'Bolder', spacing: 'Medium', separator: true };
  if (trend.days === 0) {
    return [
      heading,
      {
        type: 'TextBlock',
        wrap: true,
        isSubtle: true,
        text:
          note ??
          "No history yet: the bot stores a day of figures each time Microsoft 365's usage report has a new one, so a trend shows from tomorrow.",
      },
    ];
  }
  const span = `${trend.days} day${trend.days === 1 ? '' : 's'} (${shortDate(trend.first!, trend.last!)} – ${shortDate(trend.last!)})`;
  const elements: object[] = [
    heading,
    {
      type: 'TextBlock',
      text: trend.headline,
      wrap: true,
      color:
        trend.projection.kind === 'already-full' || (trend.projection.kind === 'full-in' && trend.projection.days <= URGENT_DAYS)
          ? 'Warning'
          : 'Default',
    },
  ];
  if (trend.sparkline) elements.push({ type: 'TextBlock', text: trend.sparkline, fontType: 'Monospace', spacing: 'Small' });
  elements.push({
    type: 'FactSet',
    facts: [{ title: 'Size', value: `${trend.range} over ${span}` }, ...trend.facts.map((f) => ({ title: f.label, value: f.value }))],
  });
  if (note) elements.push({ type: 'TextBlock', text: note, wrap: true, isSubtle: true, size: 'Small' });
  return elements;
}

/** The tenant's storage trend: a line and a sparkline (TextBlocks). */
export function tenantTrendElements(trend: { line: string; sparkline: string }): object[] {
  return [
    { type: 'TextBlock', text: trend.line, wrap: true, isSubtle: true, size: 'Small', separator: true, spacing: 'Medium' },
    { type: 'TextBlock', text: trend.sparkline, fontType: 'Monospace', isSubtle: true, spacing: 'None' },
  ];
}
