// `npm run bench [-- name…]`: every benchmark, or those whose name contains one of the arguments
// (`npm run bench -- report` runs report, report-first-reply and report-memory). Figures are
// printed, never asserted; the table at the end sets each against the target its issue gave.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import * as readline from 'node:readline';
import { summaryTable, type AddRow, type Print, type SummaryRow } from './summary';

interface Bench {
  name: string;
  run(print: Print, addRow: AddRow): Promise<void>;
  /** Rows for benches that print but keep no table: their key line, found by a pattern. */
  keyLine?: { figure: string; pattern: RegExp };
}

// Loaded only in the child that runs them, so the parent stays a small process.
const BENCHES: Bench[] = [
  {
    name: 'tenant',
    run: async (p) => (await import('./tenant.bench')).run(p),
    keyLine: { figure: 'generate 100,000 mailboxes', pattern: /generate .*?: (\d+ ms)/ },
  },
  {
    name: 'simulator',
    run: async (p) => (await import('./simulator.bench')).run(p),
    keyLine: { figure: 'Get-Mailbox, 100,000 mailboxes in pages of 1000, HTTPS', pattern: /paged .*?: (\d+ ms \([\d.]+ ms\/page)/ },
  },
  { name: 'report', run: async (p, a) => (await import('./report.bench')).run(p, a) },
  { name: 'report-first-reply', run: async (p, a) => (await import('./report-first-reply.bench')).run(p, a) },
  { name: 'report-memory', run: async (p, a) => (await import('./report-memory.bench')).run(p, a) },
  { name: 'shared-mailboxes', run: async (p, a) => (await import('./shared-mailboxes.bench')).run(p, a) },
  { name: 'buttons', run: async (p, a) => (await import('./buttons.bench')).run(p, a) },
  { name: 'usage-report', run: async (p, a) => (await import('./usage-report.bench')).run(p, a) },
  { name: 'licenses', run: async (p, a) => (await import('./licenses.bench')).run(p, a) },
  { name: 'alerts', run: async (p, a) => (await import('./alerts.bench')).run(p, a) },
  { name: 'schedules', run: async (p, a) => (await import('./schedules.bench')).run(p, a) },
  { name: 'startup', run: async (p, a) => (await import('./startup.bench')).run(p, a) },
  { name: 'history', run: async (p, a) => (await import('./history.bench')).run(p, a) },
  { name: 'archives', run: async (p, a) => (await import('./archives.bench')).run(p, a) },
];

const ROW_MARK = '@@summary-row ';

/**
 * Each bench runs in a child process of its own: MSAL keeps the managed-identity endpoint and
 * header of the first simulator for the life of a process, so a second simulator in the same
 * process would get no token; and one bench's garbage must not weigh on the next one's figures.
 */
function runInChild(bench: Bench, rows: SummaryRow[]): Promise<boolean> {
  return new Promise((resolve) => {
    // --no-deprecation: restify's spdy → http-deceiver warns about process.binding on every start.
    const child = spawn(process.execPath, ['--no-deprecation', __filename], {
      env: { ...process.env, BENCH_ONLY: bench.name },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(ROW_MARK)) rows.push(JSON.parse(line.slice(ROW_MARK.length)) as SummaryRow);
      else console.log(line);
    });
    child.once('exit', (code) => resolve(code === 0));
  });
}

/** In the child: one bench, its lines on stdout, its summary rows marked for the parent. */
async function runOne(bench: Bench): Promise<void> {
  const lines: string[] = [];
  const print: Print = (line) => {
    lines.push(line);
    console.log(line);
  };
  const addRow: AddRow = (row) => console.log(`${ROW_MARK}${JSON.stringify(row)}`);
  const benchStart = performance.now();
  try {
    await bench.run(print, addRow);
    if (bench.keyLine) {
      const found = lines.map((l) => bench.keyLine!.pattern.exec(l)).find(Boolean);
      addRow({
        bench: bench.name,
        figure: bench.keyLine.figure,
        measured: found ? found[1] + (found[1].includes('(') ? ')' : '') : 'see above',
      });
    }
  } catch (error) {
    console.log(`${bench.name}: FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    addRow({ bench: bench.name, figure: 'the bench itself', measured: 'failed (see above)', target: 'runs', met: false });
    process.exitCode = 1;
  }
  console.log(`${bench.name}: bench took ${((performance.now() - benchStart) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only) {
    await runOne(BENCHES.find((b) => b.name === only)!);
    // Keep-alive sockets of finished clients must not hold the process open.
    process.exit(process.exitCode ?? 0);
  }
  const filters = process.argv.slice(2).map((a) => a.toLowerCase());
  const chosen = filters.length ? BENCHES.filter((b) => filters.some((f) => b.name.includes(f))) : BENCHES;
  if (chosen.length === 0) {
    console.error(`No benchmark matches ${filters.join(', ')}; there are: ${BENCHES.map((b) => b.name).join(', ')}`);
    process.exit(2);
  }
  const rows: SummaryRow[] = [];
  const started = performance.now();
  console.log(
    `bench: node ${process.version}, ${cpus().length} cores; running ${chosen.map((b) => b.name).join(', ')}, each in its own process`,
  );
  let failed = 0;
  for (const bench of chosen) if (!(await runInChild(bench, rows))) failed++;
  console.log('');
  console.log(`Summary (all benches took ${((performance.now() - started) / 1000).toFixed(0)} s):`);
  for (const line of summaryTable(rows)) console.log(line);
  // A missed target is a finding to report, not a broken run; only a bench that could not run fails it.
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
