// The built-in list prices: USD per user per month on annual commitment, each with its source and
// the date it took effect. The figures are transcribed in docs/prices/2026-m365-packaging-pricing-updates.md
// and a test holds this table to them.
import list from './price-list.json';

export interface ListPrice {
  partNumber: string;
  /** Per user per month, in `LIST_CURRENCY`, on annual commitment. */
  monthly: number;
  /** The list price before `effective`. */
  before: number;
  /** ISO date the price took effect. */
  effective: string;
  sourceTitle: string;
  sourceUrl: string;
}

export const LIST_CURRENCY = list.currency;

const sources: Record<string, { title: string; url: string }> = list.sources;

export const LIST_PRICES: readonly ListPrice[] = list.prices.map((p) => {
  const source = sources[p.source];
  if (!source) throw new Error(`price-list.json: ${p.partNumber} cites an unknown source ${p.source}`);
  return {
    partNumber: p.partNumber,
    monthly: p.monthly,
    before: p.before,
    effective: p.effective,
    sourceTitle: source.title,
    sourceUrl: source.url,
  };
});

const byPartNumber = new Map(LIST_PRICES.map((p) => [p.partNumber.toUpperCase(), p]));

/** The list price of a SKU on `day` (ISO date): the price before `effective` until then. */
export function listPrice(partNumber: string, day?: string): ListPrice | undefined {
  const price = byPartNumber.get(partNumber.toUpperCase());
  if (!price || !day || day >= price.effective) return price;
  return { ...price, monthly: price.before };
}
