// A tenant's subscriptions as Graph lists them. consumedUnits is never stored (the schema says it
// is counted from assignedLicenses), so pool sizes are chosen after the users exist.

import type { FixtureSku, FixtureUser } from './fixture';
import type { CatalogSku } from './skus';

export function consumedUnits(users: readonly FixtureUser[]): Map<string, number> {
  const consumed = new Map<string, number>();
  for (const user of users) {
    for (const license of user.assignedLicenses) {
      consumed.set(license.skuId, (consumed.get(license.skuId) ?? 0) + 1);
    }
  }
  return consumed;
}

/** One subscription with `enabled` seats; plans named in `pendingPlans` are still being provisioned. */
export function subscribedSku(sku: CatalogSku, enabled: number, pendingPlans: readonly string[] = []): FixtureSku {
  return {
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    capabilityStatus: 'Enabled',
    prepaidUnits: { enabled, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: sku.servicePlans.map((plan) => ({
      servicePlanId: plan.servicePlanId,
      servicePlanName: plan.servicePlanName,
      provisioningStatus: pendingPlans.includes(plan.servicePlanId) ? 'PendingProvisioning' : 'Success',
      appliesTo: plan.appliesTo,
    })),
  };
}
