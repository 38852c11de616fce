// The licence report in money: what each subscription's seats cost a month, what its wasted seats
// cost, and the tenant's waste under three headings, each split into seats to reassign now (someone
// needs a seat of that SKU and has none) and seats to cut at the renewal.
import type { LicensePool } from './license-pools';
import type { LicenseWaste } from './license-waste';
import { addMoney, scaleMoney, type Money, type PriceBook, type SkuPrice } from './prices';

export type WasteHeadingKey = 'unassigned' | 'inactive' | 'shared';

export interface SkuCost {
  skuId: string;
  partNumber: string;
  name: string;
  price: SkuPrice | null;
  bought: number;
  /** bought × price per month; null without a price. */
  boughtMonthly: number | null;
  /** Free seats plus seats held by disabled or inactive accounts and by shared mailboxes that need none. */
  wastedSeats: number;
  wastedMonthly: number | null;
  /** Seats of this SKU someone needs and lacks: over-assigned seats, shared mailboxes that must buy one. */
  demand: number;
}

export interface WasteSplit {
  seats: number;
  monthly: Money;
}

export interface WasteHeading {
  key: WasteHeadingKey;
  /** Accounts or mailboxes (unassigned seats have none: 0). */
  people: number;
  seats: number;
  monthly: Money;
  yearly: Money;
  reassignNow: WasteSplit;
  cutAtRenewal: WasteSplit;
  /** Seats under this heading whose SKU has no price: left out of the money. */
  unpricedSeats: number;
}

export interface LicenseCost {
  skus: SkuCost[];
  headings: WasteHeading[];
  boughtMonthly: Money;
  wasteMonthly: Money;
  wasteYearly: Money;
  /** Part numbers of subscriptions with seats and no price. */
  unpriced: string[];
  /** Which prices the figures use: list (with source), the tenant's own, or both. */
  priceOrigins: { list: SkuPrice[]; tenant: SkuPrice[] };
}

/** Wasted seats of one SKU under one heading, in the order a free seat is handed to someone who needs one. */
type Seats = Map<string, number>;

function count(into: Seats, skuId: string, n = 1): void {
  into.set(skuId.toLowerCase(), (into.get(skuId.toLowerCase()) ?? 0) + n);
}

export function licenseCost(pools: LicensePool[], waste: LicenseWaste, prices: PriceBook): LicenseCost {
  const bySku = new Map(pools.map((p) => [p.skuId.toLowerCase(), p]));
  const priceById = new Map(pools.map((p) => [p.skuId.toLowerCase(), prices.priceOf(p.partNumber)]));

  const wasted: Record<WasteHeadingKey, Seats> = { unassigned: new Map(), inactive: new Map(), shared: new Map() };
  for (const p of pools) if (p.free > 0 && p.status.toLowerCase() !== 'suspended') count(wasted.unassigned, p.skuId, p.free);
  for (const w of [...waste.disabledAccounts, ...waste.inactiveMailboxes]) for (const id of w.skuIds) count(wasted.inactive, id);
  for (const v of waste.sharedWithoutNeed) for (const l of v.licenses) count(wasted.shared, l.skuId);

  const demand: Seats = new Map();
  for (const p of pools) if (p.free < 0) count(demand, p.skuId, -p.free);
  for (const v of waste.sharedNeedingSeats) {
    const wanted = v.fix?.kind === 'assign' ? v.fix.skus : v.fix?.kind === 'buy' ? v.fix.products : [];
    const owned = wanted.find((sku) => bySku.has(sku.skuId.toLowerCase()));
    if (owned) count(demand, owned.skuId);
  }

  // A free seat goes first to who needs one, then a seat taken back from an idle account, then one
  // taken from a shared mailbox; the rest can be cut when the subscription renews.
  const left = new Map(demand);
  const heading = (key: WasteHeadingKey, people: number): WasteHeading => {
    const h: WasteHeading = {
      key,
      people,
      seats: 0,
      monthly: {},
      yearly: {},
      reassignNow: { seats: 0, monthly: {} },
      cutAtRenewal: { seats: 0, monthly: {} },
      unpricedSeats: 0,
    };
    for (const [skuId, seats] of wasted[key]) {
      const price = priceById.get(skuId) ?? null;
      const reassign = Math.min(seats, left.get(skuId) ?? 0);
      left.set(skuId, (left.get(skuId) ?? 0) - reassign);
      h.seats += seats;
      h.reassignNow.seats += reassign;
      h.cutAtRenewal.seats += seats - reassign;
      if (!price) {
        h.unpricedSeats += seats;
        continue;
      }
      addMoney(h.monthly, price.currency, seats * price.monthly);
      if (reassign > 0) addMoney(h.reassignNow.monthly, price.currency, reassign * price.monthly);
      if (seats > reassign) addMoney(h.cutAtRenewal.monthly, price.currency, (seats - reassign) * price.monthly);
    }
    h.yearly = scaleMoney(h.monthly, 12);
    return h;
  };
  const headings = [
    heading('unassigned', 0),
    heading('inactive', waste.disabledAccounts.length + waste.inactiveMailboxes.length),
    heading('shared', waste.sharedWithoutNeed.length),
  ];

  const skus = pools.map((p): SkuCost => {
    const key = p.skuId.toLowerCase();
    const price = priceById.get(key) ?? null;
    const wastedSeats = (wasted.unassigned.get(key) ?? 0) + (wasted.inactive.get(key) ?? 0) + (wasted.shared.get(key) ?? 0);
    return {
      skuId: p.skuId,
      partNumber: p.partNumber,
      name: p.name,
      price,
      bought: p.bought,
      boughtMonthly: price ? p.bought * price.monthly : null,
      wastedSeats,
      wastedMonthly: price ? wastedSeats * price.monthly : null,
      demand: demand.get(key) ?? 0,
    };
  });

  const boughtMonthly: Money = {};
  for (const s of skus) if (s.price && s.boughtMonthly !== null) addMoney(boughtMonthly, s.price.currency, s.boughtMonthly);
  const wasteMonthly: Money = {};
  for (const h of headings) for (const [c, v] of Object.entries(h.monthly)) addMoney(wasteMonthly, c, v);
  const used = skus.map((s) => s.price).filter((p): p is SkuPrice => p !== null);
  return {
    skus,
    headings,
    boughtMonthly,
    wasteMonthly,
    wasteYearly: scaleMoney(wasteMonthly, 12),
    unpriced: skus.filter((s) => !s.price && (s.bought > 0 || s.wastedSeats > 0)).map((s) => s.partNumber),
    priceOrigins: { list: used.filter((p) => p.origin === 'list'), tenant: used.filter((p) => p.origin === 'tenant') },
  };
}
