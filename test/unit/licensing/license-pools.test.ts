import { licensePools, poolLevel } from '../../../src/reports/licensing/license-pools';
import { licenseWaste } from '../../../src/reports/licensing/license-waste';
import { userLicenses } from '../../../src/reports/licensing/user-licenses';
import type { MailboxWithStatistics } from '../../../src/model/tenant';
import {
  directoryUser,
  exchangePlan1,
  exchangePlan2,
  GB,
  license,
  office365E3,
  PLAN,
  sharedMailbox,
  sku,
  SKU_ID,
  tenantSkus,
} from './licensing-fixtures';

describe('licencePools', () => {
  test.each([
    [50, 50, 'exhausted'],
    [50, 52, 'exhausted'],
    [50, 48, 'nearly'], // 2 free: below max(2, 2.5)
    [50, 47, 'ok'], // 3 free
    [1000, 951, 'nearly'], // 49 free < 50 (5%)
    [1000, 950, 'ok'],
    [10, 9, 'nearly'], // 1 free < the minimum of 2
  ])('%i bought, %i assigned → %s', (bought, assigned, level) => {
    expect(poolLevel(bought, bought - assigned)).toBe(level);
  });

  test('the threshold can be configured', () => {
    expect(poolLevel(100, 15, { nearlyRatio: 0.2 })).toBe('nearly');
    expect(poolLevel(100, 3, { nearlyMinimum: 5 })).toBe('nearly');
  });

  test('pools carry names, numbers and status, running out first', () => {
    const warning = {
      ...exchangePlan1(20, 3),
      capabilityStatus: 'Warning',
      prepaidUnits: { enabled: 20, warning: 20, suspended: 0, lockedOut: 0 },
    };
    const trial = sku('aaaaaaaa-0000-0000-0000-000000000000', 'SOME_ENDED_TRIAL', [], 0, 0);
    const pools = licensePools([warning, office365E3(50, 50), exchangePlan2(10, 9), trial]);
    expect(pools.map((p) => [p.name, p.bought, p.assigned, p.free, p.level])).toEqual([
      ['Office 365 E3', 50, 50, 0, 'exhausted'],
      ['Exchange Online (Plan 2)', 10, 9, 1, 'nearly'],
      ['Exchange Online (Plan 1)', 20, 3, 17, 'ok'],
      ['SOME_ENDED_TRIAL', 0, 0, 0, 'ok'],
    ]);
    expect(pools[2]).toMatchObject({ status: 'Warning', warningUnits: 20, exchangePlan: 'Exchange Online (Plan 1)' });
  });
});

function userMailbox(upn: string, userId: string, lastInteractionTime: string | null): MailboxWithStatistics {
  const m = sharedMailbox({ userPrincipalName: upn, displayName: upn, userId, recipientTypeDetails: 'UserMailbox' });
  return { ...m, statistics: { ...m.statistics!, lastInteractionTime } };
}

describe('licenceWaste', () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const skus = tenantSkus();
  const users = [
    directoryUser({
      id: 'gone',
      userPrincipalName: 'gone@x',
      displayName: 'Gone',
      accountEnabled: false,
      assignedLicenses: [license(SKU_ID.office365E3)],
    }),
    directoryUser({
      id: 'idle',
      userPrincipalName: 'idle@x',
      displayName: 'Idle',
      accountEnabled: true,
      assignedLicenses: [license(SKU_ID.office365E3)],
    }),
    directoryUser({
      id: 'never',
      userPrincipalName: 'never@x',
      displayName: 'Never',
      accountEnabled: true,
      assignedLicenses: [license(SKU_ID.exchangePlan1)],
    }),
    directoryUser({
      id: 'busy',
      userPrincipalName: 'busy@x',
      displayName: 'Busy',
      accountEnabled: true,
      assignedLicenses: [license(SKU_ID.office365E3)],
    }),
    directoryUser({
      id: 'edge',
      userPrincipalName: 'edge@x',
      displayName: 'Edge',
      accountEnabled: true,
      assignedLicenses: [license(SKU_ID.office365E3)],
    }),
    directoryUser({ id: 'big-shared', accountEnabled: false, assignedLicenses: [license(SKU_ID.exchangePlan2)] }),
    directoryUser({ id: 'small-shared', accountEnabled: false, assignedLicenses: [license(SKU_ID.exchangePlan2)] }),
  ];
  const mailboxes = [
    userMailbox('gone@x', 'gone', '2024-01-01T00:00:00Z'),
    userMailbox('idle@x', 'idle', '2025-02-01T00:00:00Z'),
    userMailbox('never@x', 'never', null),
    userMailbox('busy@x', 'busy', '2025-05-30T00:00:00Z'),
    userMailbox('edge@x', 'edge', '2025-03-03T00:00:00Z'), // exactly 90 days
    sharedMailbox({ userId: 'big-shared', userPrincipalName: 'big-shared@x', sizeBytes: 80 * GB }),
    sharedMailbox({ userId: 'small-shared', userPrincipalName: 'small-shared@x', sizeBytes: 2 * GB }),
  ];

  test('licences on disabled accounts, idle licensed mailboxes, shared mailboxes licensed without need', () => {
    const waste = licenseWaste({ users, mailboxes, skus, now });
    expect(waste.disabledAccounts).toEqual([
      { userPrincipalName: 'gone@x', displayName: 'Gone', licenses: ['Office 365 E3'], skuIds: [SKU_ID.office365E3] },
    ]);
    expect(waste.inactiveMailboxes.map((m) => [m.userPrincipalName, m.idleDays])).toEqual([
      ['never@x', null],
      ['idle@x', 120],
    ]);
    expect(waste.sharedWithoutNeed.map((v) => v.userPrincipalName)).toEqual(['small-shared@x']);
    expect(waste.licenseCount).toBe(4);
  });

  test('the idle period is configurable', () => {
    const waste = licenseWaste({ users, mailboxes, skus, now, inactiveDays: 30 });
    expect(waste.inactiveMailboxes.map((m) => m.userPrincipalName)).toEqual(['never@x', 'idle@x', 'edge@x']);
  });
});

describe('userLicences', () => {
  const skus = tenantSkus();

  test('SKUs by name, disabled plans by name, the Exchange plan and the mailbox against its quota', () => {
    const user = directoryUser({
      userPrincipalName: 'ann@x',
      displayName: 'Ann',
      accountEnabled: true,
      assignedLicenses: [license(SKU_ID.office365E3, ['cccc0003-0000-4000-8000-000000000000'])],
    });
    const report = userLicenses(user, skus, { ...sharedMailbox({ sizeBytes: 60 * GB }), recipientTypeDetails: 'UserMailbox' });
    expect(report.licenses).toEqual([
      { skuId: SKU_ID.office365E3, partNumber: 'ENTERPRISEPACK', name: 'Office 365 E3', disabledPlans: ['CCCC_PLAN_3'] },
    ]);
    expect(report.planLabel).toBe('Exchange Online (Plan 2)');
    expect(report.mailbox).toMatchObject({ planQuotaBytes: 100 * GB, fits: true });
    expect(report.mailbox?.usedRatio).toBeCloseTo(0.6);
  });

  test.each([
    ['Plan 1', SKU_ID.exchangePlan1, 50 * GB, 50 * GB, true],
    ['Plan 1', SKU_ID.exchangePlan1, 50 * GB + 1, 50 * GB, false],
  ])('%s allows %#', (_name, skuId, size, quota, fits) => {
    const report = userLicenses(directoryUser({ assignedLicenses: [license(skuId)] }), skus, {
      ...sharedMailbox({ sizeBytes: size }),
      recipientTypeDetails: 'UserMailbox',
    });
    expect(report.mailbox).toMatchObject({ planQuotaBytes: quota, fits });
  });

  test('a kiosk mailbox over 2 GB does not fit', () => {
    const kiosk = sku(
      SKU_ID.f3,
      'SPE_F1',
      [{ servicePlanId: PLAN.kiosk, servicePlanName: 'EXCHANGE_S_DESKLESS', provisioningStatus: 'Success' }],
      5,
      1,
    );
    const report = userLicenses(directoryUser({ assignedLicenses: [license(SKU_ID.f3)] }), [kiosk], {
      ...sharedMailbox({ sizeBytes: 3 * GB }),
      recipientTypeDetails: 'UserMailbox',
    });
    expect(report.planLabel).toBe('Exchange Online Kiosk');
    expect(report.mailbox).toMatchObject({ planQuotaBytes: 2 * GB, fits: false });
  });

  test('an unlicensed shared mailbox is measured against its free 50 GB; a user without a plan against nothing', () => {
    expect(userLicenses(directoryUser(), skus, sharedMailbox({ sizeBytes: 51 * GB })).mailbox).toMatchObject({
      planQuotaBytes: 50 * GB,
      fits: false,
    });
    const unlicensedUser = userLicenses(directoryUser(), skus, { ...sharedMailbox(), recipientTypeDetails: 'UserMailbox' });
    expect(unlicensedUser.mailbox).toMatchObject({ planQuotaBytes: null, fits: null });
    expect(userLicenses(directoryUser(), skus).mailbox).toBeNull();
  });
});
