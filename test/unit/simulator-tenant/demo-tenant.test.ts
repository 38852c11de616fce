import { demoTenant, PLAYGROUND_USER_ID } from '../../../src/simulator/tenant/demo-tenant';
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
  skuPartNumbers,
} from './tenant-queries';

const now = new Date('2025-06-15T09:30:00Z');
const tenant: TenantFixture = demoTenant(now);
const byAlias = (alias: string): FixtureUser => {
  const user = tenant.users.find((u) => u.userPrincipalName === `${alias}@contoso.onmicrosoft.com`);
  if (!user) throw new Error(`no ${alias}@ in the demo tenant`);
  return user;
};
const shared = tenant.users.filter((u) => u.mailbox?.recipientTypeDetails === 'SharedMailbox');
const people = tenant.users.filter((u) => u.mailbox?.recipientTypeDetails === 'UserMailbox');

test('the demo tenant is valid and the same all day', () => {
  expect(() => validateTenant(tenant)).not.toThrow();
  expect(demoTenant(new Date('2025-06-15T22:00:00Z'))).toEqual(tenant);
  expect(tenant.tenant.initialDomain).toBe('contoso.onmicrosoft.com');
  expect(tenant.reportRefreshDate).toBe('2025-06-13');
});

test('about 200 mailboxes, with readable names and the playground user as a bot admin', () => {
  const mailboxes = tenant.users.filter((u) => u.mailbox);
  expect(mailboxes.length).toBeGreaterThanOrEqual(190);
  expect(mailboxes.length).toBeLessThanOrEqual(215);
  const alex = tenant.users.find((u) => u.id === PLAYGROUND_USER_ID)!;
  expect(alex.displayName).toBe('Alex Wilber');
  expect(alex.accountEnabled).toBe(true);
  const admins = tenant.groups!.find((g) => g.displayName === 'M365 Bot Admins')!;
  expect(admins.members).toContain(PLAYGROUND_USER_ID);
  expect(tenant.users.some((u) => u.mailbox === null)).toBe(true);
});

describe('every shared mailbox licensing case', () => {
  test.each([
    ['sales', 'over 50 GB without a licence', ['over 50 GB'], false],
    ['legal', 'litigation hold without a licence', ['hold'], false],
    ['legal-archive', 'hold, archive and over 50 GB without a licence', ['over 50 GB', 'archive', 'hold'], false],
    ['hr-records', 'auto-expanding archive without a licence', ['archive'], false],
    ['projects', 'archive with Plan 1 alone', ['archive'], false],
    ['board', 'archive with an E3 whose Exchange plan is off', ['archive'], false],
    ['orders-apac', 'archive, no licence, no usage location', ['archive'], false],
    ['finance', 'archive with Plan 1 + archiving', ['archive'], true],
    ['compliance', 'over 50 GB, hold and archive through E5', ['over 50 GB', 'archive', 'hold'], true],
    ['payroll', 'hold with Plan 2', ['hold'], true],
    ['records', 'hold with Office 365 E5', ['hold'], true],
    ['marketing', 'Plan 1 it does not need', [], true],
    ['careers', 'E3 it does not need', [], true],
    ['press', 'exactly 50 GB: no licence needed yet', [], true],
    ['reception', '100 GB quota without a licence', [], true],
    ['invoices', 'soon over 50 GB', [], true],
  ])('%s@: %s', (alias, _case, reasons, enough) => {
    const mailbox = byAlias(alias);
    expect(mailbox.mailbox!.recipientTypeDetails).toBe('SharedMailbox');
    expect(licenseReasons(mailbox)).toEqual(reasons);
    expect(licensedEnough(tenant, mailbox)).toBe(enough);
  });

  test('the plans behind each case are the ones named', () => {
    expect(byAlias('sales').assignedLicenses).toEqual([]);
    expect(byAlias('sales').mailbox!.prohibitSendReceiveQuotaBytes).toBe(100 * GB);
    expect(byAlias('press').mailbox!.totalItemSizeBytes).toBe(50 * GB);
    expect(skuPartNumbers(tenant, byAlias('projects'))).toEqual(['EXCHANGESTANDARD']);
    expect(skuPartNumbers(tenant, byAlias('finance'))).toEqual(['EXCHANGESTANDARD', 'EXCHANGEARCHIVE_ADDON']);
    expect(skuPartNumbers(tenant, byAlias('compliance'))).toEqual(['SPE_E5']);
    expect(enabledPlans(tenant, byAlias('compliance')).has(PLAN.plan2)).toBe(true);
    expect(skuPartNumbers(tenant, byAlias('board'))).toEqual(['ENTERPRISEPACK']);
    expect(byAlias('board').assignedLicenses[0].disabledPlans).toEqual([PLAN.plan2]);
    expect(skuPartNumbers(tenant, byAlias('payroll'))).toEqual(['EXCHANGEENTERPRISE']);
    expect(byAlias('hr-records').mailbox!.autoExpandingArchiveEnabled).toBe(true);
    expect(byAlias('reception').assignedLicenses).toEqual([]);
    expect(byAlias('reception').mailbox!.prohibitSendReceiveQuotaBytes).toBe(100 * GB);
    for (const alias of ['invoices', 'accounts-payable']) {
      const size = byAlias(alias).mailbox!.totalItemSizeBytes;
      expect(size).toBeGreaterThanOrEqual(45 * GB);
      expect(size).toBeLessThan(49 * GB);
    }
  });

  test("records@'s licence carries an Exchange plan still being provisioned", () => {
    const [license] = byAlias('records').assignedLicenses;
    const sku = tenant.subscribedSkus.find((s) => s.skuId === license.skuId)!;
    expect(sku.skuPartNumber).toBe('ENTERPRISEPREMIUM');
    expect(sku.servicePlans.find((p) => p.servicePlanId === PLAN.plan2)!.provisioningStatus).toBe('PendingProvisioning');
    const others = tenant.subscribedSkus.filter((s) => s !== sku).flatMap((s) => s.servicePlans);
    expect(others.every((p) => p.provisioningStatus === 'Success')).toBe(true);
  });

  test('only support@ can sign in, and only orders-apac@ lacks a usage location', () => {
    expect(shared.filter((u) => u.accountEnabled).map((u) => u.mailbox!.alias)).toEqual(['support']);
    expect(shared.filter((u) => u.usageLocation == null).map((u) => u.mailbox!.alias)).toEqual(['orders-apac']);
  });
});

test('mailboxes at 90–99% of their quota', () => {
  const near = people.filter((u) => quotaShare(u) >= 0.9 && quotaShare(u) < 0.99);
  expect(near.length).toBeGreaterThanOrEqual(3);
  expect(near.some((u) => u.mailbox!.prohibitSendReceiveQuotaBytes === 50 * GB)).toBe(true);
  expect(near.some((u) => u.mailbox!.prohibitSendReceiveQuotaBytes === 100 * GB)).toBe(true);
});

test('people idle for months, a mailbox never used, and disabled accounts still licensed', () => {
  const idle = people.filter(
    (u) => u.accountEnabled && u.mailbox!.lastInteractionTime && daysBefore(now, u.mailbox!.lastInteractionTime) > 90,
  );
  expect(idle.map((u) => u.displayName)).toContain('Johanna Lorenz');
  expect(people.some((u) => u.accountEnabled && u.mailbox!.lastInteractionTime === null)).toBe(true);
  const disabledLicensed = people.filter((u) => !u.accountEnabled && u.assignedLicenses.length > 0).map((u) => u.displayName);
  expect(disabledLicensed).toEqual(expect.arrayContaining(['Nestor Wilke', 'Isaiah Langer']));
});

test('one licence pool exhausted, one with a single seat left, the rest with room', () => {
  const archiving = consumed(tenant, 'EXCHANGEARCHIVE_ADDON');
  expect(archiving.enabled).toBe(archiving.consumed);
  const e5 = consumed(tenant, 'SPE_E5');
  expect(e5.enabled - e5.consumed).toBe(1);
  const plan2 = consumed(tenant, 'EXCHANGEENTERPRISE');
  expect(plan2.enabled - plan2.consumed).toBeGreaterThanOrEqual(5);
  for (const sku of tenant.subscribedSkus) {
    expect(consumed(tenant, sku.skuPartNumber).consumed).toBeGreaterThan(0);
  }
});

test('names in several scripts and every hostile name', () => {
  const names = tenant.users.map((u) => u.displayName);
  for (const [script, pattern] of Object.entries(SCRIPTS)) {
    expect({ script, found: names.some((n) => pattern.test(n)) }).toEqual({ script, found: true });
  }
  for (const fragment of HOSTILE_FRAGMENTS) {
    expect({ fragment, found: names.some((n) => n.includes(fragment)) }).toEqual({ fragment, found: true });
  }
});
