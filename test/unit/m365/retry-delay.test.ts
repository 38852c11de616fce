import { backoffDelay, parseRetryAfter, retryDelay } from '../../../src/m365/retry-delay';

const headers = (h: Record<string, string>) => (n: string) => h[n.toLowerCase()];

describe('parseRetryAfter', () => {
  it('reads whole and fractional seconds', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '10' }))).toBe(10_000);
    expect(parseRetryAfter(headers({ 'retry-after': '0.5' }))).toBe(500);
    expect(parseRetryAfter(headers({ 'retry-after': ' 2.25 ' }))).toBe(2250);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:27:00 GMT' }), now)).toBe(0);
  });

  it('prefers the millisecond headers and ignores nonsense', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '10' }))).toBe(250);
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }))).toBeNull();
    expect(parseRetryAfter(headers({ 'retry-after': '-3' }))).toBeNull();
    expect(parseRetryAfter(headers({}))).toBeNull();
  });
});

describe('backoff', () => {
  const settings = { baseDelayMs: 1000, maxDelayMs: 30_000 };

  it('grows exponentially up to the cap (the top of the jitter range)', () => {
    const top = () => 0.999999;
    expect(backoffDelay(0, settings, top)).toBe(999);
    expect(backoffDelay(1, settings, top)).toBe(1999);
    expect(backoffDelay(3, settings, top)).toBe(7999);
    expect(backoffDelay(10, settings, top)).toBe(29_999);
    expect(backoffDelay(200, settings, top)).toBe(29_999);
  });

  it('spreads waits over the whole range (full jitter)', () => {
    expect(backoffDelay(4, settings, () => 0)).toBe(0);
    expect(backoffDelay(4, settings, () => 0.5)).toBe(8000);
  });

  it("obeys the service's Retry-After instead of backoff", () => {
    expect(retryDelay(0, 4500, settings, () => 0)).toBe(4500);
    expect(retryDelay(0, 60_000, settings, () => 0)).toBe(60_000);
    expect(retryDelay(2, null, settings, () => 0.5)).toBe(2000);
  });
});
