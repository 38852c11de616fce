import type { SubscribedSku } from '../../model/tenant';
import { exchangePlan, skuName } from './sku-catalog';

export type PoolLevel = 'exhausted' | 'nearly' | 'ok';

export interface LicensePool {
  skuId: string;
  partNumber: string;
  name: string;
  /** prepaidUnits.enabled: licences paid for and usable. */
  bought: number;
  /** consumedUnits. */
  assigned: number;
  /** bought − assigned; negative when more are assigned than bought (after a cancellation). */
  free: number;
  /** capabilityStatus: Enabled, Warning, Suspended, LockedOut, Deleted. */
  status: string;
  /** Units expired but in their grace period. */
  warningUnits: number;
  /** Units cancelled but still reactivatable. */
  suspendedUnits: number;
  lockedOutUnits: number;
  level: PoolLevel;
  /** Which Exchange mailbox plan the SKU carries, if any. */
  exchangePlan: string | null;
}

export interface PoolOptions {
  /** A pool is nearly exhausted when fewer than max(nearlyMinimum, nearlyRatio × bought) are free. */
  nearlyRatio?: number;
  nearlyMinimum?: number;
}

export function poolLevel(bought: number, free: number, options: PoolOptions = {}): PoolLevel {
  if (free <= 0) return 'exhausted';
  const threshold = Math.max(options.nearlyMinimum ?? 2, (options.nearlyRatio ?? 0.05) * bought);
  return free < threshold ? 'nearly' : 'ok';
}

const LEVEL_ORDER: Record<PoolLevel, number> = { exhausted: 0, nearly: 1, ok: 2 };

/**
 * Every subscription as a pool of licences, the ones running out first. A pool nobody bought or
 * uses (bought 0, assigned 0: an ended trial) is not "exhausted" news, so it sorts last as ok.
 */
export function licensePools(skus: SubscribedSku[], options: PoolOptions = {}): LicensePool[] {
  const pools = skus.map((sku): LicensePool => {
    const bought = sku.prepaidUnits.enabled;
    const assigned = sku.consumedUnits;
    const free = bought - assigned;
    const idle = bought === 0 && assigned === 0;
    const plan = sku.servicePlans.map((p) => exchangePlan(p.servicePlanId)).find((info) => info && info.kind !== 'none');
    return {
      skuId: sku.skuId,
      partNumber: sku.skuPartNumber,
      name: skuName(sku),
      bought,
      assigned,
      free,
      status: sku.capabilityStatus,
      warningUnits: sku.prepaidUnits.warning,
      suspendedUnits: sku.prepaidUnits.suspended,
      lockedOutUnits: sku.prepaidUnits.lockedOut,
      level: idle ? 'ok' : poolLevel(bought, free, options),
      exchangePlan: plan?.label ?? null,
    };
  });
  return pools.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      Number(a.bought === 0 && a.assigned === 0) - Number(b.bought === 0 && b.assigned === 0) ||
      a.name.localeCompare(b.name),
  );
}
