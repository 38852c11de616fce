// The simulated tenant's clock: growing mailboxes take each day's figures, the usage report's day
// follows the clock with the fixture's lag, and a full mailbox grows no more.
import { TenantState } from '../../../src/simulator/tenant-state';
import { TenantClock } from '../../../src/simulator/tenant-clock';
import { loadTenant } from '../../../src/simulator/tenant/load';

const GB = 1024 ** 3;
const MB = 1024 ** 2;

test('live figures are the fixture plus the rates times the days since asOf', () => {
  const fixture = loadTenant('demo');
  fixture.asOf = '2026-06-01';
  fixture.reportRefreshDate = '2026-05-30';
  const user = fixture.users.find((u) => u.mailbox?.recipientTypeDetails === 'UserMailbox')!;
  Object.assign(user.mailbox!, {
    totalItemSizeBytes: 10 * GB,
    itemCount: 1000,
    prohibitSendReceiveQuotaBytes: 11 * GB,
    growthBytesPerDay: 100 * MB,
    itemsPerDay: 10,
  });
  const state = new TenantState(fixture, new TenantClock(() => Date.parse('2026-06-01T12:00:00Z')));
  const live = () => state.findUser(user.id)!.mailbox!;
  expect(live().totalItemSizeBytes).toBe(10 * GB);
  state.setToday('2026-06-06');
  expect(live()).toMatchObject({ totalItemSizeBytes: 10 * GB + 500 * MB, itemCount: 1050 });
  expect(state.reportRefreshDate()).toBe('2026-06-04');
  expect(state.figuresOn(live(), '2026-06-04')).toEqual({ items: 1030, bytes: 10 * GB + 300 * MB });
  state.setToday('2026-05-20');
  expect(live()).toMatchObject({ totalItemSizeBytes: 10 * GB - 1200 * MB, itemCount: 880 });
  // 1 GB below the quota: full after about ten days, then no more growth.
  state.setToday('2026-07-01');
  expect(live().totalItemSizeBytes).toBe(11 * GB);
  expect(() => state.setToday('2026-02-30')).toThrow(/not a date/);
});
