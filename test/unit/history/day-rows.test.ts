// A day's rows as stored: 28 bytes a mailbox, sizes in KiB, unknown figures kept unknown.
import { decodeRow, encodeDay, ROW_BYTES, sizesOf } from '../../../src/history/day-rows';

test('figures survive the round trip (sizes rounded to the KiB); a mailbox missing that day has no row', () => {
  const rows = [
    { bytes: 10 * 1024 ** 3 + 5000, items: 12345, quotaBytes: 100 * 1024 ** 3, recoverableBytes: 4096, recoverableItems: 7 },
    undefined,
    { bytes: null, items: 3, quotaBytes: null },
  ];
  const buf = encodeDay(rows.length, (i) => rows[i]);
  expect(buf.length).toBe(3 * ROW_BYTES);
  expect(decodeRow(buf, 0)).toEqual({
    bytes: 10 * 1024 ** 3 + 5120,
    items: 12345,
    quotaBytes: 100 * 1024 ** 3,
    archiveBytes: null,
    archiveItems: null,
    recoverableBytes: 4096,
    recoverableItems: 7,
  });
  expect(decodeRow(buf, 1)).toBeUndefined();
  expect(decodeRow(buf, 2)).toMatchObject({ bytes: null, items: 3, quotaBytes: null });
  expect(decodeRow(buf, 3)).toBeUndefined();
  const sizes = sizesOf(buf);
  expect(sizes[0]).toBe(10 * 1024 ** 3 + 5120);
  expect(Number.isNaN(sizes[1])).toBe(true);
});
