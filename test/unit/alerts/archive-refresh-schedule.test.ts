// When the background refresh will have read archives never read: they go first, each round reads
// enough for every archive to be read once a day, at least one $batch of ten.
import { archivesPerRound, unreadReadBy } from '../../../src/alerts/archive-refresh';

const QUARTER = 15 * 60_000;
const NOW = new Date('2026-12-01T09:00:00Z');

test('a round reads 1/96 of the archives every 15 minutes, at least ten', () => {
  expect(archivesPerRound(36, QUARTER)).toBe(10);
  expect(archivesPerRound(20_000, QUARTER)).toBe(209);
});

test('never-read archives are read by the round that reaches the last of them', () => {
  expect(unreadReadBy(5, 36, QUARTER, NOW).toISOString()).toBe('2026-12-01T09:15:00.000Z');
  // 19,000 unread of 20,000 at 209 a round: 91 rounds, under a day.
  expect(unreadReadBy(19_000, 20_000, QUARTER, NOW).toISOString()).toBe('2026-12-02T07:45:00.000Z');
});
