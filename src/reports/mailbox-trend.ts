// What `mailbox` shows of a mailbox's history: its size over up to a year, growth per day over 30
// and 90 days, and when it reaches its prohibit send/receive quota. Pure: stored days in, words out.
import { formatBytes, formatCount } from './format';
import { growthPerDay, lastDays, PROJECTION_MIN_DAYS, projectFull, type DayPoint, type Projection } from './growth';

export interface MailboxTrend {
  /** Days of history shown (0: none yet). */
  days: number;
  first: string | null;
  last: string | null;
  /** Block characters, oldest left; empty without two days. */
  sparkline: string;
  /** "5.2 GB → 7.9 GB". */
  range: string;
  facts: { label: string; value: string }[];
  projection: Projection;
  /** The headline: "Full in ~47 days, around Jan 22". */
  headline: string;
}

const BLOCKS = '▁▂▃▄▅▆▇█';
const SPARK_WIDTH = 40;

/** "Jan 22", with the year when it is not the year of `from`. */
export function shortDate(date: string, from?: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const sameYear = from ? from.slice(0, 4) === date.slice(0, 4) : true;
  return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC', ...(sameYear ? {} : { year: 'numeric' }) });
}

/** "+52 MB/day", "−3 MB/day", "0 B/day". */
export function perDayText(bytes: number | null): string {
  if (bytes === null) return 'not enough history';
  const sign = bytes > 0 ? '+' : bytes < 0 ? '−' : '';
  return `${sign}${formatBytes(Math.abs(Math.round(bytes)))}/day`;
}

function sparkline(points: DayPoint[]): string {
  if (points.length < 2) return '';
  const buckets: number[] = [];
  const per = Math.max(1, Math.ceil(points.length / SPARK_WIDTH));
  for (let i = 0; i < points.length; i += per) {
    const slice = points.slice(i, i + per);
    buckets.push(slice.reduce((a, p) => a + p.bytes, 0) / slice.length);
  }
  const min = Math.min(...buckets);
  const max = Math.max(...buckets);
  return buckets.map((b) => BLOCKS[max === min ? 3 : Math.round(((b - min) / (max - min)) * (BLOCKS.length - 1))]).join('');
}

export function projectionText(p: Projection, last: string | null): string {
  switch (p.kind) {
    case 'full-in':
      // Years ahead is no forecast worth a date: the pace will change long before.
      if (p.days > 365) return `Not full within a year at this pace (${perDayText(p.perDay)})`;
      return `Full in ~${formatCount(p.days)} day${p.days === 1 ? '' : 's'}, around ${shortDate(p.date, last ?? undefined)}`;
    case 'already-full':
      return 'At its quota already: it can no longer send or receive mail';
    case 'shrinking':
      return `Shrinking (${perDayText(p.perDay)}): not heading for its quota`;
    case 'flat':
      return 'Not growing: no full date to project';
    case 'no-quota':
      return 'No prohibit send/receive quota: it cannot fill up';
    case 'too-little':
      return `Too little history to project (${p.days} day${p.days === 1 ? '' : 's'}; needs ${PROJECTION_MIN_DAYS})`;
  }
}

export function buildMailboxTrend(days: readonly { date: string; bytes: number | null }[], quotaBytes: number | null): MailboxTrend {
  const points: DayPoint[] = days
    .filter((d): d is DayPoint => d.bytes !== null)
    .map((d) => ({ date: d.date, bytes: d.bytes }))
    .sort((a, b) => a.date.localeCompare(b.date));
  const year = lastDays(points, 365);
  const projection = projectFull(year, quotaBytes);
  const first = year[0]?.date ?? null;
  const last = year.at(-1)?.date ?? null;
  const g30 = growthPerDay(year, 30);
  const g90 = year.length && lastDays(year, 90).length > lastDays(year, 30).length ? growthPerDay(year, 90) : null;
  return {
    days: year.length,
    first,
    last,
    sparkline: sparkline(year),
    range: year.length ? `${formatBytes(year[0].bytes)} → ${formatBytes(year.at(-1)!.bytes)}` : '',
    facts: [
      { label: 'Growth, 30 days', value: perDayText(g30) },
      {
        label: 'Growth, 90 days',
        value: g90 === null ? (year.length ? 'not 90 days of history yet' : 'not enough history') : perDayText(g90),
      },
    ],
    projection,
    headline: year.length ? projectionText(projection, last) : 'No history yet',
  };
}

/** The `mailboxes` card's tenant line, from Graph's daily tenant storage; null without two days. */
export function tenantTrendText(days: readonly DayPoint[]): { line: string; sparkline: string } | null {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  if (sorted.length < 2) return null;
  const last = sorted[sorted.length - 1];
  const g30 = growthPerDay(sorted, 30);
  return {
    line: `All mailboxes: ${formatBytes(last.bytes)} on ${shortDate(last.date)} · ${perDayText(g30)} over 30 days · ${sorted.length} days shown`,
    sparkline: sparkline(sorted),
  };
}
