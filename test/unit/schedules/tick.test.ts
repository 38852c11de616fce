// The minute tick: a schedules-only cycle only when a schedule's time has come, every due schedule on
// the first tick after a start, and the same stretch again when another instance held the lease.
import type { CycleReport, RunOptions } from '../../../src/alerts/cycle';
import { scheduleTick } from '../../../src/schedules/runtime';
import type { Schedule } from '../../../src/schedules/schedule';

const schedule: Schedule = {
  id: 'b'.repeat(32),
  n: 1,
  conversationId: 'c',
  conversationType: 'personal',
  report: 'shared',
  rule: { frequency: 'daily', hour: 8, minute: 0 },
  timeZone: 'UTC',
  createdAt: '2026-01-01T00:00:00Z',
  by: { aadObjectId: '', name: '' },
};

test('ticks run a cycle on start, then only when a time has come; a busy lease keeps the stretch', async () => {
  let now = new Date('2026-03-02T07:58:00Z');
  const calls: RunOptions[] = [];
  let ran = true;
  const tick = scheduleTick({
    schedules: { all: async () => [schedule] },
    now: () => now,
    runCycle: async (o) => {
      calls.push(o);
      return { ran } as CycleReport;
    },
  });
  await tick(); // first after a start: everything that is due
  expect(calls).toEqual([{ schedulesOnly: { since: undefined } }]);
  now = new Date('2026-03-02T07:59:00Z');
  await tick(); // nothing came due
  expect(calls).toHaveLength(1);
  now = new Date('2026-03-02T08:00:10Z');
  ran = false;
  await tick(); // 08:00 came: a cycle, but another instance held the lease
  now = new Date('2026-03-02T08:01:10Z');
  ran = true;
  await tick(); // the same stretch again
  expect(calls.slice(1)).toEqual([
    { schedulesOnly: { since: new Date('2026-03-02T07:59:00Z') } },
    { schedulesOnly: { since: new Date('2026-03-02T07:59:00Z') } },
  ]);
  now = new Date('2026-03-02T08:02:10Z');
  await tick();
  expect(calls).toHaveLength(3);
});
