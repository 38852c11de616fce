// The few real subscriptions the simulated tenants sell, copied from Microsoft's licence table
// ("Product names and service plan identifiers for licensing" on learn.microsoft.com, published as CSV).
// Each SKU carries every Exchange plan it really has, so licensing verdicts computed on the
// simulated tenant hold on a real one, plus a few other plans so Exchange is not the only one.

export const EXCHANGE_PLAN = {
  /** Exchange Online (Plan 2): 100 GB mailbox, archive, litigation hold. */
  enterprise: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  /** Exchange Online (Plan 1): 50 GB mailbox. */
  standard: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
  /** Exchange Online Archiving: archive and hold on top of Plan 1. */
  archiveAddon: '176a09a6-7ec5-4039-ac02-b2791c6ba793',
  /** Exchange Foundation: no mailbox of its own. */
  foundation: '113feb6c-3fe4-4440-bddc-54d774bf0318',
  analytics: '34c0d7a0-a70f-4668-9238-47f9fc208882',
  dataClassification: 'cd31b152-6326-4d1b-ae1b-997b625182e6',
} as const;

export interface CatalogSku {
  skuId: string;
  skuPartNumber: string;
  productName: string;
  servicePlans: { servicePlanId: string; servicePlanName: string; appliesTo: 'User' | 'Company' }[];
}

const TEAMS1 = { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1', appliesTo: 'User' } as const;
const OFFICESUBSCRIPTION = {
  servicePlanId: '43de0ff5-c92c-492b-9116-175376d08c38',
  servicePlanName: 'OFFICESUBSCRIPTION',
  appliesTo: 'User',
} as const;
const EXCHANGE_S_ENTERPRISE = {
  servicePlanId: EXCHANGE_PLAN.enterprise,
  servicePlanName: 'EXCHANGE_S_ENTERPRISE',
  appliesTo: 'User',
} as const;
const EXCHANGE_S_STANDARD = { servicePlanId: EXCHANGE_PLAN.standard, servicePlanName: 'EXCHANGE_S_STANDARD', appliesTo: 'User' } as const;
const EXCHANGE_S_ARCHIVE_ADDON = {
  servicePlanId: EXCHANGE_PLAN.archiveAddon,
  servicePlanName: 'EXCHANGE_S_ARCHIVE_ADDON',
  appliesTo: 'User',
} as const;
const EXCHANGE_ANALYTICS = { servicePlanId: EXCHANGE_PLAN.analytics, servicePlanName: 'EXCHANGE_ANALYTICS', appliesTo: 'User' } as const;
const MIP_S_EXCHANGE = { servicePlanId: EXCHANGE_PLAN.dataClassification, servicePlanName: 'MIP_S_Exchange', appliesTo: 'User' } as const;

export const SKU = {
  E3: {
    skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    skuPartNumber: 'ENTERPRISEPACK',
    productName: 'Office 365 E3',
    servicePlans: [
      EXCHANGE_S_ENTERPRISE,
      TEAMS1,
      { servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72', servicePlanName: 'SHAREPOINTENTERPRISE', appliesTo: 'User' },
      OFFICESUBSCRIPTION,
    ],
  },
  M365E5: {
    skuId: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
    skuPartNumber: 'SPE_E5',
    productName: 'Microsoft 365 E5',
    servicePlans: [
      EXCHANGE_S_ENTERPRISE,
      EXCHANGE_ANALYTICS,
      MIP_S_EXCHANGE,
      { servicePlanId: '9f431833-0334-42de-a7dc-70aa40db46db', servicePlanName: 'LOCKBOX_ENTERPRISE', appliesTo: 'User' },
      TEAMS1,
      OFFICESUBSCRIPTION,
      { servicePlanId: 'eec0eb4f-6444-4f95-aba0-50c24d67f998', servicePlanName: 'AAD_PREMIUM_P2', appliesTo: 'User' },
    ],
  },
  O365E5: {
    skuId: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
    skuPartNumber: 'ENTERPRISEPREMIUM',
    productName: 'Office 365 E5',
    servicePlans: [
      EXCHANGE_S_ENTERPRISE,
      EXCHANGE_ANALYTICS,
      MIP_S_EXCHANGE,
      { servicePlanId: '9f431833-0334-42de-a7dc-70aa40db46db', servicePlanName: 'LOCKBOX_ENTERPRISE', appliesTo: 'User' },
      TEAMS1,
      OFFICESUBSCRIPTION,
    ],
  },
  ExchangePlan1: {
    skuId: '4b9405b0-7788-4568-add1-99614e613b69',
    skuPartNumber: 'EXCHANGESTANDARD',
    productName: 'Exchange Online (Plan 1)',
    servicePlans: [
      EXCHANGE_S_STANDARD,
      { servicePlanId: '882e1d05-acd1-4ccb-8708-6ee03664b117', servicePlanName: 'INTUNE_O365', appliesTo: 'User' },
      { servicePlanId: '5e62787c-c316-451f-b873-1d05acd4d12c', servicePlanName: 'BPOS_S_TODO_1', appliesTo: 'User' },
    ],
  },
  ExchangePlan2: {
    skuId: '19ec0d23-8335-4cbd-94ac-6050e30712fa',
    skuPartNumber: 'EXCHANGEENTERPRISE',
    productName: 'Exchange Online (Plan 2)',
    servicePlans: [EXCHANGE_S_ENTERPRISE],
  },
  ExchangeArchiving: {
    skuId: 'ee02fd1b-340e-4a4b-b355-4a514e4c8943',
    skuPartNumber: 'EXCHANGEARCHIVE_ADDON',
    productName: 'Exchange Online Archiving for Exchange Online',
    servicePlans: [EXCHANGE_S_ARCHIVE_ADDON],
  },
  BusinessPremium: {
    skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
    skuPartNumber: 'SPB',
    productName: 'Microsoft 365 Business Premium',
    servicePlans: [
      { servicePlanId: EXCHANGE_PLAN.foundation, servicePlanName: 'EXCHANGE_S_FOUNDATION', appliesTo: 'Company' },
      EXCHANGE_S_STANDARD,
      EXCHANGE_S_ARCHIVE_ADDON,
      TEAMS1,
      { servicePlanId: '094e7854-93fc-4d55-b2c0-3ab5369ebdc1', servicePlanName: 'OFFICE_BUSINESS', appliesTo: 'User' },
      { servicePlanId: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5', servicePlanName: 'INTUNE_A', appliesTo: 'User' },
    ],
  },
} satisfies Record<string, CatalogSku>;

export type SkuName = keyof typeof SKU;
