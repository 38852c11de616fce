// A tenant built for the archive and Recoverable Items alerts: each kind has exactly one mailbox
// that trips it once its readings say so, and the others stay quiet.
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { alertTenant, GB } from '../alerts/alert-tenant';

export { GB };
export const NEAR_CAP = 'nearcap@contoso.example';
export const FAST = 'fast@contoso.example';
export const HELD = 'held@contoso.example';
export const CALM = 'calm@contoso.example';

function user(id: string, upn: string, name: string, mailbox: Record<string, unknown>) {
  return {
    id,
    userPrincipalName: upn,
    displayName: name,
    mail: upn,
    accountEnabled: true,
    usageLocation: 'US',
    assignedLicenses: [],
    createdDateTime: '2023-03-01T08:00:00Z',
    mailbox: {
      recipientTypeDetails: 'UserMailbox',
      itemCount: 1000,
      totalItemSizeBytes: 2 * GB,
      deletedItemCount: 0,
      totalDeletedItemSizeBytes: 0,
      issueWarningQuotaBytes: 98 * GB,
      prohibitSendQuotaBytes: 99 * GB,
      prohibitSendReceiveQuotaBytes: 100 * GB,
      lastInteractionTime: new Date().toISOString(),
      lastLogonTime: new Date().toISOString(),
      litigationHoldEnabled: false,
      archiveStatus: 'None',
      whenMailboxCreated: '2023-03-01T08:05:00Z',
      ...mailbox,
    },
  };
}

export function archiveTenant(): TenantFixture {
  const base = alertTenant();
  return {
    ...base,
    users: [
      ...base.users,
      // 95 GB of its 100 GB archive: full within days once a second reading shows it growing.
      user('a7000000-0000-4000-8000-000000000001', NEAR_CAP, 'Nora Nearcap', {
        archiveStatus: 'Active',
        archive: { itemCount: 400_000, totalItemSizeBytes: 95 * GB },
      }),
      // Auto-expanding, far from 1.5 TB, but about to grow 3 GB in a day.
      user('a7000000-0000-4000-8000-000000000002', FAST, 'Felix Fast', {
        archiveStatus: 'Active',
        autoExpandingArchiveEnabled: true,
        archive: { itemCount: 900_000, totalItemSizeBytes: 200 * GB },
      }),
      // On Litigation Hold with 85 GB of Recoverable Items against the 100 GB quota on hold.
      user('a7000000-0000-4000-8000-000000000003', HELD, 'Hana Held', {
        litigationHoldEnabled: true,
        deletedItemCount: 300_000,
        totalDeletedItemSizeBytes: 85 * GB,
      }),
      user('a7000000-0000-4000-8000-000000000004', CALM, 'Cara Calm', {
        archiveStatus: 'Active',
        archive: { itemCount: 1_000, totalItemSizeBytes: 1 * GB },
      }),
    ],
  } as TenantFixture;
}
