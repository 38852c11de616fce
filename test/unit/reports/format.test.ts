import {
  dataAge,
  formatBytes,
  formatBytesExact,
  formatBytesShort,
  formatCount,
  formatCountShort,
  formatPercent,
  relativeTime,
  relativeTimeShort,
} from '../../../src/reports/format';
import { GB, MB, NOW, daysAgo } from './sample-mailboxes';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1, '1 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [850 * MB, '850 MB'],
    [1.7 * GB, '1.7 GB'],
    [49.94 * GB, '49.9 GB'],
    [99.96 * GB, '100 GB'],
    [100 * GB, '100 GB'],
    [1023.97 * MB, '1 GB'],
    [12.4 * 1024 * GB, '12.4 TB'],
  ])('%d bytes reads "%s"', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('says unknown instead of inventing a size', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(NaN)).toBe('—');
    expect(formatBytes(-5)).toBe('—');
  });
});

describe('formatBytesShort (table cells)', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1024, '1 KB'],
    [850 * MB, '850 MB'],
    [999.5 * MB, '999 MB'],
    [1000 * MB, '1 GB'],
    [1023.7 * MB, '1 GB'],
    [9.6 * GB, '9.6 GB'],
    [9.96 * GB, '10 GB'],
    [87.1 * GB, '87 GB'],
    [99.6 * GB, '99 GB'],
    [100 * GB, '100 GB'],
    [1.24 * 1024 * GB, '1.2 TB'],
  ])('%d bytes reads "%s"', (bytes, text) => expect(formatBytesShort(bytes)).toBe(text));

  it('never needs more than six characters for a mailbox-sized figure', () => {
    for (let b = 1; b < 2 ** 50; b *= 1.37) expect(formatBytesShort(b).length).toBeLessThanOrEqual(6);
  });

  it('says unknown instead of inventing a size', () => expect(formatBytesShort(null)).toBe('—'));
});

describe('formatBytesExact', () => {
  it('gives every byte, as Get-MailboxStatistics does', () => {
    expect(formatBytesExact(8_482_123_456)).toBe('8,482,123,456 bytes');
    expect(formatBytesExact(1)).toBe('1 byte');
    expect(formatBytesExact(null)).toBe('—');
  });
});

describe('formatCountShort (table cells)', () => {
  it.each([
    [0, '0'],
    [912, '912'],
    [999.6, '1k'],
    [1234, '1.2k'],
    [48_640, '48.6k'],
    [99_960, '100k'],
    [486_012, '486k'],
    [999_600, '1M'],
    [1_736_198, '1.7M'],
    [17_240_000, '17.2M'],
    [-4200, '-4.2k'],
  ])('%d reads "%s"', (n, text) => expect(formatCountShort(n)).toBe(text));

  it('never needs more than five characters below a billion', () => {
    for (let n = 1; n < 1e9; n = Math.ceil(n * 1.13)) expect(formatCountShort(n).length).toBeLessThanOrEqual(5);
  });

  it('shows a dash for unknown counts', () => expect(formatCountShort(undefined)).toBe('—'));
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [10000, '10,000'],
    [1234567, '1,234,567'],
    [-4200, '-4,200'],
  ])('%d reads "%s"', (n, text) => expect(formatCount(n)).toBe(text));
  it('shows a dash for unknown counts', () => expect(formatCount(null)).toBe('—'));
});

describe('formatPercent', () => {
  it('rounds to whole percent', () => {
    expect(formatPercent(93.4)).toBe('93%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(100)).toBe('100%');
    expect(formatPercent(250)).toBe('250%');
  });
  it('never claims full or empty when it is not', () => {
    expect(formatPercent(99.7)).toBe('99%');
    expect(formatPercent(0.2)).toBe('<1%');
  });
  it('shows a dash when there is no quota', () => expect(formatPercent(null)).toBe('—'));
});

describe('relativeTime', () => {
  it.each([
    [daysAgo(0), 'today'],
    [daysAgo(0.9), 'today'],
    [daysAgo(1), 'yesterday'],
    [daysAgo(3), '3 days ago'],
    [daysAgo(59), '59 days ago'],
    [daysAgo(60), '2 months ago'],
    [daysAgo(152), '5 months ago'],
    [daysAgo(700), '23 months ago'],
    [daysAgo(800), '2 years ago'],
  ])('%s reads "%s"', (iso, text) => expect(relativeTime(iso, NOW)).toBe(text));

  it('says never for a mailbox never used, and unknown for garbage', () => {
    expect(relativeTime(null, NOW)).toBe('never');
    expect(relativeTime('', NOW)).toBe('never');
    expect(relativeTime('not a date', NOW)).toBe('unknown');
  });

  it('treats a little clock skew as today and shows a date for a far future one', () => {
    expect(relativeTime(new Date(NOW.getTime() + 3_600_000).toISOString(), NOW)).toBe('today');
    expect(relativeTime('2030-01-02T00:00:00Z', NOW)).toBe('on 2030-01-02');
  });
});

describe('relativeTimeShort (table cells)', () => {
  it.each([
    [daysAgo(0), 'today'],
    [daysAgo(0.9), 'today'],
    [daysAgo(1), '1 d ago'],
    [daysAgo(59), '59 d ago'],
    [daysAgo(60), '2 mo ago'],
    [daysAgo(213), '7 mo ago'],
    [daysAgo(350), '11 mo ago'],
    [daysAgo(366), '1 y ago'],
    [daysAgo(700), '2 y ago'],
  ])('%s reads "%s"', (iso, text) => expect(relativeTimeShort(iso, NOW)).toBe(text));

  it('never needs more than nine characters', () => {
    for (let d = 0; d < 20_000; d += 0.7) expect(relativeTimeShort(daysAgo(d), NOW).length).toBeLessThanOrEqual(9);
  });

  it('says never for a mailbox never used, and a dash for what it cannot place', () => {
    expect(relativeTimeShort(null, NOW)).toBe('never');
    expect(relativeTimeShort('not a date', NOW)).toBe('—');
    expect(relativeTimeShort('2030-01-02T00:00:00Z', NOW)).toBe('—');
  });
});

describe('dataAge (how old a report is, for "as of 4 min ago")', () => {
  const at = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
  it.each([
    [0, 'just now'],
    [59_999, 'just now'],
    [60_000, '1 min ago'],
    [4 * 60_000 + 30_000, '4 min ago'],
    [59 * 60_000, '59 min ago'],
    [60 * 60_000, '1 h ago'],
    [23 * 3_600_000 + 59 * 60_000, '23 h ago'],
    [24 * 3_600_000, 'yesterday'],
    [3 * 24 * 3_600_000, '3 days ago'],
  ])('%i ms old reads "%s"', (ms, text) => expect(dataAge(at(ms), NOW)).toBe(text));

  it('gives nothing for a date it cannot place, or one in the future beyond clock skew', () => {
    expect(dataAge('not a date', NOW)).toBeNull();
    expect(dataAge(new Date(NOW.getTime() + 5 * 60_000).toISOString(), NOW)).toBeNull();
    expect(dataAge(new Date(NOW.getTime() + 10_000).toISOString(), NOW)).toBe('just now');
  });
});
