import type { DirectoryUser, MailboxWithStatistics, ServicePlan, SubscribedSku } from '../../../src/model/tenant';

export const GB = 1024 ** 3;

export const PLAN = {
  plan2: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  plan1: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
  archiving: '176a09a6-7ec5-4039-ac02-b2791c6ba793',
  kiosk: '4a82b400-a79f-41a4-b4e2-e94f5787b113',
  foundation: '113feb6c-3fe4-4440-bddc-54d774bf0318',
};

export const SKU_ID = {
  exchangePlan1: '4b9405b0-7788-4568-add1-99614e613b69',
  exchangePlan2: '19ec0d23-8335-4cbd-94ac-6050e30712fa',
  archiving: 'ee02fd1b-340e-4a4b-b355-4a514e4c8943',
  office365E3: '6fd2c87f-b296-42f0-b197-1e91e994b900',
  microsoft365E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  businessPremium: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
  f3: '66b55226-6b4f-492c-910c-a3b7a3c9d993',
  powerBiFree: 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235',
};

function plan(servicePlanId: string, servicePlanName: string, provisioningStatus = 'Success'): ServicePlan {
  return { servicePlanId, servicePlanName, provisioningStatus, appliesTo: 'User' };
}

/** Suites carry dozens of plans that have nothing to do with mail. */
function filler(prefix: string, n: number): ServicePlan[] {
  return Array.from({ length: n }, (_, i) =>
    plan(`${prefix}${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`.slice(0, 36), `${prefix.toUpperCase()}_PLAN_${i}`),
  );
}

export function sku(
  skuId: string,
  skuPartNumber: string,
  servicePlans: ServicePlan[],
  bought: number,
  assigned: number,
  capabilityStatus = 'Enabled',
): SubscribedSku {
  return {
    skuId,
    skuPartNumber,
    capabilityStatus,
    consumedUnits: assigned,
    prepaidUnits: { enabled: bought, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans,
  };
}

export const exchangePlan1 = (bought = 10, assigned = 5) =>
  sku(SKU_ID.exchangePlan1, 'EXCHANGESTANDARD', [plan(PLAN.plan1, 'EXCHANGE_S_STANDARD'), ...filler('aaaa', 2)], bought, assigned);
export const exchangePlan2 = (bought = 10, assigned = 7, status = 'Success') =>
  sku(
    SKU_ID.exchangePlan2,
    'EXCHANGEENTERPRISE',
    [plan(PLAN.plan2, 'EXCHANGE_S_ENTERPRISE', status), ...filler('bbbb', 2)],
    bought,
    assigned,
  );
export const archivingAddOn = (bought = 10, assigned = 6) =>
  sku(SKU_ID.archiving, 'EXCHANGEARCHIVE_ADDON', [plan(PLAN.archiving, 'EXCHANGE_S_ARCHIVE_ADDON')], bought, assigned);
export const office365E3 = (bought = 50, assigned = 40) =>
  sku(SKU_ID.office365E3, 'ENTERPRISEPACK', [plan(PLAN.plan2, 'EXCHANGE_S_ENTERPRISE'), ...filler('cccc', 25)], bought, assigned);
export const microsoft365E5 = (bought = 20, assigned = 12) =>
  sku(SKU_ID.microsoft365E5, 'SPE_E5', [plan(PLAN.plan2, 'EXCHANGE_S_ENTERPRISE'), ...filler('dddd', 60)], bought, assigned);
export const businessPremium = (bought = 10, assigned = 2) =>
  sku(
    SKU_ID.businessPremium,
    'SPB',
    [plan(PLAN.plan1, 'EXCHANGE_S_STANDARD'), plan(PLAN.archiving, 'EXCHANGE_S_ARCHIVE_ADDON'), ...filler('eeee', 40)],
    bought,
    assigned,
  );

/** A tenant with free units of everything. */
export function tenantSkus(): SubscribedSku[] {
  return [exchangePlan1(), exchangePlan2(), archivingAddOn(), office365E3(), microsoft365E5(), businessPremium()];
}

export function sharedMailbox(over: Partial<MailboxWithStatistics> & { sizeBytes?: number | null } = {}): MailboxWithStatistics {
  const { sizeBytes = 10 * GB, ...rest } = over;
  return {
    userId: 'user-shared-1',
    displayName: 'Shared Sales',
    userPrincipalName: 'sales@contoso.example',
    primarySmtpAddress: 'sales@contoso.example',
    recipientTypeDetails: 'SharedMailbox',
    litigationHoldEnabled: false,
    archiveStatus: 'None',
    autoExpandingArchiveEnabled: false,
    issueWarningQuotaBytes: 49 * GB,
    prohibitSendQuotaBytes: 49.5 * GB,
    prohibitSendReceiveQuotaBytes: 50 * GB,
    statistics:
      sizeBytes === null
        ? null
        : {
            itemCount: 1000,
            totalItemSizeBytes: sizeBytes,
            deletedItemCount: 0,
            totalDeletedItemSizeBytes: 0,
            lastInteractionTime: '2025-01-01T00:00:00Z',
            lastLogonTime: null,
          },
    ...rest,
  };
}

export function directoryUser(over: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    id: 'user-shared-1',
    displayName: 'Shared Sales',
    userPrincipalName: 'sales@contoso.example',
    accountEnabled: false,
    usageLocation: 'GB',
    assignedLicenses: [],
    ...over,
  };
}

export const license = (skuId: string, disabledPlans: string[] = []) => ({ skuId, disabledPlans });
