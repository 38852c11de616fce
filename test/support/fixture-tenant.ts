// What every hand-written test tenant is made of: the bot's identity holding every permission it
// asks for, the Exchange SKUs, and a mailbox user with quiet defaults (100 GB quotas, no hold, no
// archive, active today), so each tenant file writes only what its own tests check.
import type { FixtureMailbox, FixtureSku, FixtureUser, TenantFixture } from '../../src/simulator/tenant/fixture';
import { GB, GRAPH_APP_ROLES as GENERATED_ROLES, QUOTA_100GB } from '../../src/simulator/tenant/generate';

export { GB };
export const TENANT_ID = '2f1b3c4d-0000-4000-8000-00000000aaaa';
export const CLIENT_ID = '7a7a7a7a-0000-4000-8000-00000000c1d0';
export const PRINCIPAL_ID = '8b8b8b8b-0000-4000-8000-0000000000b0';

/** Office 365 E3 (ENTERPRISEPACK), Exchange Online Plan 1 and Plan 2. */
export const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
export const EXO_P1 = '4b9405b0-7788-4568-add1-99614e613b69';
export const EXO_P2 = '19ec0d23-8335-4cbd-94ac-6050e30712fa';
const EXCHANGE_S_ENTERPRISE = { servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0', servicePlanName: 'EXCHANGE_S_ENTERPRISE' };
const EXCHANGE_S_STANDARD = { servicePlanId: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', servicePlanName: 'EXCHANGE_S_STANDARD' };

/** The generated tenants' roles, and Application.Read.All to read service principals and their app roles. */
export const GRAPH_APP_ROLES = [...GENERATED_ROLES, 'Application.Read.All'];

/** A SKU carrying Exchange: E3 and Plan 2 give EXCHANGE_S_ENTERPRISE, Plan 1 EXCHANGE_S_STANDARD. */
export function exchangeSku(skuId: typeof E3 | typeof EXO_P1 | typeof EXO_P2, prepaidUnits: FixtureSku['prepaidUnits']): FixtureSku {
  const [skuPartNumber, plan] =
    skuId === E3
      ? ['ENTERPRISEPACK', EXCHANGE_S_ENTERPRISE]
      : skuId === EXO_P2
        ? ['EXCHANGEENTERPRISE', EXCHANGE_S_ENTERPRISE]
        : ['EXCHANGESTANDARD', EXCHANGE_S_STANDARD];
  return { skuId, skuPartNumber, prepaidUnits, servicePlans: [plan] };
}

/** Contoso, with the bot's identity granted everything and names shown in usage reports. */
export function fixtureTenant(parts: Pick<TenantFixture, 'subscribedSkus' | 'users'> & Partial<TenantFixture>): TenantFixture {
  return {
    tenant: { id: TENANT_ID, initialDomain: 'contoso.onmicrosoft.com', displayName: 'Contoso' },
    identity: {
      clientId: CLIENT_ID,
      principalId: PRINCIPAL_ID,
      graphAppRoles: [...GRAPH_APP_ROLES],
      exchangeAppRoles: ['Exchange.ManageAsApp'],
      directoryRoles: ['Exchange Recipient Administrator'],
    },
    reportSettings: { displayConcealedNames: false },
    groups: [],
    ...parts,
  };
}

/**
 * An enabled account in the US with a user mailbox of `mailbox`'s figures: no deleted items, 100 GB
 * quotas, used today, no hold, no archive unless `mailbox` says otherwise.
 */
export function mailboxUser(
  id: string,
  upn: string,
  displayName: string,
  mailbox: Pick<FixtureMailbox, 'itemCount' | 'totalItemSizeBytes'> & Partial<FixtureMailbox>,
  extra: Partial<FixtureUser> = {},
): FixtureUser {
  const today = new Date().toISOString();
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
      deletedItemCount: 0,
      totalDeletedItemSizeBytes: 0,
      ...QUOTA_100GB,
      lastInteractionTime: today,
      lastLogonTime: today,
      litigationHoldEnabled: false,
      archiveStatus: 'None',
      whenMailboxCreated: '2023-03-01T08:05:00Z',
      ...mailbox,
    },
    ...extra,
  };
}
