// What a seat of each SKU costs this tenant: an admin's own price where one is set (`price …`),
// else the built-in list price. Every price says where it comes from, so every card can.
import { catalogSku } from './sku-catalog';
import { LIST_CURRENCY, listPrice } from './price-list';
import catalog from './sku-catalog.json';

/**
 * The commitment the price is for. The tenant does not say (Graph has no term on subscribedSkus,
 * and CIPP guesses it), so the admin does: an annual seat can only be cut at the renewal, a
 * monthly one at the next month's.
 */
export type PriceTerm = 'monthly' | 'annual';

export interface PriceOverride {
  partNumber: string;
  /** Per user per month. */
  amount: number;
  currency: string;
  term: PriceTerm;
  setAt: string;
  setBy: string;
}

export interface SkuPrice {
  partNumber: string;
  /** Per user per month. */
  monthly: number;
  currency: string;
  term: PriceTerm;
  origin: 'list' | 'tenant';
  /** "Microsoft list price, from 2026-07-01 (Microsoft 365 packaging and pricing updates)" or "set by Megan on 2026-12-06". */
  source: string;
  sourceUrl?: string;
  effective: string;
}

export type PriceOverrides = Record<string, PriceOverride>;

export interface PriceBook {
  priceOf(partNumber: string): SkuPrice | null;
  /** What the card says of its prices, e.g. "Prices: Microsoft list prices (USD, annual, from 2026-07-01); ENTERPRISEPACK set by Megan". */
  overrides: PriceOverride[];
}

export function priceBook(overrides: PriceOverrides, today: string): PriceBook {
  const byPart = new Map(Object.values(overrides).map((o) => [o.partNumber.toUpperCase(), o]));
  return {
    overrides: [...byPart.values()].sort((a, b) => a.partNumber.localeCompare(b.partNumber)),
    priceOf(partNumber) {
      const own = byPart.get(partNumber.toUpperCase());
      if (own) {
        return {
          partNumber: own.partNumber,
          monthly: own.amount,
          currency: own.currency,
          term: own.term,
          origin: 'tenant',
          source: `set by ${own.setBy} on ${own.setAt.slice(0, 10)}`,
          effective: own.setAt.slice(0, 10),
        };
      }
      const list = listPrice(partNumber, today);
      if (!list) return null;
      return {
        partNumber: list.partNumber,
        monthly: list.monthly,
        currency: LIST_CURRENCY,
        term: 'annual',
        origin: 'list',
        source: `Microsoft list price from ${list.effective} (${list.sourceTitle})`,
        sourceUrl: list.sourceUrl,
        effective: list.effective,
      };
    },
  };
}

/** Sums of money in one or more currencies (an override may use another currency than the list). */
export type Money = Record<string, number>;

export function addMoney(into: Money, currency: string, amount: number): Money {
  into[currency] = (into[currency] ?? 0) + amount;
  return into;
}

export function scaleMoney(money: Money, factor: number): Money {
  return Object.fromEntries(Object.entries(money).map(([c, v]) => [c, v * factor]));
}

/** "€120.00", "$1,234.50", "€120.00 + $26.00"; "—" for none. Whole cents, en-US grouping. */
export function formatMoney(money: Money | number | null, currency?: string): string {
  if (money === null) return '—';
  const entries = typeof money === 'number' ? [[currency ?? LIST_CURRENCY, money] as const] : Object.entries(money).sort();
  if (entries.length === 0) return formatAmount(0, LIST_CURRENCY);
  return entries.map(([c, v]) => formatAmount(v, c)).join(' + ');
}

function formatAmount(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

const nameIndex = new Map<string, string>();
function partNumberByName(name: string): string | undefined {
  if (nameIndex.size === 0) {
    for (const sku of Object.values(catalog.skus as Record<string, { partNumber: string; name: string }>)) {
      const key = sku.name.toLowerCase();
      if (!nameIndex.has(key)) nameIndex.set(key, sku.partNumber);
    }
  }
  return nameIndex.get(name.toLowerCase());
}

/**
 * Which SKU an admin means: a part number the tenant has, one Microsoft's catalogue or the price
 * list knows, or a product's name ("Office 365 E3"). Null when none.
 */
export function resolveSku(text: string, tenantSkus: { skuId: string; skuPartNumber: string }[]): string | null {
  const wanted = text.trim();
  if (!wanted) return null;
  const own = tenantSkus.find(
    (s) =>
      s.skuPartNumber.toLowerCase() === wanted.toLowerCase() || (catalogSku(s.skuId)?.name ?? '').toLowerCase() === wanted.toLowerCase(),
  );
  if (own) return own.skuPartNumber;
  if (listPrice(wanted)) return listPrice(wanted)!.partNumber;
  const byName = partNumberByName(wanted);
  if (byName) return byName;
  const known = Object.values(catalog.skus as Record<string, { partNumber: string }>).find(
    (s) => s.partNumber.toLowerCase() === wanted.toLowerCase(),
  );
  return known?.partNumber ?? null;
}
