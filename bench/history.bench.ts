// Issue budgets for mailbox history at 100,000 mailboxes × 365 days, against Azurite: collecting
// one day (time and RSS), bytes stored per mailbox-day, one mailbox's year (p95), growth for all.
// Baselines from the same run: a plain upload of the same bytes, one ranged GET, one day's download.
import { ContainerClient } from '@azure/storage-blob';
import { startAzurite } from '../src/demo/azurite';
import { HistoryStore } from '../src/history/history-store';
import type { HistoryRecord } from '../src/history/day-rows';
import type { AddRow, Print } from './summary';

const MAILBOXES = Number(process.env.HISTORY_BENCH_MAILBOXES ?? 100_000);
const DAYS = Number(process.env.HISTORY_BENCH_DAYS ?? 365);
const DAY_MS = 86_400_000;
const GB = 1024 ** 3;

function dateBack(last: string, back: number): string {
  return new Date(Date.parse(`${last}T00:00:00Z`) - back * DAY_MS).toISOString().slice(0, 10);
}

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  const storage = await startAzurite({ quiet: true });
  try {
    const container = new ContainerClient(storage.connectionString, 'history-bench');
    await container.createIfNotExists();
    const store = new HistoryStore(container);
    const last = '2026-12-04';
    const records: HistoryRecord[] = Array.from({ length: MAILBOXES }, (_, i) => ({
      upn: `user${i}@contoso.onmicrosoft.com`,
      bytes: Math.round((1 + (i % 40)) * GB * 0.5),
      items: 10_000 + (i % 5000),
      quotaBytes: 100 * GB,
      recoverableBytes: (i % 300) * 1024 * 1024,
      recoverableItems: i % 500,
    }));
    const growth = (i: number) => ((i * 7919) % 100) * 1024 * 1024;
    // One set of records, changed in place each day: the bench's own garbage stays out of the RSS.
    const base = records.map((r) => ({ bytes: r.bytes!, items: r.items! }));
    const dayRecords = (back: number) => {
      records.forEach((r, i) => {
        r.bytes = base[i].bytes + growth(i) * (DAYS - back);
        r.items = base[i].items + (DAYS - back) * 3;
      });
      return records;
    };

    // Baseline: the same bytes uploaded as one plain blob.
    const raw = Buffer.alloc(MAILBOXES * 28, 1);
    let t = performance.now();
    await container.getBlockBlobClient('baseline/raw.bin').upload(raw, raw.length);
    const rawMs = performance.now() - t;

    // Collecting one day: the first (oldest) day, which also writes the roster.
    const first = dayRecords(DAYS - 1);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    t = performance.now();
    await store.recordDay(dateBack(last, DAYS - 1), first, 'usage');
    const collectMs = performance.now() - t;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    print(
      `history: collect one day of ${MAILBOXES.toLocaleString('en-US')} mailboxes (roster + day rows + manifest): ${ms(collectMs)}; a plain upload of the same bytes ${ms(rawMs)} (×${(collectMs / rawMs).toFixed(1)}); RSS ${(rssBefore / 1e6).toFixed(0)} → peak ${(peak / 1e6).toFixed(0)} MB`,
    );
    addRow({
      bench: 'history',
      figure: `collect one day, ${MAILBOXES.toLocaleString('en-US')} mailboxes`,
      measured: ms(collectMs),
      target: '≤ 30 s',
      met: collectMs <= 30_000,
    });
    addRow({
      bench: 'history',
      figure: 'collect: process peak RSS',
      measured: `${(peak / 1e6).toFixed(0)} MB`,
      target: '≤ 300 MB',
      met: peak / 1e6 <= 300,
    });

    // Every other day, including those that compact a 32-day segment: the slowest day and the peak RSS.
    let worst = 0;
    let fillPeak = process.memoryUsage().rss;
    const fillSampler = setInterval(() => (fillPeak = Math.max(fillPeak, process.memoryUsage().rss)), 20);
    t = performance.now();
    for (let back = DAYS - 2; back >= 0; back--) {
      const records = dayRecords(back);
      const dayStart = performance.now();
      await store.recordDay(dateBack(last, back), records, 'usage');
      worst = Math.max(worst, performance.now() - dayStart);
    }
    const fillMs = performance.now() - t;
    clearInterval(fillSampler);
    print(
      `history: ${DAYS - 1} more days collected in ${(fillMs / 1000).toFixed(0)} s (${ms(fillMs / Math.max(1, DAYS - 1))} a day; slowest day, one that compacts a segment: ${ms(worst)}); peak RSS ${(fillPeak / 1e6).toFixed(0)} MB`,
    );
    addRow({
      bench: 'history',
      figure: 'collect: slowest day (compacts 32 days)',
      measured: ms(worst),
      target: '≤ 30 s',
      met: worst <= 30_000,
    });
    addRow({
      bench: 'history',
      figure: 'collect: peak RSS over every day',
      measured: `${(fillPeak / 1e6).toFixed(0)} MB`,
      target: '≤ 300 MB',
      met: fillPeak / 1e6 <= 300,
    });

    const summary = await store.summary();
    const perDay = summary.storedBytes / (MAILBOXES * summary.days);
    print(
      `history: ${summary.days} days, ${summary.mailboxes.toLocaleString('en-US')} mailboxes, ${(summary.storedBytes / 1e6).toFixed(0)} MB stored: ${perDay.toFixed(1)} bytes per mailbox-day`,
    );
    addRow({ bench: 'history', figure: 'bytes stored per mailbox-day', measured: perDay.toFixed(1), target: '≤ 32', met: perDay <= 32 });

    // One mailbox's year, from a fresh store (no roster cached): 40 mailboxes.
    const reader = new HistoryStore(container);
    const times: number[] = [];
    for (let k = 0; k < 40; k++) {
      const i = (k * 2477) % MAILBOXES;
      t = performance.now();
      const series = await reader.series(`user${i}@contoso.onmicrosoft.com`, 365);
      times.push(performance.now() - t);
      if (series.length !== Math.min(365, DAYS)) throw new Error(`series of user${i} has ${series.length} days`);
    }
    t = performance.now();
    await container.getBlockBlobClient(`history/days/${last}.bin`).downloadToBuffer(28 * 4242, 28);
    const oneGet = performance.now() - t;
    const p95 = percentile(times.slice(1), 95);
    print(
      `history: one mailbox's ${Math.min(365, DAYS)} days: p50 ${ms(percentile(times.slice(1), 50))}, p95 ${ms(p95)} (first read, with the roster: ${ms(times[0])}); one ranged GET ${oneGet.toFixed(1)} ms`,
    );
    addRow({
      bench: 'history',
      figure: `one mailbox's ${Math.min(365, DAYS)} days, p95`,
      measured: ms(p95),
      target: '≤ 300 ms',
      met: p95 <= 300,
    });

    t = performance.now();
    const table = await reader.growthForAll();
    const growthMs = performance.now() - t;
    t = performance.now();
    await container.getBlockBlobClient(`history/days/${last}.bin`).downloadToBuffer();
    const dayMs = performance.now() - t;
    const ranked = [...table.byUpn.entries()].sort((a, b) => (b[1].perDay30 ?? -Infinity) - (a[1].perDay30 ?? -Infinity));
    print(
      `history: growth for all ${table.byUpn.size.toLocaleString('en-US')} mailboxes, ranked: ${ms(growthMs)} (one day's download ${ms(dayMs)}); fastest ${ranked[0][0]} at ${((ranked[0][1].perDay30 ?? 0) / 1024 / 1024).toFixed(0)} MB/day`,
    );
    addRow({
      bench: 'history',
      figure: `growth for all ${MAILBOXES.toLocaleString('en-US')} mailboxes`,
      measured: ms(growthMs),
      target: '≤ 10 s',
      met: growthMs <= 10_000,
    });
  } finally {
    await storage.stop();
  }
}
