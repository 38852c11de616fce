// The built-in prices against the figures transcribed from their cited pages
// (docs/prices/2026-m365-packaging-pricing-updates.md), as the SKU catalogue is held to Microsoft's CSV.
import * as fs from 'fs';
import * as path from 'path';
import { LIST_PRICES, listPrice } from '../../../src/reports/licensing/price-list';
import { catalogName } from '../../../src/reports/licensing/sku-catalog';
import { parsePriceArgument } from '../../../src/arguments/price';
import { priceBook, resolveSku } from '../../../src/reports/licensing/prices';

const doc = fs.readFileSync(path.join(__dirname, '../../../docs/prices/2026-m365-packaging-pricing-updates.md'), 'utf8');

/** Each `| PART | product | before | after |` row with the first URL of the section it sits in. */
function transcribed(): Map<string, { product: string; before: number; after: number; url: string; effective: string }> {
  const rows = new Map<string, { product: string; before: number; after: number; url: string; effective: string }>();
  for (const section of doc.split(/^## /m).slice(1)) {
    const url = /https:\/\/www\.microsoft\.com\/\S+/.exec(section)?.[0] ?? '';
    const effective = /from (\d{4}-\d{2}-\d{2}) \|/.exec(section)?.[1] ?? '';
    for (const m of section.matchAll(/^\| ([A-Z0-9_]+) \| ([^|]+) \| ([\d.]+) \| ([\d.]+) \|$/gm)) {
      rows.set(m[1], { product: m[2].trim(), before: Number(m[3]), after: Number(m[4]), url, effective });
    }
  }
  return rows;
}

describe('the built-in price list', () => {
  const pages = transcribed();

  test('holds exactly the prices transcribed from the cited pages, with their source and date', () => {
    expect(pages.size).toBeGreaterThanOrEqual(11);
    expect(LIST_PRICES.map((p) => p.partNumber).sort()).toEqual([...pages.keys()].sort());
    for (const price of LIST_PRICES) {
      const page = pages.get(price.partNumber)!;
      expect({
        part: price.partNumber,
        monthly: price.monthly,
        before: price.before,
        url: price.sourceUrl,
        effective: price.effective,
      }).toEqual({
        part: price.partNumber,
        monthly: page.after,
        before: page.before,
        url: page.url,
        effective: page.effective,
      });
      // The product named on the page is the SKU Microsoft's licensing CSV gives that part number.
      expect(catalogName(price.partNumber)).toBe(page.product);
    }
  });

  test('carries the July 2026 increases the issue names', () => {
    expect(listPrice('ENTERPRISEPACK')).toMatchObject({ before: 23, monthly: 26, effective: '2026-07-01' });
    expect(listPrice('SPE_E3')).toMatchObject({ before: 36, monthly: 39 });
    expect(listPrice('O365_BUSINESS_ESSENTIALS')).toMatchObject({ before: 6, monthly: 7 });
    // Before the date the earlier list price applies.
    expect(listPrice('spe_e3', '2026-06-30')?.monthly).toBe(36);
    expect(listPrice('STANDARDPACK')).toBeUndefined();
  });
});

describe('price arguments and the price book', () => {
  test('reads amounts, currencies and terms, and refuses the rest', () => {
    expect(parsePriceArgument('ENTERPRISEPACK 10 EUR monthly')).toEqual({
      ok: true,
      kind: 'set',
      sku: 'ENTERPRISEPACK',
      amount: 10,
      currency: 'EUR',
      term: 'monthly',
    });
    expect(parsePriceArgument('Office 365 E3 22,50 gbp')).toMatchObject({
      sku: 'Office 365 E3',
      amount: 22.5,
      currency: 'GBP',
      term: null,
    });
    expect(parsePriceArgument('list')).toEqual({ ok: true, kind: 'list' });
    expect(parsePriceArgument('reset all')).toEqual({ ok: true, kind: 'reset', sku: 'all' });
    expect(parsePriceArgument('reset')).toMatchObject({ ok: false });
    expect(parsePriceArgument('ENTERPRISEPACK')).toMatchObject({ ok: false });
    expect(parsePriceArgument('ENTERPRISEPACK -3')).toMatchObject({ ok: false });
    expect(parsePriceArgument('ENTERPRISEPACK 26000000')).toMatchObject({ ok: false });
    expect(parsePriceArgument('ENTERPRISEPACK 10 QQQ')).toMatchObject({ ok: false, message: expect.stringContaining('QQQ') });
  });

  test('an override wins over the list price; other SKUs keep theirs', () => {
    const book = priceBook(
      {
        ENTERPRISEPACK: {
          partNumber: 'ENTERPRISEPACK',
          amount: 10,
          currency: 'EUR',
          term: 'monthly',
          setAt: '2026-12-06T00:00:00Z',
          setBy: 'Megan',
        },
      },
      '2026-12-06',
    );
    expect(book.priceOf('enterprisepack')).toMatchObject({ monthly: 10, currency: 'EUR', term: 'monthly', origin: 'tenant' });
    expect(book.priceOf('SPE_E5')).toMatchObject({ monthly: 60, currency: 'USD', term: 'annual', origin: 'list' });
    expect(book.priceOf('CONTOSO_SPECIAL')).toBeNull();
  });

  test('an SKU is found by part number or by product name', () => {
    expect(resolveSku('office 365 e3', [])).toBe('ENTERPRISEPACK');
    expect(resolveSku('spe_e5', [])).toBe('SPE_E5');
    expect(resolveSku('CONTOSO_SPECIAL', [{ skuId: 'x', skuPartNumber: 'CONTOSO_SPECIAL' }])).toBe('CONTOSO_SPECIAL');
    expect(resolveSku('nothing like it', [])).toBeNull();
  });
});
