// `mailboxes all` on 10,000 mailboxes under the simulator's assumed
// Exchange model (src/simulator/cost-model.ts: costs per page, per record and per $batch item, a
// budget of requests in flight and of cmdlets per second), at budgets of 1, 3 and 6 requests in
// flight. The bot is never told the budget; nothing here reads a bot constant. Each budget runs in
// a process of its own (report-budget.ts): MSAL keeps one managed-identity endpoint per process.
// The three run side by side unless REPORT_BENCH_SEQUENTIAL=1: the simulator's costs are timers,
// not CPU, so they barely compete, and the bench takes ~27 min instead of ~45.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { DEFAULT_EXCHANGE_CEILING } from '../src/m365/adaptive-concurrency';
import { EXCHANGE_BATCH_LIMIT } from '../src/m365/exchange-client';
import { BUDGET_MARK, type BudgetRun } from './report-budget';
import { describeRunbook } from './runbook';
import { count, seconds } from './simulated-tenant';
import type { AddRow, Print } from './summary';

const TENANT = 'generate:10000:1';
const BUDGETS = [1, 3, 6];
/** Statistics calls the runbook makes one by one before its time is extrapolated. */
const RUNBOOK_SAMPLE = 40;
const PAGE = 1000;

function runBudget(budget: number, runbook: number, print: Print): Promise<BudgetRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--no-deprecation', path.join(__dirname, 'report-budget.js')], {
      env: { ...process.env, REPORT_BUDGET: String(budget), REPORT_TENANT: TENANT, REPORT_RUNBOOK: String(runbook) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let result: BudgetRun | undefined;
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith(BUDGET_MARK)) result = JSON.parse(line.slice(BUDGET_MARK.length)) as BudgetRun;
      else print(`report[${budget}]: ${line}`);
    });
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`budget ${budget}: the run ended with ${code} and no result`)),
    );
  });
}

/**
 * The least time any client needs for n mailboxes under the model and budget F, whatever it does:
 * the largest of
 * - the page chain: every page follows the one before (each names the next), and the last page's
 *   mailboxes need one more $batch after it;
 * - the slots: all pages and batches (at their cheapest, records trimmed with $select) over F slots,
 *   none of the batches before page 1 has arrived;
 * - the rate: P + n cmdlets at cmdletsPerSecond, after the first second's burst.
 */
export function lowerBoundMs(n: number, budget: number, model: BudgetRun['model']): { boundMs: number; parts: Record<string, number> } {
  const x = model.exchange;
  const P = Math.max(1, Math.ceil(n / PAGE));
  const pageMs = (records: number) => x.pageMs + records * x.perRecordMsSelected;
  const pagesMs = P * x.pageMs + n * x.perRecordMsSelected;
  const firstPageMs = pageMs(Math.min(PAGE, n));
  const lastPage = n - (P - 1) * PAGE;
  const batchesMs = Math.ceil(n / EXCHANGE_BATCH_LIMIT) * x.batchMs + n * x.perItemMs;
  const chain = pagesMs + x.batchMs + Math.min(EXCHANGE_BATCH_LIMIT, lastPage) * x.perItemMs;
  const slots = firstPageMs + (pagesMs - firstPageMs + batchesMs) / budget;
  const rate = x.cmdletsPerSecond === null ? 0 : (Math.max(0, P + n - x.cmdletsPerSecond) / x.cmdletsPerSecond) * 1000;
  return { boundMs: Math.max(chain, slots, rate), parts: { chain, slots, rate } };
}

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  const sequential = process.env.REPORT_BENCH_SEQUENTIAL === '1';
  print(
    `report: \`mailboxes all\` on ${TENANT} under the simulator's assumed Exchange model, budgets ${BUDGETS.join(', ')} in flight (the bot is not told); ${sequential ? 'one after another' : 'the three side by side, each in its own process'}`,
  );
  const started = performance.now();
  const runs: BudgetRun[] = [];
  if (sequential) for (const b of BUDGETS) runs.push(await runBudget(b, b === 3 ? RUNBOOK_SAMPLE : 0, print));
  else runs.push(...(await Promise.all(BUDGETS.map((b) => runBudget(b, b === 3 ? RUNBOOK_SAMPLE : 0, print)))));
  print(`report: all budgets done in ${seconds(performance.now() - started)}`);
  const model = runs[0].model;
  print(`report: model ${JSON.stringify(model.exchange)} (assumptions, see cost-model.ts)`);

  // The bot keeps at most its ceiling in flight (EXCHANGE_MAX_IN_FLIGHT, default 3) whatever the
  // tenant would take: the rest of the budget is other admins'. The bound is that of a client
  // allowed min(budget, ceiling) slots.
  const ceiling = DEFAULT_EXCHANGE_CEILING;
  print(`report: the bot's ceiling: ${ceiling} in flight (EXCHANGE_MAX_IN_FLIGHT unset)`);
  const rows: string[][] = [
    [
      'budget',
      'ceiling',
      'max in flight',
      'mailboxes',
      'complete',
      'wall',
      'requests',
      '429 whole',
      '429 items',
      'paced',
      'lower bound',
      'ratio',
      'target',
    ],
  ];
  for (const r of runs) {
    const slots = Math.min(r.budget, ceiling);
    const { boundMs, parts } = lowerBoundMs(r.mailboxes, slots, r.model);
    const ratio = r.wallMs / boundMs;
    const target = r.budget === 1 ? 2 : 1.2;
    const wholeShare = r.httpRequests ? r.throttled / r.httpRequests : 0;
    const itemShare = r.items ? r.itemThrottled / r.items : 0;
    rows.push([
      String(r.budget),
      String(ceiling),
      String(r.maxInFlight),
      count(r.mailboxes),
      r.complete ? 'yes' : `NO (${r.failures} failed)`,
      seconds(r.wallMs),
      `${count(r.httpRequests)} (${r.pages} pages + ${count(r.batches)} $batch)`,
      `${count(r.throttled)} (${(wholeShare * 100).toFixed(1)}%)`,
      `${count(r.itemThrottled)} of ${count(r.items)} (${(itemShare * 100).toFixed(1)}%)`,
      `${r.pacedWaits} (${seconds(r.pacedMs)})`,
      `${seconds(boundMs)} @${slots}`,
      `${ratio.toFixed(2)}x`,
      `<= ${target}x`,
    ]);
    print(
      `report: budget ${r.budget}: bound parts chain ${seconds(parts.chain)}, slots ${seconds(parts.slots)}, rate ${seconds(parts.rate)}`,
    );
    addRow({
      bench: 'report',
      figure: `mailboxes all, ${count(r.mailboxes)}, budget ${r.budget}: wall / lower bound`,
      measured: `${ratio.toFixed(2)}x (${seconds(r.wallMs)} vs ${seconds(boundMs)})`,
      target: `<= ${target}x`,
      met: ratio <= target,
    });
    const refusedTarget = r.budget === 1 ? 0.2 : 0.05;
    addRow({
      bench: 'report',
      figure: `budget ${r.budget}: complete, never above the ceiling, refused requests and items`,
      measured: `${r.complete ? 'complete' : 'PARTIAL'}, max ${r.maxInFlight} in flight, ${(wholeShare * 100).toFixed(1)}% requests and ${(itemShare * 100).toFixed(1)}% items refused`,
      target: `complete, <= ${ceiling}, < ${refusedTarget * 100}%`,
      met: r.complete && r.maxInFlight <= ceiling && wholeShare < refusedTarget && itemShare < refusedTarget,
    });
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) print(`report: | ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`);

  const withRunbook = runs.find((r) => r.runbook);
  if (withRunbook?.runbook) {
    for (const line of describeRunbook(withRunbook.runbook, 'report')) print(line);
    const speedUp = withRunbook.runbook.extrapolatedMs / withRunbook.wallMs;
    print(
      `report: runbook pattern (full Get-Mailbox records, one Get-MailboxStatistics at a time) under the same model: ~${(withRunbook.runbook.extrapolatedMs / 60000).toFixed(1)} min; the bot at budget ${withRunbook.budget}: ${seconds(withRunbook.wallMs)} = ${speedUp.toFixed(1)}x faster`,
    );
    addRow({
      bench: 'report',
      figure: `runbook pattern, same model (extrapolated from ${withRunbook.runbook.sampled})`,
      measured: `~${(withRunbook.runbook.extrapolatedMs / 60000).toFixed(1)} min (bot ${speedUp.toFixed(1)}x faster at budget ${withRunbook.budget})`,
      target: '',
    });
  }
}
