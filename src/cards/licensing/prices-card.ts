// `price list`: every price the licence cards use, the tenant's own first, each with its source.
import { LIST_PRICES } from '../../reports/licensing/price-list';
import { formatMoney, priceBook, type PriceOverrides, type SkuPrice } from '../../reports/licensing/prices';
import { catalogName } from '../../reports/licensing/sku-catalog';
import { fitCard } from '../fit';
import { plainText } from '../plain-text';
import { renderCard, type AdaptiveCard } from '../render';
import template from './templates/prices.json';

/** "€10.00 per user per month, monthly term". */
export function priceText(price: SkuPrice): string {
  return `${formatMoney(price.monthly, price.currency)}/user/month · ${price.term}`;
}

export function pricesCard(overrides: PriceOverrides, today: string): AdaptiveCard {
  const book = priceBook(overrides, today);
  const own = book.overrides.map((o) => book.priceOf(o.partNumber)!);
  const ownParts = new Set(own.map((p) => p.partNumber.toUpperCase()));
  const list = LIST_PRICES.filter((p) => !ownParts.has(p.partNumber.toUpperCase())).map((p) => book.priceOf(p.partNumber)!);
  const row = (p: SkuPrice) => ({
    name: plainText(`${catalogName(p.partNumber) ?? p.partNumber} (${p.partNumber})`, 100),
    source: plainText(p.origin === 'tenant' ? `Your price, ${p.source}` : `${p.source} ${p.sourceUrl ?? ''}`.trim(), 200),
    price: priceText(p),
    priceColor: p.origin === 'tenant' ? 'Accent' : 'Default',
  });
  const rows = [...own, ...list].map(row);
  const subtitle =
    own.length > 0
      ? `${own.length} set for this tenant, the rest Microsoft list prices in USD on annual commitment`
      : 'Microsoft list prices in USD per user per month on annual commitment; none set for this tenant';
  const footer =
    'Set your own: price <sku> <amount> [currency] [monthly|annual] (per user per month). Undo: price reset <sku|all>. SKUs without a price are left out of money totals, and the licence card names them.';
  // An admin may price every SKU of Microsoft's catalogue (hundreds): the card keeps what fits in a
  // Teams message and says how many it left out.
  const render = (n: number) =>
    renderCard(template, {
      subtitle: n < rows.length ? `${subtitle} · ${n} of ${rows.length} shown, yours first` : subtitle,
      rows: rows.slice(0, n),
      footer,
    });
  return fitCard(render, rows.length).card;
}
