import type { ArchiveFigures, ArchiveReading } from '../../../src/model/tenant';
import {
  archiveRow,
  AUTO_EXPANDING_CAP_BYTES,
  buildArchiveReport,
  GB,
  growthPerDay,
  READINGS_KEPT,
  withOrganizationArchiving,
  withReading,
} from '../../../src/reports/archives';
import { oldestFirst } from '../../../src/state/archive-readings';

const reading = (at: string, gb: number, deletedGb = 0): ArchiveReading => ({
  at,
  sizeBytes: gb * GB,
  itemCount: 1000,
  deletedBytes: deletedGb * GB,
});

const archive = (id: string, readings: ArchiveReading[], extra: Partial<ArchiveFigures> = {}): ArchiveFigures => ({
  id,
  upn: `${id}@contoso.example`,
  displayName: id,
  recipientTypeDetails: 'UserMailbox',
  autoExpanding: false,
  onHold: false,
  archiveQuotaBytes: 100 * GB,
  readings,
  ...extra,
});

describe('archive figures', () => {
  it('measures growth a day over the readings kept, never over less than most of a day', () => {
    expect(growthPerDay([reading('2026-12-01T09:00:00Z', 10)])).toBeNull();
    expect(growthPerDay([reading('2026-12-01T09:00:00Z', 10), reading('2026-12-01T15:00:00Z', 12)])).toBeNull();
    expect(growthPerDay([reading('2026-12-01T09:00:00Z', 10), reading('2026-12-03T09:00:00Z', 13)])).toBeCloseTo(1.5 * GB);
    // Recoverable Items count against the cap, so their growth counts too.
    expect(growthPerDay([reading('2026-12-01T09:00:00Z', 10, 0), reading('2026-12-02T09:00:00Z', 10, 2)])).toBeCloseTo(2 * GB);
  });

  it('projects the day the cap is reached; an auto-expanding archive can reach 1.5 TB', () => {
    const near = archiveRow(archive('near', [reading('2026-12-01T09:00:00Z', 90), reading('2026-12-02T09:00:00Z', 91)]));
    expect(near.capBytes).toBe(100 * GB);
    expect(near.percent).toBeCloseTo(91);
    expect(near.fullOn).toBe('2026-12-11');
    expect(near.tooFast).toBe(false);
    const big = archiveRow(
      archive('big', [reading('2026-12-01T09:00:00Z', 200), reading('2026-12-02T09:00:00Z', 203)], { autoExpanding: true }),
    );
    expect(big.capBytes).toBe(AUTO_EXPANDING_CAP_BYTES);
    expect(big.tooFast).toBe(true);
    expect(big.fullOn).toBe('2028-02-19');
    const shrinking = archiveRow(archive('s', [reading('2026-12-01T09:00:00Z', 50), reading('2026-12-02T09:00:00Z', 40)]));
    expect(shrinking.fullOn).toBeNull();
    expect(archiveRow(archive('unread', [])).percent).toBeNull();
  });

  it('keeps one reading a day, the latest, and at most two weeks of them', () => {
    let r: ArchiveReading[] = [];
    r = withReading(r, reading('2026-12-01T09:00:00Z', 1));
    r = withReading(r, reading('2026-12-01T18:00:00Z', 2));
    expect(r).toEqual([reading('2026-12-01T18:00:00Z', 2)]);
    for (let d = 2; d <= 20; d++) r = withReading(r, reading(`2026-12-${String(d).padStart(2, '0')}T09:00:00Z`, d));
    expect(r).toHaveLength(READINGS_KEPT);
    expect(r[r.length - 1].at).toBe('2026-12-20T09:00:00Z');
  });

  it('sorts by % of cap with unread archives last, counts those over 1 GB/day', () => {
    const report = buildArchiveReport(
      [
        archive('a', [reading('2026-12-01T09:00:00Z', 10), reading('2026-12-02T09:00:00Z', 12)]),
        archive('b', [reading('2026-12-02T09:00:00Z', 80)]),
        archive('c', []),
      ],
      { sort: 'percent' },
    );
    expect(report.rows.map((r) => r.id)).toEqual(['b', 'a', 'c']);
    expect(report.tooFast).toBe(1);
    expect(report.unread).toBe(1);
    expect(report.oldestReadAt).toBe('2026-12-02T09:00:00Z');
  });

  it('reads the archives whose figures are oldest first, never-read ones before all', () => {
    const list = [
      archive('fresh', [reading('2026-12-02T09:00:00Z', 1)]),
      archive('never', []),
      archive('old', [reading('2026-11-20T09:00:00Z', 1)]),
      archive('failed', [reading('2026-11-20T09:00:00Z', 1)], { lastError: { at: '2026-12-02T10:00:00Z', message: 'x' } }),
    ];
    expect(oldestFirst(list, 3).map((a) => a.id)).toEqual(['never', 'old', 'fresh']);
  });
});

describe('auto-expanding archiving for the whole organisation', () => {
  const near = archive('near', [reading('2026-12-01T09:00:00Z', 95)]);
  const own = archive('own', [reading('2026-12-01T09:00:00Z', 95)], { autoExpanding: true });

  it('gives every archive the 1.5 TB cap when the organisation turned it on, whatever its own flag', () => {
    const rows = withOrganizationArchiving([near, own], true).map(archiveRow);
    expect(rows.map((r) => r.capBytes)).toEqual([AUTO_EXPANDING_CAP_BYTES, AUTO_EXPANDING_CAP_BYTES]);
    expect(rows.map((r) => r.autoExpandingByOrganization)).toEqual([true, false]);
    expect(rows[0].percent).toBeCloseTo((95 * GB * 100) / AUTO_EXPANDING_CAP_BYTES);
    expect(buildArchiveReport(withOrganizationArchiving([near, own], true), { sort: 'name' }).organizationAutoExpanding).toBe(true);
  });

  it("leaves each archive's own flag to decide when the organisation's is off or could not be read", () => {
    for (const org of [false, null]) {
      const rows = withOrganizationArchiving([near, own], org).map(archiveRow);
      expect(rows.map((r) => r.capBytes)).toEqual([100 * GB, AUTO_EXPANDING_CAP_BYTES]);
      expect(buildArchiveReport(withOrganizationArchiving([near, own], org), { sort: 'name' }).organizationAutoExpanding).toBe(false);
    }
  });
});
