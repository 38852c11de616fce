import type { AssignedLicense, SubscribedSku } from '../../model/tenant';
import { exchangePlan, skuName, type ExchangePlanKind } from './sku-catalog';

export type MailboxPlan = 'plan2' | 'plan1' | 'kiosk' | 'none';

/** One Exchange service plan a user gets (or would get) through one of their licences. */
export interface ExchangePlanSource {
  skuId: string;
  skuName: string;
  planId: string;
  planName: string;
  planLabel: string;
  kind: ExchangePlanKind;
  /** provisioningStatus of the plan in the tenant, or the subscription's status when that blocks it. */
  status: string;
}

export interface ExchangePlans {
  /** The best mailbox plan in effect now. */
  plan: MailboxPlan;
  /** Exchange Online Archiving is in effect. */
  archiving: boolean;
  /** Exchange plans in effect. */
  sources: ExchangePlanSource[];
  /** Exchange plans assigned but not in effect yet (provisioning) or any more (subscription suspended). */
  pending: ExchangePlanSource[];
  /** Exchange plans that an assigned licence carries but that are switched off in disabledPlans. */
  disabled: ExchangePlanSource[];
  /** Assigned skuIds that the tenant's subscriptions do not list: their plans cannot be known. */
  unknownSkuIds: string[];
}

const PLAN_RANK: Record<MailboxPlan, number> = { none: 0, kiosk: 1, plan1: 2, plan2: 3 };

/** Subscriptions in these states no longer serve their users. */
const BLOCKING_CAPABILITY = new Set(['suspended', 'lockedout', 'deleted']);

/**
 * What Exchange gives a user: the service plans of each assigned SKU minus its disabledPlans,
 * decided by servicePlanId. A plan counts once its provisioningStatus is "Success" (or absent, as
 * some fixtures leave it); any other status is reported as pending rather than trusted.
 */
export function exchangePlansOf(user: { assignedLicenses: AssignedLicense[] }, skus: SubscribedSku[]): ExchangePlans {
  const byId = new Map(skus.map((s) => [s.skuId.toLowerCase(), s]));
  const result: ExchangePlans = { plan: 'none', archiving: false, sources: [], pending: [], disabled: [], unknownSkuIds: [] };
  for (const license of user.assignedLicenses) {
    const sku = byId.get(license.skuId.toLowerCase());
    if (!sku) {
      result.unknownSkuIds.push(license.skuId);
      continue;
    }
    const off = new Set(license.disabledPlans.map((id) => id.toLowerCase()));
    const blocked = BLOCKING_CAPABILITY.has(sku.capabilityStatus.toLowerCase());
    for (const servicePlan of sku.servicePlans) {
      const info = exchangePlan(servicePlan.servicePlanId);
      if (!info || info.kind === 'none') continue;
      const provisioning = servicePlan.provisioningStatus ?? 'Success';
      const source: ExchangePlanSource = {
        skuId: sku.skuId,
        skuName: skuName(sku),
        planId: servicePlan.servicePlanId,
        planName: info.name,
        planLabel: info.label,
        kind: info.kind,
        status: blocked ? `subscription ${sku.capabilityStatus}` : provisioning,
      };
      if (off.has(servicePlan.servicePlanId.toLowerCase())) result.disabled.push(source);
      else if (blocked || provisioning.toLowerCase() !== 'success') result.pending.push(source);
      else result.sources.push(source);
    }
  }
  for (const source of result.sources) {
    if (source.kind === 'archiving') result.archiving = true;
    else if (PLAN_RANK[source.kind as MailboxPlan] > PLAN_RANK[result.plan]) result.plan = source.kind as MailboxPlan;
  }
  return result;
}

/** What the user would have if these SKUs were added with no plan disabled. */
export function exchangePlansWith(
  user: { assignedLicenses: AssignedLicense[] },
  skus: SubscribedSku[],
  addSkuIds: string[],
): ExchangePlans {
  const held = new Set(user.assignedLicenses.map((l) => l.skuId.toLowerCase()));
  const added = addSkuIds.filter((id) => !held.has(id.toLowerCase())).map((skuId) => ({ skuId, disabledPlans: [] }));
  return exchangePlansOf({ assignedLicenses: [...user.assignedLicenses, ...added] }, skus);
}

export const PLAN_LABEL: Record<MailboxPlan, string> = {
  plan2: 'Exchange Online (Plan 2)',
  plan1: 'Exchange Online (Plan 1)',
  kiosk: 'Exchange Online Kiosk',
  none: 'no Exchange plan',
};
