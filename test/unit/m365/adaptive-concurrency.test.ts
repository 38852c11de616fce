import { PROBE_AGAIN_AFTER_MS, AdaptiveConcurrency, exchangeConcurrencyFor, type Outcome } from '../../../src/m365/adaptive-concurrency';
import { isExchangeHost } from '../../../src/m365/exchange-hosts';

/** A task that ends when told, with the outcome given. */
function gate(limit: AdaptiveConcurrency) {
  const open: { finish(o: Outcome): void }[] = [];
  let started = 0;
  const start = () =>
    limit.run(
      () =>
        new Promise<Outcome>((resolve) => {
          started++;
          open.push({ finish: resolve });
        }),
      (o) => o,
    );
  const finishFirst = async (o: Outcome) => {
    open.shift()!.finish(o);
    await new Promise((r) => setImmediate(r));
  };
  return { start, finishFirst, started: () => started };
}

describe('AdaptiveConcurrency', () => {
  it('starts with one request in flight and grows while answers are clean', async () => {
    const limit = new AdaptiveConcurrency({ initial: 1, max: 8, decrease: 0.75 });
    const g = gate(limit);
    const all = Array.from({ length: 20 }, () => g.start());
    await new Promise((r) => setImmediate(r));
    expect(g.started()).toBe(1);
    await g.finishFirst('clean');
    expect(limit.current).toBe(2);
    expect(g.started()).toBe(3);
    await g.finishFirst('clean');
    await g.finishFirst('clean');
    expect(limit.current).toBe(4);
    for (let i = 0; i < 17; i++) await g.finishFirst('clean');
    await Promise.all(all);
    expect(limit.current).toBeLessThanOrEqual(8);
  });

  it('cuts once per round of throttling, then grows by one per round', async () => {
    const limit = new AdaptiveConcurrency({ initial: 8, max: 16, decrease: 0.75 });
    const g = gate(limit);
    const all = Array.from({ length: 40 }, () => g.start());
    await new Promise((r) => setImmediate(r));
    expect(g.started()).toBe(8);
    // Eight answers from the same round, all throttled: one cut, not eight.
    for (let i = 0; i < 8; i++) await g.finishFirst('throttled');
    expect(limit.current).toBe(6);
    expect(limit.counts.cuts).toBe(1);
    // A window's worth of clean answers (each adds 1/limit) adds about one.
    for (let i = 0; i < 6; i++) await g.finishFirst('clean');
    expect(limit.current).toBe(6);
    await g.finishFirst('clean');
    expect(limit.current).toBe(7);
    while (limit.inFlight > 0) await g.finishFirst('clean');
    await Promise.all(all);
  });

  it('after a refusal at n in flight, stays below n for a while before trying n again', async () => {
    let now = 0;
    const limit = new AdaptiveConcurrency({ initial: 2, max: 3, decrease: 0.75 }, () => now);
    const g = gate(limit);
    const all = Array.from({ length: 60 }, () => g.start());
    await new Promise((r) => setImmediate(r));
    await g.finishFirst('throttled');
    expect(limit.current).toBe(1);
    // Clean answers for 29 s: the limit stays at one, the tenant is not asked for two again.
    for (let i = 0; i < 20; i++) {
      now += 1_450;
      await g.finishFirst('clean');
      expect(limit.current).toBe(1);
    }
    now = PROBE_AGAIN_AFTER_MS + 1;
    await g.finishFirst('clean');
    await g.finishFirst('clean');
    expect(limit.current).toBe(2);
    while (limit.inFlight > 0) await g.finishFirst('clean');
    await Promise.all(all);
  });

  it('does not grow while the tenant is not asked for more than it already gets', async () => {
    const limit = new AdaptiveConcurrency({ initial: 2, max: 16, decrease: 0.75 });
    for (let i = 0; i < 10; i++)
      await limit.run(
        async () => 'clean' as Outcome,
        (o) => o,
      );
    expect(limit.current).toBe(2);
  });

  it('keeps one limit per tenant and Exchange host in a process', () => {
    const a = exchangeConcurrencyFor('https://outlook.office365.com', 'T1');
    expect(exchangeConcurrencyFor('https://outlook.office365.com/', 't1')).toBe(a);
    expect(exchangeConcurrencyFor('https://outlook.office365.com', 'T2')).not.toBe(a);
  });
});

describe('isExchangeHost', () => {
  const configured = new URL('https://outlook.office365.com');
  it.each([
    ['https://outlook.office365.com/adminapi', true],
    ['https://contoso-eur.outlook.office365.com/adminapi', true],
    ['https://outlook.office365.us/x', true],
    ['https://outlook.office365.com.evil.example/x', false],
    ['https://evil-outlook.office365.com.example/x', false],
    ['http://outlook.office365.com/x', false],
    ['https://login.microsoftonline.com/x', false],
  ])('%s → %s', (url, expected) => {
    expect(isExchangeHost(new URL(url), configured)).toBe(expected);
  });

  it('allows the configured host on any port (the simulated tenant)', () => {
    const sim = new URL('https://localhost:4443');
    expect(isExchangeHost(new URL('https://localhost:5555/x'), sim)).toBe(true);
    expect(isExchangeHost(new URL('https://127.0.0.1:5555/x'), sim)).toBe(false);
  });
});
