// Reads `price <sku> <amount> [currency] [monthly|annual]`, `price list` and `price reset <sku|all>`.
import type { PriceTerm } from '../reports/licensing/prices';

export type PriceArgument =
  | { ok: true; kind: 'list' }
  | { ok: true; kind: 'reset'; sku: string }
  | { ok: true; kind: 'set'; sku: string; amount: number; currency: string | null; term: PriceTerm | null }
  | { ok: false; message: string };

export const PRICE_USAGE = 'price <sku> <amount> [currency] [monthly|annual] · price list · price reset <sku|all>';
/** More than any seat Microsoft sells; a typo like 26000 for 26.00 is refused rather than multiplied. */
export const MAX_PRICE = 10_000;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function parsePriceArgument(text: string): PriceArgument {
  const args = text.trim();
  if (CONTROL.test(args)) return { ok: false, message: 'A price cannot contain line breaks or control characters.' };
  if (!args || /^list$/i.test(args)) return { ok: true, kind: 'list' };
  const reset = /^reset(?:\s+(.+))?$/i.exec(args);
  if (reset) {
    const sku = (reset[1] ?? '').trim();
    return sku
      ? { ok: true, kind: 'reset', sku }
      : { ok: false, message: 'Which SKU? Try: price reset ENTERPRISEPACK, or price reset all' };
  }
  const words = args.split(/\s+/);
  let term: PriceTerm | null = null;
  let currency: string | null = null;
  const last = () => words[words.length - 1]?.toLowerCase();
  if (last() === 'monthly' || last() === 'annual' || last() === 'yearly') {
    term = last() === 'monthly' ? 'monthly' : 'annual';
    words.pop();
  }
  if (words.length > 1 && /^[a-z]{3}$/i.test(words[words.length - 1]) && !/^\d/.test(words[words.length - 1])) {
    currency = words.pop()!.toUpperCase();
  }
  const amountWord = words.pop() ?? '';
  const sku = words.join(' ').trim();
  // "26", "26.50", "26,50" (a decimal comma); a currency sign in front is tolerated.
  const amountText = amountWord.replace(/^[$€£¥]/, '').replace(/^(\d+),(\d{1,2})$/, '$1.$2');
  if (!sku || !/^\d+(\.\d{1,4})?$/.test(amountText)) {
    return { ok: false, message: 'Type the SKU, then the price per user per month. Try: price ENTERPRISEPACK 26 USD annual' };
  }
  const amount = Number(amountText);
  if (amount > MAX_PRICE)
    return { ok: false, message: `${amountText} per user per month is more than any seat costs (at most ${MAX_PRICE}).` };
  if (currency && !isCurrency(currency))
    return { ok: false, message: `${currency} is not a currency code (ISO 4217, e.g. USD, EUR, GBP).` };
  return { ok: true, kind: 'set', sku, amount, currency, term };
}

function isCurrency(code: string): boolean {
  return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('currency').includes(code);
}
