// What `mailbox` says of a mailbox's history: growth, the full date, and when it cannot say.
import { buildMailboxTrend } from '../../../src/reports/mailbox-trend';
import { projectFull } from '../../../src/reports/growth';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const day = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 86_400_000).toISOString().slice(0, 10);
const series = (days: number, start: number, perDay: number) =>
  Array.from({ length: days }, (_, i) => ({ date: day(i), bytes: start + perDay * i }));

test('a steadily growing mailbox: growth per day and the date it reaches its quota', () => {
  const trend = buildMailboxTrend(series(30, 10 * GB, 200 * MB), 20 * GB);
  // Last day: 10 GB + 29 × 200 MB; 4.34 GB left at 200 MB a day → 23 days after Nov 30.
  expect(trend.projection).toMatchObject({ kind: 'full-in', days: 23, date: '2026-12-23' });
  expect(trend.headline).toBe('Full in ~23 days, around Dec 23');
  expect(trend.facts[0]).toEqual({ label: 'Growth, 30 days', value: '+200 MB/day' });
  expect(trend.facts[1].value).toMatch(/not 90 days/);
  expect(trend.sparkline).toHaveLength(30);
});

test('too little history, a shrinking mailbox, no quota, a full one and one years away', () => {
  expect(buildMailboxTrend(series(3, GB, MB * 10), 50 * GB).headline).toMatch(/Too little history to project \(3 days; needs 7\)/);
  expect(buildMailboxTrend(series(20, 5 * GB, -20 * MB), 50 * GB).headline).toMatch(/^Shrinking \(−20 MB\/day\)/);
  expect(buildMailboxTrend(series(20, 5 * GB, 20 * MB), null).headline).toMatch(/No prohibit send\/receive quota/);
  expect(projectFull(series(20, 60 * GB, 20 * MB), 50 * GB).kind).toBe('already-full');
  expect(buildMailboxTrend(series(20, 5 * GB, 1 * MB), 50 * GB).headline).toMatch(/Not full within a year/);
  expect(buildMailboxTrend([], 50 * GB)).toMatchObject({ days: 0, headline: 'No history yet' });
});
