import type { DirectoryUser, MailboxWithStatistics, SubscribedSku } from '../../model/tenant';
import { exchangePlansOf, PLAN_LABEL, type ExchangePlans, type MailboxPlan } from './exchange-plans';
import { skuName } from './sku-catalog';

const GB = 1024 ** 3;

/** Primary mailbox size each plan allows; a shared mailbox without a licence gets 50 GB. */
export const PLAN_QUOTA_BYTES: Record<Exclude<MailboxPlan, 'none'>, number> = {
  plan2: 100 * GB,
  plan1: 50 * GB,
  kiosk: 2 * GB,
};
const SHARED_WITHOUT_LICENSE_BYTES = 50 * GB;

export interface UserLicense {
  skuId: string;
  partNumber: string;
  name: string;
  /** Service plans switched off for this user, by name (the id when the tenant does not name it). */
  disabledPlans: string[];
}

export interface MailboxFit {
  sizeBytes: number | null;
  /** What the plan allows, or null when no plan gives a mailbox. */
  planQuotaBytes: number | null;
  /** Where the quota comes from, in words. */
  quotaSource: string;
  /** Exchange's own ProhibitSendReceiveQuota, which can differ (a legacy 100 GB shared mailbox). */
  mailboxQuotaBytes: number | null;
  fits: boolean | null;
  /** Size as a share of the plan's quota (0..1+), null when unknown. */
  usedRatio: number | null;
}

export interface UserLicenseReport {
  userPrincipalName: string;
  displayName: string;
  accountEnabled: boolean;
  usageLocation: string | null;
  licenses: UserLicense[];
  exchange: ExchangePlans;
  planLabel: string;
  mailbox: MailboxFit | null;
}

export function userLicenses(user: DirectoryUser, skus: SubscribedSku[], mailbox?: MailboxWithStatistics | null): UserLicenseReport {
  const skuById = new Map(skus.map((s) => [s.skuId.toLowerCase(), s]));
  const licenses = user.assignedLicenses.map((l): UserLicense => {
    const sku = skuById.get(l.skuId.toLowerCase());
    const planNames = new Map((sku?.servicePlans ?? []).map((p) => [p.servicePlanId.toLowerCase(), p.servicePlanName]));
    return {
      skuId: l.skuId,
      partNumber: sku?.skuPartNumber ?? '',
      name: skuName(sku ?? { skuId: l.skuId }),
      disabledPlans: l.disabledPlans.map((id) => planNames.get(id.toLowerCase()) ?? id),
    };
  });
  const exchange = exchangePlansOf(user, skus);
  return {
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
    accountEnabled: user.accountEnabled,
    usageLocation: user.usageLocation,
    licenses,
    exchange,
    planLabel: PLAN_LABEL[exchange.plan] + (exchange.archiving ? ' with Exchange Online Archiving' : ''),
    mailbox: mailbox ? mailboxFit(exchange.plan, mailbox) : null,
  };
}

function mailboxFit(plan: MailboxPlan, mailbox: MailboxWithStatistics): MailboxFit {
  const sizeBytes = mailbox.statistics?.totalItemSizeBytes ?? null;
  let planQuotaBytes: number | null = null;
  let quotaSource = 'no Exchange plan gives this mailbox a quota';
  if (plan !== 'none') {
    planQuotaBytes = PLAN_QUOTA_BYTES[plan];
    quotaSource = PLAN_LABEL[plan];
  } else if (mailbox.recipientTypeDetails === 'SharedMailbox') {
    planQuotaBytes = SHARED_WITHOUT_LICENSE_BYTES;
    quotaSource = 'a shared mailbox without a licence';
  }
  return {
    sizeBytes,
    planQuotaBytes,
    quotaSource,
    mailboxQuotaBytes: mailbox.prohibitSendReceiveQuotaBytes,
    fits: sizeBytes !== null && planQuotaBytes !== null ? sizeBytes <= planQuotaBytes : null,
    usedRatio: sizeBytes !== null && planQuotaBytes !== null ? sizeBytes / planQuotaBytes : null,
  };
}
