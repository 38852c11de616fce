import { exchangeFilterPrefix, exchangeFilterValue, ExchangeFilterValueError } from '../../../src/m365/exchange-filter';
import { odataQuery, odataString, pathSegment } from '../../../src/m365/odata';

describe('exchangeFilterValue', () => {
  it('quotes plain values', () => {
    expect(exchangeFilterValue('sales@contoso.com')).toBe("'sales@contoso.com'");
  });

  it('doubles single quotes, typographic ones too, so a name cannot end the literal', () => {
    expect(exchangeFilterValue("O'Brien")).toBe("'O''Brien'");
    expect(exchangeFilterValue('O\u2019Brien')).toBe("'O\u2019\u2019Brien'");
  });

  it('refuses a wildcard, which would turn an exact match into a broad one', () => {
    expect(() => exchangeFilterValue("x' -or Name -like '*")).toThrow(ExchangeFilterValueError);
    expect(() => exchangeFilterValue('*')).toThrow(/wildcard/);
  });

  it('keeps an injection attempt inside one literal', () => {
    const v = exchangeFilterValue("a' -or Alias -ne 'b");
    expect(v).toBe("'a'' -or Alias -ne ''b'");
    // Strip the outer quotes and every doubled quote: no lone quote may remain.
    expect(v.slice(1, -1).replace(/''/g, '')).not.toContain("'");
  });

  it('leaves braces and $ alone: they are inert inside single quotes', () => {
    expect(exchangeFilterValue('{x} $env:PATH `n')).toBe("'{x} $env:PATH `n'");
  });

  it('refuses control characters', () => {
    expect(() => exchangeFilterValue('a\nb')).toThrow(/control characters/);
    expect(() => exchangeFilterValue('a\u0000b')).toThrow(ExchangeFilterValueError);
  });

  it('builds a prefix match', () => {
    expect(exchangeFilterPrefix("O'B")).toBe("'O''B*'");
    expect(() => exchangeFilterPrefix('a*')).toThrow(ExchangeFilterValueError);
  });
});

describe('odataString and odataQuery', () => {
  it('doubles quotes inside the literal', () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(odataString("''")).toBe("''''''");
  });

  it('percent-encodes values so +, #, & and spaces keep their meaning', () => {
    const q = odataQuery({ $filter: `userPrincipalName eq ${odataString("a+b&c#d's x@contoso.com")}`, $top: 999 });
    expect(q).toBe("?$filter=userPrincipalName%20eq%20'a%2Bb%26c%23d''s%20x%40contoso.com'&$top=999");
    const parsed = new URL(`https://graph.example${q}`).searchParams.get('$filter');
    expect(parsed).toBe("userPrincipalName eq 'a+b&c#d''s x@contoso.com'");
  });

  it('skips undefined parameters and keeps commas readable', () => {
    expect(odataQuery({ $select: 'id,displayName', $count: undefined })).toBe('?$select=id,displayName');
    expect(odataQuery({})).toBe('');
  });

  it('encodes path segments', () => {
    expect(pathSegment('a/b#c@contoso.com')).toBe('a%2Fb%23c%40contoso.com');
  });
});
