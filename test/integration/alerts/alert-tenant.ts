// A tenant where nothing is wrong, so each alert test causes exactly what it checks.
import type { FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';

export const GB = 1024 ** 3;
export const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
export const EXO_P2 = '19ec0d23-8335-4cbd-94ac-6050e30712fa';
const EXCHANGE_S_ENTERPRISE = 'efb87545-963c-4e0d-99df-69c6916d9eb0';

export const ALICE = 'a1111111-0000-4000-8000-000000000001';
export const SHARED = [
  '5a000000-0000-4000-8000-000000000001',
  '5a000000-0000-4000-8000-000000000002',
  '5a000000-0000-4000-8000-000000000003',
  '5a000000-0000-4000-8000-000000000004',
];

export const sharedUpn = (i: number) => `shared${i + 1}@contoso.example`;

function mailboxUser(
  id: string,
  upn: string,
  displayName: string,
  type: string,
  sizeBytes: number,
  extra: Partial<FixtureUser> = {},
): FixtureUser {
  return {
    id,
    userPrincipalName: upn,
    displayName,
    mail: upn,
    accountEnabled: type === 'UserMailbox',
    usageLocation: 'US',
    assignedLicenses: [],
    createdDateTime: '2023-03-01T08:00:00Z',
    mailbox: {
      recipientTypeDetails: type,
      itemCount: 1000,
      totalItemSizeBytes: sizeBytes,
      deletedItemCount: 0,
      totalDeletedItemSizeBytes: 0,
      // Shared mailboxes made before 2018 kept 100 GB quotas: over 50 GB they need a licence, not space.
      issueWarningQuotaBytes: 98 * GB,
      prohibitSendQuotaBytes: 99 * GB,
      prohibitSendReceiveQuotaBytes: 100 * GB,
      lastInteractionTime: new Date().toISOString(),
      lastLogonTime: new Date().toISOString(),
      litigationHoldEnabled: false,
      archiveStatus: 'None',
      whenMailboxCreated: '2023-03-01T08:05:00Z',
    },
    ...extra,
  } as FixtureUser;
}

export function alertTenant(): TenantFixture {
  return {
    tenant: { id: '2f1b3c4d-0000-4000-8000-00000000aaaa', initialDomain: 'contoso.onmicrosoft.com', displayName: 'Contoso' },
    identity: {
      clientId: '7a7a7a7a-0000-4000-8000-00000000c1d0',
      principalId: '8b8b8b8b-0000-4000-8000-0000000000b0',
      graphAppRoles: [
        'User.Read.All',
        'Reports.Read.All',
        'Organization.Read.All',
        'GroupMember.Read.All',
        'LicenseAssignment.ReadWrite.All',
        'ReportSettings.Read.All',
        'Application.Read.All',
      ],
      exchangeAppRoles: ['Exchange.ManageAsApp'],
      directoryRoles: ['Exchange Recipient Administrator'],
    },
    reportSettings: { displayConcealedNames: false },
    reportRefreshDate: new Date().toISOString().slice(0, 10),
    subscribedSkus: [
      {
        skuId: E3,
        skuPartNumber: 'ENTERPRISEPACK',
        prepaidUnits: { enabled: 50 },
        servicePlans: [{ servicePlanId: EXCHANGE_S_ENTERPRISE, servicePlanName: 'EXCHANGE_S_ENTERPRISE' }],
      },
      {
        skuId: EXO_P2,
        skuPartNumber: 'EXCHANGEENTERPRISE',
        prepaidUnits: { enabled: 50 },
        servicePlans: [{ servicePlanId: EXCHANGE_S_ENTERPRISE, servicePlanName: 'EXCHANGE_S_ENTERPRISE' }],
      },
    ],
    groups: [],
    users: [
      mailboxUser(ALICE, 'alice@contoso.example', 'Alice Adams', 'UserMailbox', 2 * GB, {
        assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
      }),
      ...SHARED.map((id, i) => mailboxUser(id, sharedUpn(i), `Shared Desk ${i + 1}`, 'SharedMailbox', 20 * GB)),
    ],
  } as TenantFixture;
}
