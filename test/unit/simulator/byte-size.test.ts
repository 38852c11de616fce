import { formatByteSize } from '../../../src/simulator/exchange/byte-size';

describe("Exchange's size strings", () => {
  it.each([
    [1782579200, '1.66 GB (1,782,579,200 bytes)'],
    [107374182400, '100 GB (107,374,182,400 bytes)'],
    [106300440576, '99 GB (106,300,440,576 bytes)'],
    [53150220288, '49.5 GB (53,150,220,288 bytes)'],
    [0, '0 B (0 bytes)'],
    [1023, '1023 B (1,023 bytes)'],
    [2048, '2 KB (2,048 bytes)'],
    [123335465, '117.6 MB (123,335,465 bytes)'],
    [1649267441664, '1.5 TB (1,649,267,441,664 bytes)'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatByteSize(bytes)).toBe(text);
  });

  it('says Unlimited for no quota', () => {
    expect(formatByteSize(null)).toBe('Unlimited');
  });

  it('always carries the exact byte count a parser can read back', () => {
    for (const bytes of [1, 999999, 1073741823, 987654321012]) {
      const m = /\(([\d,]+) bytes\)$/.exec(formatByteSize(bytes));
      expect(Number(m![1].replace(/,/g, ''))).toBe(bytes);
    }
  });
});
