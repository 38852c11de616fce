// `npm run bench [-- name…]`: every benchmark, or those whose name contains one of the arguments
// (`npm run bench -- report` runs report, report-first-reply and report-memory). Figures are
// printed, never asserted; the table at the end sets each against the target its issue gave.
import { run as runTenant } from './tenant.bench';
import { run as runSimulator } from './simulator.bench';
import { run as runReport } from './report.bench';
import { run as runFirstReply } from './report-first-reply.bench';
import { run as runReportMemory } from './report-memory.bench';
import { run as runSharedMailboxes } from './shared-mailboxes.bench';
import { summaryTable, type AddRow, type Print, type SummaryRow } from './summary';

interface Bench {
  name: string;
  run(print: Print, addRow: AddRow): Promise<void>;
  /** Rows for benches that print but keep no table: their key line, found by a pattern. */
  keyLine?: { figure: string; pattern: RegExp };
}

const BENCHES: Bench[] = [
  { name: 'tenant', run: runTenant, keyLine: { figure: 'generate 100,000 mailboxes', pattern: /generate .*?: (\d+ ms)/ } },
  { name: 'simulator', run: runSimulator, keyLine: { figure: 'Get-Mailbox, 100,000 mailboxes in pages of 1000, HTTPS', pattern: /paged .*?: (\d+ ms \([\d.]+ ms\/page)/ } },
  { name: 'report', run: runReport },
  { name: 'report-first-reply', run: runFirstReply },
  { name: 'report-memory', run: runReportMemory },
  { name: 'shared-mailboxes', run: runSharedMailboxes },
];

async function main(): Promise<void> {
  const filters = process.argv.slice(2).map((a) => a.toLowerCase());
  const chosen = filters.length ? BENCHES.filter((b) => filters.some((f) => b.name.includes(f))) : BENCHES;
  if (chosen.length === 0) {
    console.error(`No benchmark matches ${filters.join(', ')}; there are: ${BENCHES.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const rows: SummaryRow[] = [];
  const started = performance.now();
  console.log(`bench: node ${process.version}, ${chosen.map((b) => b.name).join(', ')}`);
  let failed = 0;
  for (const bench of chosen) {
    const lines: string[] = [];
    const print: Print = (line) => {
      lines.push(line);
      console.log(line);
    };
    const benchStart = performance.now();
    try {
      await bench.run(print, (row) => rows.push(row));
      if (bench.keyLine) {
        const found = lines.map((l) => bench.keyLine!.pattern.exec(l)).find(Boolean);
        rows.push({ bench: bench.name, figure: bench.keyLine.figure, measured: found ? found[1] + (found[1].includes('(') ? ')' : '') : 'see above' });
      }
    } catch (error) {
      failed++;
      console.log(`${bench.name}: FAILED: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      rows.push({ bench: bench.name, figure: 'the bench itself', measured: 'failed (see above)', target: 'runs', met: false });
    }
    console.log(`${bench.name}: bench took ${((performance.now() - benchStart) / 1000).toFixed(1)} s`);
  }
  console.log('');
  console.log(`Summary (all benches took ${((performance.now() - started) / 1000).toFixed(0)} s):`);
  for (const line of summaryTable(rows)) console.log(line);
  // A missed target is a finding to report, not a broken run; only a bench that could not run fails it.
  // Keep-alive sockets of finished clients must not hold the run open.
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
