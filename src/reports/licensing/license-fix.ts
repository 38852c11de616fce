import type { AssignedLicense, SubscribedSku } from '../../model/tenant';
import { exchangePlansOf, exchangePlansWith, type ExchangePlans, type ExchangePlanSource } from './exchange-plans';
import {
  catalogSku,
  EXCHANGE_ARCHIVING_SKU_ID,
  EXCHANGE_PLAN_1_SKU_ID,
  EXCHANGE_PLAN_2_SKU_ID,
  exchangePlan,
  skuName,
} from './sku-catalog';

/** What a shared mailbox must have: Plan 2, or (Plan 2 or Plan 1 with Exchange Online Archiving). */
export type LicenseNeed = 'plan2' | 'plan2-or-plan1-with-archiving';

export interface FixSku {
  skuId: string;
  skuName: string;
  /** Free units in the tenant's pool. */
  free: number;
}

export type LicenseFix =
  | {
      kind: 'assign';
      skus: FixSku[];
      /** Licences to remove in the same call: Exchange refuses Plan 1 or Kiosk beside Plan 2. */
      replaces: { skuId: string; skuName: string }[];
      gives: 'plan2' | 'plan1-with-archiving';
      needsUsageLocation: boolean;
      text: string;
    }
  | { kind: 'enable-plan'; skuId: string; skuName: string; plans: string[]; text: string }
  | { kind: 'wait'; pending: ExchangePlanSource[]; text: string }
  | { kind: 'buy'; products: { skuId: string; name: string }[]; full: string[]; text: string };

export function meetsNeed(plans: Pick<ExchangePlans, 'plan' | 'archiving'>, need: LicenseNeed): boolean {
  if (plans.plan === 'plan2') return true;
  return need === 'plan2-or-plan1-with-archiving' && plans.plan === 'plan1' && plans.archiving;
}

const SERVING = new Set(['enabled', 'warning']);

function free(sku: SubscribedSku): number {
  return sku.prepaidUnits.enabled - sku.consumedUnits;
}

/** Gives an Exchange plan that matters here, provisioned in the tenant. */
function givesExchange(sku: SubscribedSku): boolean {
  return sku.servicePlans.some((p) => {
    const kind = exchangePlan(p.servicePlanId)?.kind;
    return (kind === 'plan2' || kind === 'plan1' || kind === 'archiving') && (p.provisioningStatus ?? 'Success') === 'Success';
  });
}

interface Option {
  skus: SubscribedSku[];
  result: ExchangePlans;
}

/**
 * The cheapest way to meet the need. Prices are unknown here, so the number of service plans an
 * option brings stands in for its cost: a standalone Exchange SKU carries a handful, a suite dozens.
 * Plan 1 with Exchange Online Archiving is preferred to Plan 2 unless Plan 2 is needed anyway.
 */
export function chooseLicenseFix(
  user: { assignedLicenses: AssignedLicense[]; usageLocation: string | null },
  current: ExchangePlans,
  need: LicenseNeed,
  skus: SubscribedSku[],
  preferPlan2 = false,
): LicenseFix {
  if (current.pending.length > 0 && meetsNeed(withPendingInEffect(user, skus), need)) {
    const provisioning = current.pending.filter((p) => !p.status.startsWith('subscription'));
    const what = provisioning.map((p) => `${p.planLabel} from ${p.skuName} (${p.status})`).join(', ');
    return { kind: 'wait', pending: provisioning, text: `Already assigned, not in effect yet: ${what}. Check again later.` };
  }

  const enable = enablePlanFix(user, current, need, skus);
  if (enable) return enable;

  const held = new Set(user.assignedLicenses.map((l) => l.skuId.toLowerCase()));
  const fitting = skus.filter((s) => SERVING.has(s.capabilityStatus.toLowerCase()) && givesExchange(s) && !held.has(s.skuId.toLowerCase()));
  // A SKU that changes nothing (a second Plan 1, say) is not worth a unit.
  const available = fitting.filter((s) => {
    if (free(s) <= 0) return false;
    const after = exchangePlansWith(user, skus, [s.skuId]);
    return after.plan !== current.plan || after.archiving !== current.archiving;
  });
  const options: Option[] = [];
  for (let i = 0; i < available.length; i++) {
    options.push({ skus: [available[i]], result: exchangePlansWith(user, skus, [available[i].skuId]) });
    for (let j = i + 1; j < available.length; j++) {
      const pair = [available[i], available[j]];
      options.push({
        skus: pair,
        result: exchangePlansWith(
          user,
          skus,
          pair.map((s) => s.skuId),
        ),
      });
    }
  }
  const wantPlan2 = need === 'plan2' || preferPlan2;
  const cost = (o: Option): number => o.skus.reduce((n, s) => n + s.servicePlans.length, 0) * 10 + o.skus.length;
  const working = options.filter((o) => meetsNeed(o.result, need));
  // The preferred plan is worth about three service plans of cost: enough for Plan 1 + Archiving to
  // beat Plan 2, never enough for a suite (Business Premium, E3…) to beat a standalone Exchange SKU.
  const tier = (o: Option): number => ((o.result.plan === 'plan2') === wantPlan2 ? 0 : 30);
  working.sort((a, b) => cost(a) + tier(a) - (cost(b) + tier(b)));
  const best = working[0];
  if (best) {
    const fixSkus = best.skus.map((s) => ({ skuId: s.skuId, skuName: skuName(s), free: free(s) }));
    const gives = best.result.plan === 'plan2' ? 'plan2' : 'plan1-with-archiving';
    const needsUsageLocation = !user.usageLocation;
    const names = fixSkus.map((s) => `${s.skuName} (${s.free} free)`).join(' and ');
    const replaces =
      gives === 'plan2'
        ? [
            ...new Map(
              current.sources
                .filter((p) => p.kind === 'plan1' || p.kind === 'kiosk')
                .map((p) => [p.skuId, { skuId: p.skuId, skuName: p.skuName }]),
            ).values(),
          ]
        : [];
    return {
      kind: 'assign',
      skus: fixSkus,
      replaces,
      gives,
      needsUsageLocation,
      text:
        `Assign ${names}` +
        (replaces.length ? ` in place of ${replaces.map((r) => r.skuName).join(' and ')}.` : '.') +
        (needsUsageLocation ? ' Set a usage location on the account first.' : ''),
    };
  }
  return buyFix(current, need, wantPlan2, fitting);
}

/** The user's plans once provisioning ends; a suspended subscription does not come back by waiting. */
function withPendingInEffect(user: { assignedLicenses: AssignedLicense[] }, skus: SubscribedSku[]): ExchangePlans {
  const held = new Set(user.assignedLicenses.map((l) => l.skuId.toLowerCase()));
  const settled = skus
    .filter((s) => held.has(s.skuId.toLowerCase()))
    .map((s) => ({
      ...s,
      servicePlans: s.servicePlans.map((p) => ({ ...p, provisioningStatus: 'Success' })),
    }));
  return exchangePlansOf(user, settled);
}

/** A licence the mailbox holds already, whose Exchange plan is only switched off: no unit needed. */
function enablePlanFix(
  user: { assignedLicenses: AssignedLicense[] },
  current: ExchangePlans,
  need: LicenseNeed,
  skus: SubscribedSku[],
): LicenseFix | null {
  const bySku = new Map<string, ExchangePlanSource[]>();
  for (const d of current.disabled) {
    if (d.status !== 'Success') continue;
    bySku.set(d.skuId, [...(bySku.get(d.skuId) ?? []), d]);
  }
  for (const [skuId, plans] of bySku) {
    const ids = new Set(plans.map((p) => p.planId.toLowerCase()));
    const licenses = user.assignedLicenses.map((l) =>
      l.skuId.toLowerCase() === skuId.toLowerCase()
        ? { ...l, disabledPlans: l.disabledPlans.filter((id) => !ids.has(id.toLowerCase())) }
        : l,
    );
    if (meetsNeed(exchangePlansOf({ assignedLicenses: licenses }, skus), need)) {
      const labels = plans.map((p) => p.planLabel);
      return {
        kind: 'enable-plan',
        skuId,
        skuName: plans[0].skuName,
        plans: labels,
        text: `Turn on ${labels.join(' and ')} in its ${plans[0].skuName} licence (switched off now).`,
      };
    }
  }
  return null;
}

function buyFix(current: ExchangePlans, need: LicenseNeed, wantPlan2: boolean, fitting: SubscribedSku[]): LicenseFix {
  const product = (skuId: string) => ({ skuId, name: catalogSku(skuId)?.name ?? skuId });
  let products: { skuId: string; name: string }[];
  if (wantPlan2 || need === 'plan2') products = [product(EXCHANGE_PLAN_2_SKU_ID)];
  else if (current.plan === 'plan1') products = [product(EXCHANGE_ARCHIVING_SKU_ID)];
  else if (current.archiving) products = [product(EXCHANGE_PLAN_1_SKU_ID)];
  else products = [product(EXCHANGE_PLAN_1_SKU_ID), product(EXCHANGE_ARCHIVING_SKU_ID)];
  const full = fitting.filter((s) => free(s) <= 0).map((s) => `${skuName(s)} (${s.consumedUnits} of ${s.prepaidUnits.enabled} assigned)`);
  const owned = full.length > 0 ? ` The tenant's ${full.join(', ')} ${full.length > 1 ? 'have' : 'has'} no free licence.` : '';
  return {
    kind: 'buy',
    products,
    full,
    text: `No free licence fits: buy ${products.map((p) => p.name).join(' + ')}, or free one up.${owned}`,
  };
}
