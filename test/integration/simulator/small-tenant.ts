// A small tenant written out in full, so each test can name the mailbox it checks.
import type { FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';
import { CLIENT_ID, E3, EXO_P1, exchangeSku, fixtureTenant, GB, mailboxUser, PRINCIPAL_ID, TENANT_ID } from '../../support/fixture-tenant';

export { CLIENT_ID, E3, EXO_P1, GB, PRINCIPAL_ID, TENANT_ID };
export const ADMIN_GROUP = '5b0e0c1a-1111-4a4a-9a9a-000000000001';

export const ALICE = 'a1111111-0000-4000-8000-000000000001';
export const BOB = 'b2222222-0000-4000-8000-000000000002';
export const FINANCE = 'f3333333-0000-4000-8000-000000000003';
export const ROOM = 'c4444444-0000-4000-8000-000000000004';
export const NO_MAILBOX = 'd5555555-0000-4000-8000-000000000005';
export const SAM1 = 'e6666666-0000-4000-8000-000000000006';
export const SAM2 = 'e7777777-0000-4000-8000-000000000007';

const quota50 = { issueWarningQuotaBytes: 49 * GB, prohibitSendQuotaBytes: 49.5 * GB, prohibitSendReceiveQuotaBytes: 50 * GB };

/** A 10 MB user mailbox last used on 1 May 2024 (the day before the usage report's). */
function userMailbox(id: string, upn: string, displayName: string, extra: Partial<FixtureUser> = {}): FixtureUser {
  const mailbox = {
    itemCount: 100,
    totalItemSizeBytes: 10 * 1024 * 1024,
    deletedItemCount: 3,
    totalDeletedItemSizeBytes: 2048,
    lastInteractionTime: '2024-05-01T10:00:00Z',
    lastLogonTime: '2024-05-01T09:00:00Z',
  };
  return mailboxUser(id, upn, displayName, mailbox, extra);
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
  return fixtureTenant({
    reportRefreshDate: '2024-05-02',
    subscribedSkus: [exchangeSku(E3, { enabled: 5 }), exchangeSku(EXO_P1, { enabled: 1, warning: 2 })],
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
  });
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
