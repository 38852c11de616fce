import { fitCard } from '../../../src/cards/fit';
import { AdaptiveCard, CARD_BYTE_LIMIT, cardBytes } from '../../../src/cards/render';

function card(rows: number, rowText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [{ type: 'TextBlock', text: `showing ${rows}` }, ...Array.from({ length: rows }, () => ({ type: 'TextBlock', text: rowText }))],
  };
}

describe('fitCard', () => {
  it('keeps every row when they fit', () => {
    const fitted = fitCard((n) => card(n, 'short'), 10);
    expect(fitted.rows).toBe(10);
    expect(fitted.card.body).toHaveLength(11);
  });

  it('finds the most rows that fit under the limit', () => {
    const builds: number[] = [];
    const fitted = fitCard((n) => (builds.push(n), card(n, 'x'.repeat(500))), 1000);
    expect(fitted.bytes).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(cardBytes(card(fitted.rows + 1, 'x'.repeat(500)))).toBeGreaterThan(CARD_BYTE_LIMIT);
    expect(fitted.card.body[0]).toEqual({ type: 'TextBlock', text: `showing ${fitted.rows}` });
    expect(builds.length).toBeLessThan(16);
  });

  it('honours a custom limit and zero rows', () => {
    expect(fitCard((n) => card(n, 'abc'), 0).rows).toBe(0);
    expect(fitCard((n) => card(n, 'x'.repeat(100)), 50, 1000).bytes).toBeLessThanOrEqual(1000);
  });

  it('refuses a card too large even without rows', () => {
    expect(() => fitCard(() => card(0, ''), 5, 10)).toThrow(/no rows/);
  });
});
