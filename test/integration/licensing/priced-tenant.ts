// A tenant whose seats are counted by hand, so the licence card's money can be checked by arithmetic:
// Office 365 E3 (ENTERPRISEPACK) 11 bought, 7 assigned — 3 people at work, 1 who works in Teams
// but has not touched mail for 200 days, 1 disabled account, 1 inactive everywhere for 200 days,
// 1 shared mailbox that needs no licence — and an unlicensed shared mailbox on litigation hold that
// needs one; Microsoft 365 E5 (SPE_E5) 2 bought, 2 assigned, no waste.
import type { FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';
import { smallTenant, GB } from '../simulator/small-tenant';

export const O365_E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
export const M365_E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
const PLAN2 = { servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0', servicePlanName: 'EXCHANGE_S_ENTERPRISE' };
const DAY = 86_400_000;

let n = 0;
export function person(
  alias: string,
  displayName: string,
  o: { skuId?: string; idleDays?: number; enabled?: boolean; shared?: boolean; hold?: boolean; extra?: Partial<FixtureUser> } = {},
): FixtureUser {
  n++;
  const upn = `${alias}@contoso.example`;
  return {
    id: `9a000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    userPrincipalName: upn,
    displayName,
    mail: upn,
    accountEnabled: o.enabled ?? !o.shared,
    usageLocation: 'US',
    createdDateTime: '2024-01-01T08:00:00Z',
    assignedLicenses: o.skuId ? [{ skuId: o.skuId, disabledPlans: [] }] : [],
    mailbox: {
      recipientTypeDetails: o.shared ? 'SharedMailbox' : 'UserMailbox',
      itemCount: 500,
      totalItemSizeBytes: 1 * GB,
      issueWarningQuotaBytes: 98 * GB,
      prohibitSendQuotaBytes: 99 * GB,
      prohibitSendReceiveQuotaBytes: 100 * GB,
      lastInteractionTime: new Date(Date.now() - (o.idleDays ?? 1) * DAY).toISOString(),
      litigationHoldEnabled: o.hold ?? false,
      archiveStatus: 'None',
      whenMailboxCreated: '2024-01-01T08:05:00Z',
    },
    ...o.extra,
  };
}

export function pricedTenant(): TenantFixture {
  const base = smallTenant();
  return {
    ...base,
    reportRefreshDate: undefined,
    subscribedSkus: [
      { skuId: O365_E3, skuPartNumber: 'ENTERPRISEPACK', prepaidUnits: { enabled: 11 }, servicePlans: [PLAN2] },
      { skuId: M365_E5, skuPartNumber: 'SPE_E5', prepaidUnits: { enabled: 2 }, servicePlans: [PLAN2] },
    ],
    groups: [],
    users: [
      person('ann', 'Ann Active', { skuId: O365_E3, extra: { department: 'Sales', country: 'DE' } }),
      person('ben', 'Ben Active', { skuId: O365_E3, extra: { department: 'Sales', country: 'FR' } }),
      person('cat', 'Cat Active', { skuId: O365_E3, extra: { department: 'Engineering', country: 'DE' } }),
      person('tom', 'Tom Teams', {
        skuId: O365_E3,
        idleDays: 200,
        extra: { department: 'Engineering', activity: { teams: new Date(Date.now() - 2 * DAY).toISOString() } },
      }),
      person('dan', 'Dan Disabled', { skuId: O365_E3, enabled: false, extra: { department: 'Sales' } }),
      person('ida', 'Ida Idle', { skuId: O365_E3, idleDays: 200, extra: { department: 'Sales' } }),
      person('info', 'Info Shared', { skuId: O365_E3, shared: true }),
      person('legal', 'Legal Shared', { shared: true, hold: true }),
      person('eve', 'Eve Executive', { skuId: M365_E5, extra: { department: 'Board' } }),
      person('fay', 'Fay Executive', { skuId: M365_E5, extra: { department: 'Board' } }),
    ],
  };
}
