// A small tenant written out in full, so each test can name the mailbox it checks.
import type { FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';

export const GB = 1024 ** 3;
export const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
export const EXO_P1 = '4b9405b0-7788-4568-add1-99614e613b69';
export const ADMIN_GROUP = '5b0e0c1a-1111-4a4a-9a9a-000000000001';
export const TENANT_ID = '2f1b3c4d-0000-4000-8000-00000000aaaa';
export const CLIENT_ID = '7a7a7a7a-0000-4000-8000-00000000c1d0';
export const PRINCIPAL_ID = '8b8b8b8b-0000-4000-8000-0000000000b0';

export const ALICE = 'a1111111-0000-4000-8000-000000000001';
export const BOB = 'b2222222-0000-4000-8000-000000000002';
export const FINANCE = 'f3333333-0000-4000-8000-000000000003';
export const ROOM = 'c4444444-0000-4000-8000-000000000004';
export const NO_MAILBOX = 'd5555555-0000-4000-8000-000000000005';
export const SAM1 = 'e6666666-0000-4000-8000-000000000006';
export const SAM2 = 'e7777777-0000-4000-8000-000000000007';

const quota100 = { issueWarningQuotaBytes: 98 * GB, prohibitSendQuotaBytes: 99 * GB, prohibitSendReceiveQuotaBytes: 100 * GB };
const quota50 = { issueWarningQuotaBytes: 49 * GB, prohibitSendQuotaBytes: 49.5 * GB, prohibitSendReceiveQuotaBytes: 50 * GB };

function userMailbox(id: string, upn: string, displayName: string, extra: Partial<FixtureUser> = {}): FixtureUser {
  return {
    id,
    userPrincipalName: upn,
    displayName,
    mail: upn,
    accountEnabled: true,
    usageLocation: 'US',
    assignedLicenses: [],
    createdDateTime: '2023-03-01T08:00:00Z',
    mailbox: {
      recipientTypeDetails: 'UserMailbox',
      itemCount: 100,
      totalItemSizeBytes: 10 * 1024 * 1024,
      deletedItemCount: 3,
      totalDeletedItemSizeBytes: 2048,
      ...quota100,
      lastInteractionTime: '2024-05-01T10:00:00Z',
      lastLogonTime: '2024-05-01T09:00:00Z',
      litigationHoldEnabled: false,
      archiveStatus: 'None',
      whenMailboxCreated: '2023-03-01T08:05:00Z',
    },
    ...extra,
  };
}

export function smallTenant(): TenantFixture {
  const alice = userMailbox(ALICE, 'alice@contoso.example', 'Alice Adams', { assignedLicenses: [{ skuId: E3, disabledPlans: [] }] });
  alice.mailbox!.itemCount = 4321;
  alice.mailbox!.totalItemSizeBytes = 1782579200;
  const bob = userMailbox(BOB, 'bob@contoso.example', "Bob O'Brien", { usageLocation: null });
  bob.mailbox!.alias = 'bobby';
  const finance = userMailbox(FINANCE, 'finance@contoso.example', 'Finance Shared', { accountEnabled: false });
  finance.mailbox = {
    ...finance.mailbox!,
    recipientTypeDetails: 'SharedMailbox',
    totalItemSizeBytes: 60 * GB,
    litigationHoldEnabled: true,
    archiveStatus: 'Active',
    autoExpandingArchiveEnabled: true,
    archive: { itemCount: 900, totalItemSizeBytes: 3 * GB },
    ...quota50,
    prohibitSendReceiveQuotaBytes: null,
  };
  const room = userMailbox(ROOM, 'room1@contoso.example', 'Board Room', { accountEnabled: false });
  room.mailbox!.recipientTypeDetails = 'RoomMailbox';
  const sam1 = userMailbox(SAM1, 'sam.lee@contoso.example', 'Sam Lee', { assignedLicenses: [{ skuId: EXO_P1 }] });
  const sam2 = userMailbox(SAM2, 'sam.lee2@contoso.example', 'Sam Lee');
  return {
    tenant: { id: TENANT_ID, initialDomain: 'contoso.onmicrosoft.com', displayName: 'Contoso' },
    identity: {
      clientId: CLIENT_ID,
      principalId: PRINCIPAL_ID,
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
    reportRefreshDate: '2024-05-02',
    subscribedSkus: [
      {
        skuId: E3,
        skuPartNumber: 'ENTERPRISEPACK',
        prepaidUnits: { enabled: 5 },
        servicePlans: [{ servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0', servicePlanName: 'EXCHANGE_S_ENTERPRISE' }],
      },
      {
        skuId: EXO_P1,
        skuPartNumber: 'EXCHANGESTANDARD',
        prepaidUnits: { enabled: 1, warning: 2 },
        servicePlans: [{ servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', servicePlanName: 'EXCHANGE_S_STANDARD' }],
      },
    ],
    groups: [{ id: ADMIN_GROUP, displayName: 'M365 Bot Admins', members: [ALICE] }],
    users: [
      alice,
      bob,
      finance,
      room,
      {
        id: NO_MAILBOX,
        userPrincipalName: 'nomail@contoso.example',
        displayName: 'No Mailbox',
        accountEnabled: true,
        assignedLicenses: [],
        mailbox: null,
      },
      sam1,
      sam2,
    ],
  };
}

/** The small tenant plus `count` generated user mailboxes, for paging. */
export function tenantWith(count: number): TenantFixture {
  const fixture = smallTenant();
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(6, '0');
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    fixture.users.push(userMailbox(id, `user${n}@contoso.example`, `User ${n}`));
  }
  return fixture;
}
