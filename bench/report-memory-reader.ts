// Run by report-memory.bench.ts in a process of its own, so the figures are the bot's alone: reads
// every mailbox of the simulator named in SIM_INFO, builds the report and its card, and prints one
// JSON line with the memory it needed.
import { getHeapStatistics } from 'node:v8';
import { readMailboxes } from '../src/m365/mailbox-inventory';
import { buildMailboxReport } from '../src/reports/mailbox-report';
import { mailboxReportCard } from '../src/cards/mailbox-report-card';
import type { SimulatorInfo } from '../src/simulator';
import { botClients } from './simulated-tenant';

export interface MemoryFigures {
  mailboxes: number;
  failures: number;
  ms: number;
  rssBeforeMb: number;
  heapBeforeMb: number;
  peakRssMb: number;
  peakHeapMb: number;
  /** The kernel's high-water mark for the whole process, which a 50 ms sampler can miss. */
  maxRssMb: number;
  cardRows: number;
  /** Heap still used after a full collection with the mailboxes held: what the report keeps. */
  liveHeapMb: number | null;
  /** The V8 heap limit this process ran with. */
  heapLimitMb: number;
}

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const info = JSON.parse(process.env.SIM_INFO ?? '') as SimulatorInfo;
  const clients = botClients(info);
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 50);
  const start = performance.now();
  const inventory = await readMailboxes(clients, { types: 'all' });
  const report = buildMailboxReport(inventory.mailboxes, { type: 'all', sort: 'items', top: 25 }, new Date());
  const card = mailboxReportCard(report);
  const ms = performance.now() - start;
  sample();
  clearInterval(sampler);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const liveHeapMb = gc ? process.memoryUsage().heapUsed / MB : null;
  clients.close();
  const figures: MemoryFigures = {
    mailboxes: inventory.mailboxes.length,
    failures: inventory.failures.length,
    ms,
    rssBeforeMb: before.rss / MB,
    heapBeforeMb: before.heapUsed / MB,
    peakRssMb: peakRss / MB,
    peakHeapMb: peakHeap / MB,
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    cardRows: card.rows,
    liveHeapMb,
    heapLimitMb: getHeapStatistics().heap_size_limit / MB,
  };
  // Held until here so the collection above could not free them.
  void inventory.mailboxes.length;
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
