import { FaultBook } from '../../../src/simulator/faults';

describe('fault rules', () => {
  it('apply only to their API and path, at their rate', () => {
    const rolls = [0.1, 0.5];
    const book = new FaultBook(() => rolls.shift() ?? 0.99);
    book.set({ rules: [{ api: 'graph', path: '^/v1\\.0/users', status: 503, rate: 0.3, latencyMs: 10 }] });
    expect(book.roll('exchange', '/v1.0/users')).toBeUndefined();
    expect(book.roll('graph', '/v1.0/subscribedSkus')).toBeUndefined();
    expect(book.roll('graph', '/v1.0/users?$top=5')).toEqual({ latencyMs: 10, status: 503, retryAfterSeconds: undefined });
    expect(book.roll('graph', '/v1.0/users')).toBeUndefined();
  });

  it('add latency from every matching rule and keep the first failure', () => {
    const book = new FaultBook(() => 0);
    book.set({
      rules: [
        { api: 'exchange', latencyMs: 5 },
        { api: 'exchange', reset: true, latencyMs: 7 },
        { api: 'exchange', status: 429 },
      ],
    });
    expect(book.roll('exchange', '/x')).toEqual({ latencyMs: 12, reset: true });
  });

  it('are cleared by an empty list and refuse nonsense', () => {
    const book = new FaultBook();
    book.set({ rules: [{ api: 'graph', status: 500 }] });
    book.set({ rules: [] });
    expect(book.roll('graph', '/')).toBeUndefined();
    expect(() => book.set({ rules: [{ api: 'graph', status: 99 }] })).toThrow(/status/);
    expect(() => book.set({})).toThrow(/rules/);
  });
});
