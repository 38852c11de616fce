import { generateTenant } from '../../../src/simulator/tenant/generate';
import type { FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';
import { validateTenant } from '../../../src/simulator/tenant/validate';
import {
  consumed,
  daysBefore,
  enabledPlans,
  GB,
  HOSTILE_FRAGMENTS,
  licenseReasons,
  licensedEnough,
  PLAN,
  quotaShare,
  SCRIPTS,
} from './tenant-queries';

const now = new Date('2025-06-15T09:30:00Z');

describe('generateTenant: the same inputs build the same tenant', () => {
  test('same count, seed and day give an identical tenant, even hours apart', () => {
    expect(generateTenant(300, 7, now)).toEqual(generateTenant(300, 7, new Date('2025-06-15T23:59:00Z')));
  });

  test('another seed gives other people, another day moves the dates', () => {
    const a = generateTenant(300, 7, now);
    const b = generateTenant(300, 8, now);
    expect(b.users.map((u) => u.id)).not.toEqual(a.users.map((u) => u.id));
    expect(b.users.map((u) => u.displayName)).not.toEqual(a.users.map((u) => u.displayName));
    const nextDay = generateTenant(300, 7, new Date('2025-06-16T09:30:00Z'));
    expect(nextDay.users.map((u) => u.id)).toEqual(a.users.map((u) => u.id));
    expect(nextDay.reportRefreshDate).toBe('2025-06-14');
    expect(a.reportRefreshDate).toBe('2025-06-13');
  });

  test('a count that is not a whole number from 1 to 1,000,000 is refused', () => {
    for (const count of [0, -1, 1.5, Number.NaN, 1_000_001]) {
      expect(() => generateTenant(count, 1, now)).toThrow(/count must be a whole number from 1 to 1000000/);
    }
  });

  test('even a one-mailbox tenant is valid', () => {
    const tiny = generateTenant(1, 1, now);
    expect(tiny.users.filter((u) => u.mailbox)).toHaveLength(1);
    expect(() => validateTenant(tiny)).not.toThrow();
  });
});

describe('generateTenant(10000): shaped like a real tenant', () => {
  let tenant: TenantFixture;
  let mailboxes: FixtureUser[];
  let people: FixtureUser[];
  let shared: FixtureUser[];
  beforeAll(() => {
    tenant = generateTenant(10_000, 1, now);
    mailboxes = tenant.users.filter((u) => u.mailbox);
    people = mailboxes.filter((u) => u.mailbox!.recipientTypeDetails === 'UserMailbox');
    shared = mailboxes.filter((u) => u.mailbox!.recipientTypeDetails === 'SharedMailbox');
  });
  const share = (part: number, whole: number) => part / whole;

  test('passes the schema and the reference checks', () => {
    expect(() => validateTenant(tenant)).not.toThrow();
  });

  test('has exactly 10,000 mailboxes, a few users without one, unique sign-in names', () => {
    expect(mailboxes).toHaveLength(10_000);
    expect(tenant.users.length - mailboxes.length).toBeGreaterThanOrEqual(10);
    expect(tenant.users.some((u) => u.userType === 'Guest' && u.mailbox === null)).toBe(true);
    expect(new Set(tenant.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(tenant.users.length);
  });

  test('3–5% shared mailboxes, about 1% rooms and equipment', () => {
    expect(share(shared.length, mailboxes.length)).toBeGreaterThan(0.03);
    expect(share(shared.length, mailboxes.length)).toBeLessThan(0.05);
    const resources = mailboxes.filter((u) => /Room|Equipment/.test(u.mailbox!.recipientTypeDetails));
    expect(share(resources.length, mailboxes.length)).toBeGreaterThan(0.005);
    expect(share(resources.length, mailboxes.length)).toBeLessThan(0.015);
    expect(resources.some((u) => u.mailbox!.recipientTypeDetails === 'EquipmentMailbox')).toBe(true);
  });

  test('sizes are skewed: median near 2 GB, a long tail past 50 GB, none over its quota', () => {
    const sizes = people.map((u) => u.mailbox!.totalItemSizeBytes).sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)];
    expect(median).toBeGreaterThan(1.2 * GB);
    expect(median).toBeLessThan(3 * GB);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(median);
    expect(people.filter((u) => u.mailbox!.totalItemSizeBytes > 50 * GB).length).toBeGreaterThan(10);
    expect(sizes[sizes.length - 1]).toBeLessThanOrEqual(100 * GB);
    expect(mailboxes.filter((u) => quotaShare(u) >= 1).map((u) => u.userPrincipalName)).toEqual([]);
  });

  test('item counts grow with size', () => {
    const bySize = [...people].sort((a, b) => a.mailbox!.totalItemSizeBytes - b.mailbox!.totalItemSizeBytes);
    const tenth = Math.floor(bySize.length / 10);
    const meanItems = (list: FixtureUser[]) => list.reduce((n, u) => n + u.mailbox!.itemCount, 0) / list.length;
    expect(meanItems(bySize.slice(-tenth))).toBeGreaterThan(20 * meanItems(bySize.slice(0, tenth)));
  });

  test('quotas follow the Exchange plan: 100 GB with Plan 2, 50 GB with Plan 1', () => {
    const wrongQuota = people.filter((user) => {
      const plans = enabledPlans(tenant, user);
      const quota = user.mailbox!.prohibitSendReceiveQuotaBytes;
      return plans.has(PLAN.plan2) ? quota !== 100 * GB : plans.has(PLAN.plan1) ? quota !== 50 * GB : false;
    });
    expect(wrongQuota.map((u) => u.userPrincipalName)).toEqual([]);
    const steps = (limit: number | null) => (limit === 100 * GB ? [98 * GB, 99 * GB, limit] : [49 * GB, 49.5 * GB, 50 * GB]);
    const inconsistent = mailboxes.filter(
      ({ mailbox: m }) =>
        JSON.stringify([m!.issueWarningQuotaBytes, m!.prohibitSendQuotaBytes, m!.prohibitSendReceiveQuotaBytes]) !==
        JSON.stringify(steps(m!.prohibitSendReceiveQuotaBytes)),
    );
    expect(inconsistent.map((u) => u.userPrincipalName)).toEqual([]);
  });

  test('some archives (some auto-expanding), holds, and mailboxes at 85–99% of quota', () => {
    expect(share(people.filter((u) => u.mailbox!.archiveStatus === 'Active').length, people.length)).toBeGreaterThan(0.05);
    expect(people.filter((u) => u.mailbox!.autoExpandingArchiveEnabled).length).toBeGreaterThan(50);
    expect(people.filter((u) => u.mailbox!.litigationHoldEnabled).length).toBeGreaterThan(50);
    const near = people.filter((u) => quotaShare(u) >= 0.85);
    expect(share(near.length, people.length)).toBeGreaterThan(0.01);
    expect(mailboxes.filter((u) => (u.mailbox!.archiveStatus === 'Active') !== (u.mailbox!.archive != null))).toEqual([]);
  });

  test('licences mix every SKU, some with the Exchange plan switched off', () => {
    const used = new Set(tenant.users.flatMap((u) => u.assignedLicenses.map((l) => l.skuId)));
    expect(tenant.subscribedSkus.map((s) => s.skuPartNumber).sort()).toEqual([
      'ENTERPRISEPACK',
      'EXCHANGEARCHIVE_ADDON',
      'EXCHANGEENTERPRISE',
      'EXCHANGESTANDARD',
      'SPB',
      'SPE_E5',
    ]);
    for (const sku of tenant.subscribedSkus) expect(used.has(sku.skuId)).toBe(true);
    for (const skuId of used) expect(tenant.subscribedSkus.some((s) => s.skuId === skuId)).toBe(true);
    expect(people.filter((u) => u.assignedLicenses.some((l) => l.disabledPlans?.includes(PLAN.plan2))).length).toBeGreaterThan(100);
  });

  test('shared mailboxes: mostly unlicensed and small, and every licensing state present', () => {
    const unlicensed = shared.filter((u) => u.assignedLicenses.length === 0);
    expect(share(unlicensed.length, shared.length)).toBeGreaterThan(0.7);
    const lacking = shared.filter((u) => !licensedEnough(tenant, u));
    const reasons = new Set(lacking.flatMap(licenseReasons));
    expect([...reasons].sort()).toEqual(['archive', 'hold', 'over 50 GB']);
    const properly = shared.filter((u) => u.assignedLicenses.length > 0 && licenseReasons(u).length > 0 && licensedEnough(tenant, u));
    expect(properly.some((u) => enabledPlans(tenant, u).has(PLAN.plan2))).toBe(true);
    expect(properly.some((u) => !enabledPlans(tenant, u).has(PLAN.plan2) && enabledPlans(tenant, u).has(PLAN.archiving))).toBe(true);
    expect(shared.some((u) => u.assignedLicenses.length > 0 && licenseReasons(u).length === 0)).toBe(true);
    expect(unlicensed.some((u) => u.mailbox!.prohibitSendReceiveQuotaBytes === 100 * GB)).toBe(true);
    expect(unlicensed.some((u) => u.mailbox!.totalItemSizeBytes >= 45 * GB && u.mailbox!.totalItemSizeBytes < 50 * GB)).toBe(true);
    const enabled = shared.filter((u) => u.accountEnabled);
    expect(enabled.length).toBeGreaterThan(0);
    expect(share(enabled.length, shared.length)).toBeLessThan(0.15);
  });

  test('disabled accounts that still hold licences, idle and never-used mailboxes, missing usage locations', () => {
    expect(people.filter((u) => !u.accountEnabled && u.assignedLicenses.length > 0).length).toBeGreaterThan(100);
    expect(
      people.filter((u) => u.mailbox!.lastInteractionTime && daysBefore(now, u.mailbox!.lastInteractionTime) > 60).length,
    ).toBeGreaterThan(100);
    expect(people.some((u) => u.mailbox!.lastInteractionTime === null)).toBe(true);
    const noLocation = people.filter((u) => u.usageLocation == null);
    expect(noLocation.length).toBeGreaterThan(0);
    expect(share(noLocation.length, people.length)).toBeLessThan(0.1);
  });

  test('no date lies after now', () => {
    const wrong = tenant.users.filter((user) => {
      const dates = [
        user.createdDateTime,
        user.mailbox?.whenMailboxCreated,
        user.mailbox?.lastInteractionTime,
        user.mailbox?.lastLogonTime,
      ];
      const future = dates.some((date) => date && daysBefore(now, date) <= 0);
      const usedBeforeCreated =
        user.mailbox?.lastInteractionTime && Date.parse(user.mailbox.lastInteractionTime) <= Date.parse(user.createdDateTime!);
      return future || usedBeforeCreated;
    });
    expect(wrong).toEqual([]);
  });

  test('licence pools a little above use, one exhausted and one nearly', () => {
    for (const sku of tenant.subscribedSkus) {
      const pool = consumed(tenant, sku.skuPartNumber);
      expect(pool.enabled).toBeGreaterThanOrEqual(pool.consumed);
      expect(pool.enabled).toBeLessThanOrEqual(Math.ceil(pool.consumed * 1.2) + 2);
    }
    const archiving = consumed(tenant, 'EXCHANGEARCHIVE_ADDON');
    expect(archiving.enabled).toBe(archiving.consumed);
    const e5 = consumed(tenant, 'SPE_E5');
    expect(e5.enabled - e5.consumed).toBeGreaterThan(0);
    expect(e5.enabled - e5.consumed).toBeLessThanOrEqual(Math.ceil(e5.consumed * 0.02));
  });

  test('names in many scripts, and every hostile name', () => {
    const names = tenant.users.map((u) => u.displayName);
    for (const [script, pattern] of Object.entries(SCRIPTS)) {
      expect({ script, found: names.some((n) => pattern.test(n)) }).toEqual({ script, found: true });
    }
    for (const fragment of HOSTILE_FRAGMENTS) {
      expect({ fragment, found: names.some((n) => n.includes(fragment)) }).toEqual({ fragment, found: true });
    }
  });

  test('the managed identity can do everything, and the bot admins group has members', () => {
    expect(tenant.identity.graphAppRoles.sort()).toEqual([
      'GroupMember.Read.All',
      'LicenseAssignment.ReadWrite.All',
      'Organization.Read.All',
      'ReportSettings.Read.All',
      'Reports.Read.All',
      'User.Read.All',
    ]);
    expect(tenant.identity.exchangeAppRoles).toEqual(['Exchange.ManageAsApp']);
    expect(tenant.identity.directoryRoles).toEqual(['Global Reader']);
    expect(tenant.reportSettings).toEqual({ displayConcealedNames: false });
    const admins = tenant.groups!.find((g) => g.displayName === 'M365 Bot Admins')!;
    expect(admins.members.length).toBeGreaterThanOrEqual(3);
    for (const id of admins.members) expect(tenant.users.find((u) => u.id === id)?.accountEnabled).toBe(true);
  });
});
