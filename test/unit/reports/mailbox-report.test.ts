import { buildMailboxReport, DEFAULT_MAILBOX_QUERY, firstInOrder, MailboxQuery } from '../../../src/reports/mailbox-report';
import { GB, NOW, daysAgo, mailbox } from './sample-mailboxes';

const q = (over: Partial<MailboxQuery> = {}): MailboxQuery => ({ ...DEFAULT_MAILBOX_QUERY, ...over });
const upns = (report: { rows: { upn: string }[] }) => report.rows.map((r) => r.upn);

const tenant = [
  mailbox('ann@contoso.com', { displayName: 'Ann Lee', items: 500, sizeBytes: 95 * GB, lastInteraction: daysAgo(2) }),
  mailbox('bob@contoso.com', { displayName: 'bob Stone', items: 9000, sizeBytes: 3 * GB, lastInteraction: daysAgo(200) }),
  mailbox('cara@contoso.com', { displayName: 'Cara Diaz', items: 50, sizeBytes: 40 * GB, lastInteraction: null }),
  mailbox('dan@contoso.com', { displayName: 'Dan Ng', statistics: null, statisticsError: 'The operation timed out' }),
  mailbox('info@contoso.com', {
    displayName: 'Info desk',
    recipientTypeDetails: 'SharedMailbox',
    items: 20000,
    sizeBytes: 10 * GB,
    prohibitSendReceiveQuotaBytes: 50 * GB,
  }),
  mailbox('room1@contoso.com', { displayName: 'Room 1', recipientTypeDetails: 'RoomMailbox', items: 10, sizeBytes: 1 * GB }),
  mailbox('van@contoso.com', { displayName: 'Van', recipientTypeDetails: 'EquipmentMailbox', items: 11, sizeBytes: 2 * GB }),
  mailbox('disc@contoso.com', { displayName: 'Discovery', recipientTypeDetails: 'DiscoveryMailbox', items: 1, sizeBytes: 1 * GB }),
];

describe('buildMailboxReport', () => {
  it('defaults to user mailboxes, most items first, with unknown statistics last', () => {
    const report = buildMailboxReport(tenant, q(), NOW);
    expect(upns(report)).toEqual(['bob@contoso.com', 'ann@contoso.com', 'cara@contoso.com', 'dan@contoso.com']);
    expect(report.matched).toBe(4);
    expect(report.total).toBe(8);
  });

  it('counts the missing statistics as partial and flags the row', () => {
    const report = buildMailboxReport(tenant, q(), NOW);
    expect(report.partial).toBe(1);
    const dan = report.rows.find((r) => r.upn === 'dan@contoso.com')!;
    expect(dan.statisticsError).toBe('The operation timed out');
    expect(dan.items).toBeNull();
    expect(dan.sizeBytes).toBeNull();
  });

  it('totals the matched mailboxes and keeps storage by kind tenant-wide', () => {
    const report = buildMailboxReport(tenant, q(), NOW);
    expect(report.totals.items).toBe(500 + 9000 + 50);
    expect(report.totals.bytes).toBe(138 * GB);
    expect(report.totals.nearQuota).toBe(1); // Ann at 95%
    expect(report.totals.inactive).toBe(2); // Bob 200 days, Cara never; Dan unknown is not counted
    expect(report.totals.storageByKind).toEqual({ user: 138 * GB, shared: 10 * GB, room: 3 * GB, other: 1 * GB });
  });

  it('room means room and equipment mailboxes; all means every kind', () => {
    expect(upns(buildMailboxReport(tenant, q({ type: 'room' }), NOW)).sort()).toEqual(['room1@contoso.com', 'van@contoso.com']);
    expect(buildMailboxReport(tenant, q({ type: 'shared' }), NOW).rows.map((r) => r.type)).toEqual(['shared']);
    expect(buildMailboxReport(tenant, q({ type: 'all' }), NOW).matched).toBe(8);
  });

  it('sorts size and quota (% used) largest first', () => {
    expect(upns(buildMailboxReport(tenant, q({ sort: 'size' }), NOW))[0]).toBe('ann@contoso.com');
    const byQuota = buildMailboxReport(tenant, q({ type: 'all', sort: 'quota' }), NOW);
    expect(byQuota.rows[0].upn).toBe('ann@contoso.com');
    expect(byQuota.rows[0].percentOfQuota).toBeCloseTo(95);
    expect(byQuota.rows[1].upn).toBe('cara@contoso.com');
    expect(byQuota.rows[2].upn).toBe('info@contoso.com'); // 10 of 50 GB = 20%
  });

  it('sorts activity stale-first: never used, then the longest idle; unknown last', () => {
    expect(upns(buildMailboxReport(tenant, q({ sort: 'activity' }), NOW))).toEqual([
      'cara@contoso.com',
      'bob@contoso.com',
      'ann@contoso.com',
      'dan@contoso.com',
    ]);
  });

  it('sorts names alphabetically ignoring case and accents, numbers in numeric order', () => {
    const named = ['Émile', 'ann', 'Bob', 'room 10', 'room 9', ''].map((n, i) => mailbox(`u${i}@contoso.com`, { displayName: n }));
    const report = buildMailboxReport(named, q({ sort: 'name' }), NOW);
    expect(report.rows.map((r) => r.displayName)).toEqual(['ann', 'Bob', 'Émile', 'room 9', 'room 10', '']);
  });

  it('breaks ties by UPN so pages stay in order whatever order Exchange returned', () => {
    const same = ['c', 'a', 'b'].map((n) => mailbox(`${n}@contoso.com`, { items: 7 }));
    expect(upns(buildMailboxReport(same, q(), NOW))).toEqual(['a@contoso.com', 'b@contoso.com', 'c@contoso.com']);
    expect(upns(buildMailboxReport([...same].reverse(), q(), NOW))).toEqual(['a@contoso.com', 'b@contoso.com', 'c@contoso.com']);
  });

  it('filters on display name, UPN or address, case-insensitively', () => {
    const withAddress = [...tenant, mailbox('eve@contoso.com', { primarySmtpAddress: 'Eve.Sales@contoso.com' })];
    expect(upns(buildMailboxReport(withAddress, q({ filter: 'LEE' }), NOW))).toEqual(['ann@contoso.com']);
    expect(upns(buildMailboxReport(withAddress, q({ filter: 'BOB@' }), NOW))).toEqual(['bob@contoso.com']);
    expect(upns(buildMailboxReport(withAddress, q({ filter: 'sales' }), NOW))).toEqual(['eve@contoso.com']);
    const none = buildMailboxReport(withAddress, q({ filter: 'zzz' }), NOW);
    expect(none.matched).toBe(0);
    expect(none.rows).toEqual([]);
    expect(none.total).toBe(9);
  });

  it('returns the top N and pages on with an offset', () => {
    const many = Array.from({ length: 30 }, (_, i) => mailbox(`u${String(i).padStart(2, '0')}@contoso.com`, { items: i }));
    const first = buildMailboxReport(many, q({ top: 10 }), NOW);
    expect(first.rows).toHaveLength(10);
    expect(first.rows[0].items).toBe(29);
    const third = buildMailboxReport(many, q({ top: 10 }), NOW, { offset: 20 });
    expect(third.offset).toBe(20);
    expect(third.rows.map((r) => r.items)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(buildMailboxReport(many, q({ top: 10 }), NOW, { offset: 99 }).rows).toEqual([]);
  });

  it('treats Unlimited quota as no percentage, and lists the fullest mailboxes', () => {
    const unlimited = mailbox('big@contoso.com', { sizeBytes: 500 * GB, prohibitSendReceiveQuotaBytes: null });
    const report = buildMailboxReport([...tenant, unlimited], q({ type: 'all' }), NOW);
    const big = report.rows.find((r) => r.upn === 'big@contoso.com')!;
    expect(big.quotaBytes).toBeNull();
    expect(big.percentOfQuota).toBeNull();
    expect(report.fullest.map((r) => r.upn)).toEqual([
      'ann@contoso.com',
      'cara@contoso.com',
      'info@contoso.com',
      'bob@contoso.com',
      'van@contoso.com',
    ]);
  });

  it('shows archives and holds on the row', () => {
    const held = mailbox('h@contoso.com', {
      litigationHoldEnabled: true,
      archiveStatus: 'Active',
      autoExpandingArchiveEnabled: true,
      archiveStatistics: {
        itemCount: 1,
        totalItemSizeBytes: 2 * GB,
        deletedItemCount: 0,
        totalDeletedItemSizeBytes: 0,
        lastInteractionTime: null,
        lastLogonTime: null,
      },
    });
    const row = buildMailboxReport([held], q(), NOW).rows[0];
    expect(row.hold).toBe(true);
    expect(row.archive).toEqual({ sizeBytes: 2 * GB, autoExpanding: true });
  });

  it('handles 100,000 mailboxes in one pass and one sort', () => {
    const big = Array.from({ length: 100_000 }, (_, i) =>
      mailbox(`user${i}@contoso.com`, {
        displayName: `User ${(i * 7919) % 100_000}`,
        items: (i * 104729) % 50_000,
        sizeBytes: ((i * 31) % 1000) * 1e8,
        lastInteraction: i % 10 === 0 ? null : daysAgo(i % 400),
      }),
    );
    for (const sort of ['items', 'name', 'activity'] as const) {
      const started = process.hrtime.bigint();
      const report = buildMailboxReport(big, q({ sort, top: 1000, type: 'all' }), NOW);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Printed, not asserted: the machine is shared.
      console.log(`100,000 mailboxes sorted by ${sort}: ${ms.toFixed(0)} ms`);
      expect(report.rows).toHaveLength(1000);
      expect(report.matched).toBe(100_000);
    }
    const byItems = buildMailboxReport(big, q({ top: 3 }), NOW);
    expect(byItems.rows.map((r) => r.items)).toEqual([49_999, 49_999, 49_998]);
  });
});

describe('firstInOrder', () => {
  it('gives the same first rows as sorting everything', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647);
    const values = Array.from({ length: 5000 }, () => random() % 300); // many ties
    const items = values.map((_, i) => i);
    const compare = (a: number, b: number) => values[a] - values[b] || a - b;
    const expected = items.slice().sort(compare);
    for (const k of [1, 37, 1000, 4999, 6000]) {
      expect(firstInOrder(items, k, compare)).toEqual(expected.slice(0, k));
    }
    expect(firstInOrder(items, 0, compare)).toEqual([]);
  });
});
