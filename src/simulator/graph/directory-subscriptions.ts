// GET /directory/subscriptions as Graph answers it: companySubscription records (microsoftgraph/
// microsoft-graph-docs-contrib api-reference/v1.0/resources/companysubscription.md) with their seats,
// trial or paid, status and next lifecycle date. A fixture without `subscriptions` gets one paid
// subscription per SKU with its prepaid seats, renewing a year after the simulator started.
import type { TenantState } from '../tenant-state';

const STARTED = Date.now();
const DAY_MS = 86_400_000;
const YEAR_MS = 365 * DAY_MS;

/** 5 to 364 days after the start, from the skuId. */
function renewalDay(skuId: string): number {
  const n = [...skuId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return STARTED + (5 + (n % 360)) * DAY_MS;
}

export function directorySubscriptions(state: TenantState): Record<string, unknown>[] {
  const fixture = state.fixture;
  const skus = new Map(fixture.subscribedSkus.map((s) => [s.skuId.toLowerCase(), s]));
  const given =
    fixture.subscriptions ??
    fixture.subscribedSkus
      .filter((s) => s.prepaidUnits.enabled > 0)
      .map((s) => ({
        skuId: s.skuId,
        totalLicenses: s.prepaidUnits.enabled,
        nextLifecycleDateTime: new Date(renewalDay(s.skuId)).toISOString(),
        createdDateTime: new Date(STARTED - YEAR_MS).toISOString(),
      }));
  return given.map((sub, i) => {
    const sku = skus.get(sub.skuId.toLowerCase());
    return {
      id: 'id' in sub && sub.id ? sub.id : state.guid(`companySubscription:${sub.skuId}:${i}`),
      commerceSubscriptionId:
        'commerceSubscriptionId' in sub && sub.commerceSubscriptionId
          ? sub.commerceSubscriptionId
          : state.guid(`commerce:${sub.skuId}:${i}`),
      createdDateTime: sub.createdDateTime ?? null,
      isTrial: 'isTrial' in sub ? sub.isTrial === true : false,
      nextLifecycleDateTime: sub.nextLifecycleDateTime,
      ownerId: null,
      ownerTenantId: null,
      ownerType: null,
      serviceStatus: (sku?.servicePlans ?? []).map((p) => ({
        servicePlanId: p.servicePlanId,
        servicePlanName: p.servicePlanName,
        provisioningStatus: p.provisioningStatus ?? 'Success',
        appliesTo: p.appliesTo ?? 'User',
      })),
      skuId: sub.skuId,
      skuPartNumber: sku?.skuPartNumber ?? '',
      status: 'status' in sub && sub.status ? sub.status : 'Enabled',
      totalLicenses: sub.totalLicenses,
    };
  });
}
