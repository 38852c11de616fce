// Subscriptions that renew (or lapse) soon, with the seats nobody uses and what they cost: what to
// lower before the date. A SKU bought in several subscriptions shares one pool of free seats; each
// subscription is charged with at most its own seats of them, the soonest renewal first.
import type { CompanySubscription } from '../../model/tenant';
import type { LicensePool } from './license-pools';
import type { PriceBook, SkuPrice } from './prices';
import { skuName } from './sku-catalog';

const DAY_MS = 86_400_000;

export interface Renewal {
  subscriptionId: string;
  skuId: string;
  partNumber: string;
  name: string;
  /** ISO time of nextLifecycleDateTime. */
  date: string;
  /** Whole days from now, at least 0. */
  days: number;
  isTrial: boolean;
  status: string;
  seats: number;
  /** Seats of this subscription that nobody holds (free in its SKU's pool). */
  unusedSeats: number;
  price: SkuPrice | null;
  /** unusedSeats × price per month; null without a price. */
  unusedMonthly: number | null;
}

/** Paid and trial subscriptions whose next lifecycle date falls within `withinDays` of `now`. */
export function upcomingRenewals(
  subscriptions: CompanySubscription[],
  pools: Pick<LicensePool, 'skuId' | 'partNumber' | 'free'>[],
  now: Date,
  withinDays: number,
  prices?: PriceBook,
): Renewal[] {
  const freeLeft = new Map(pools.map((p) => [p.skuId.toLowerCase(), Math.max(0, p.free)]));
  const partNumbers = new Map(pools.map((p) => [p.skuId.toLowerCase(), p.partNumber]));
  const soon = subscriptions
    .filter((s) => s.nextLifecycleDateTime && !/^(deleted|lockedout)$/i.test(s.status))
    .map((s) => ({ s, at: Date.parse(s.nextLifecycleDateTime!) }))
    .filter(({ at }) => Number.isFinite(at) && at >= now.getTime() && at - now.getTime() <= withinDays * DAY_MS)
    .sort((a, b) => a.at - b.at);
  return soon.map(({ s, at }) => {
    const key = s.skuId.toLowerCase();
    const unusedSeats = Math.min(s.totalLicenses, freeLeft.get(key) ?? 0);
    freeLeft.set(key, (freeLeft.get(key) ?? 0) - unusedSeats);
    const partNumber = s.skuPartNumber || partNumbers.get(key) || '';
    const price = prices?.priceOf(partNumber) ?? null;
    return {
      subscriptionId: s.id,
      skuId: s.skuId,
      partNumber,
      name: skuName({ skuId: s.skuId, skuPartNumber: partNumber }),
      date: new Date(at).toISOString(),
      days: Math.max(0, Math.ceil((at - now.getTime()) / DAY_MS)),
      isTrial: s.isTrial,
      status: s.status,
      seats: s.totalLicenses,
      unusedSeats,
      price,
      unusedMonthly: price ? unusedSeats * price.monthly : null,
    };
  });
}
