import { ExchangeSizeError, parseExchangeSize } from '../../../src/m365/exchange-sizes';

describe('parseExchangeSize', () => {
  it.each([
    ['1.66 GB (1,782,579,200 bytes)', 1782579200],
    ['100 GB (107,374,182,400 bytes)', 107374182400],
    ['0 B (0 bytes)', 0],
    ['1 B (1 byte)', 1],
    ['99 GB (106,300,440,576 bytes)', 106300440576],
    // Other locales and separators
    ['1,66 GB (1.782.579.200 bytes)', 1782579200],
    ['1,66 GB (1 782 579 200 bytes)', 1782579200],
    ['1,66\u00a0GB (1\u00a0782\u00a0579\u00a0200 bytes)', 1782579200],
    ['1,66\u202fGB\u00a0(1\u202f782\u202f579\u202f200\u00a0bytes)', 1782579200],
    ["1.66 GB (1'782'579'200 bytes)", 1782579200],
    ['  50 GB (53,687,091,200 bytes)  ', 53687091200],
    ['1.5 KB (1,536 Bytes)', 1536],
    // Bare numbers: bytes
    ['1782579200', 1782579200],
    ['1,782,579,200', 1782579200],
    ['1.782.579.200', 1782579200],
    [1782579200, 1782579200],
    [0, 0],
    // A unit without the byte count (binary units, as Exchange uses)
    ['50 GB', 53687091200],
    ['1.5 MB', 1572864],
    ['1,5 MB', 1572864],
    ['1,500 KB', 1536000],
    ['512 B', 512],
  ])('reads %j as %d bytes', (input, bytes) => {
    expect(parseExchangeSize(input)).toBe(bytes);
  });

  it.each(['Unlimited', 'unlimited', ' UNLIMITED ', '\u00a0Unlimited'])('reads %j as unlimited (null)', (input) => {
    expect(parseExchangeSize(input)).toBeNull();
  });

  it('treats an absent value as unlimited', () => {
    expect(parseExchangeSize(null)).toBeNull();
    expect(parseExchangeSize(undefined)).toBeNull();
  });

  it('reads serialised Unlimited<ByteQuantifiedSize> objects', () => {
    expect(parseExchangeSize({ IsUnlimited: true, Value: null })).toBeNull();
    expect(parseExchangeSize({ IsUnlimited: false, Value: '2 GB (2,147,483,648 bytes)' })).toBe(2147483648);
    expect(parseExchangeSize({ Value: 1024 })).toBe(1024);
  });

  it.each(['', 'lots', 'GB', '1.66 XB', '-5', '1.5', '12 apples', '(bytes)', 'NaN'])('refuses %j with a clear error', (input) => {
    expect(() => parseExchangeSize(input)).toThrow(ExchangeSizeError);
    expect(() => parseExchangeSize(input)).toThrow(/size this bot cannot read/);
  });

  it('refuses negative and non-finite numbers and objects without a value', () => {
    expect(() => parseExchangeSize(-1)).toThrow(ExchangeSizeError);
    expect(() => parseExchangeSize(Number.NaN)).toThrow(ExchangeSizeError);
    expect(() => parseExchangeSize({ Foo: 1 })).toThrow(ExchangeSizeError);
  });
});
