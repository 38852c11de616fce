// One run of the report bench (report.bench.ts), in a process of its own: `mailboxes all` on the
// simulated tenant under the assumed Exchange model with `REPORT_BUDGET` requests in flight. The
// bot is not told the budget: its clients are the ones a newly started bot has. Prints one line
// `@@budget {json}` with what it measured. With REPORT_RUNBOOK=N it also times the admins' runbook
// (N statistics calls, extrapolated) under the same model.
import { readMailboxes } from '../src/m365/mailbox-inventory';
import { buildMailboxReport, DEFAULT_MAILBOX_QUERY } from '../src/reports/mailbox-report';
import { mailboxReportCard } from '../src/cards/mailbox-report-card';
import { ASSUMED_MODEL, startSimulator, type SimulatorModel } from '../src/simulator';
import { loadTenant } from '../src/simulator/tenant/load';
import { timeRunbook, type RunbookTiming } from './runbook';
import { botClients, requestCounts, resetRequestCounts } from './simulated-tenant';
import { exchangeConcurrencyFor } from '../src/m365/adaptive-concurrency';
import { exchangePaceFor } from '../src/m365/rate-limit-pace';

export const BUDGET_MARK = '@@budget ';

export interface BudgetRun {
  budget: number;
  model: SimulatorModel;
  mailboxes: number;
  failures: number;
  complete: boolean;
  wallMs: number;
  /** Get-Mailbox pages answered. */
  pages: number;
  /** Requests on the wire: pages, $batch posts, refusals and redirects included. */
  httpRequests: number;
  batches: number;
  /** Whole requests refused with 429. */
  throttled: number;
  /** $batch items refused with 429, and all items sent. */
  itemThrottled: number;
  items: number;
  redirects: number;
  /** The most requests the bot had in flight at once (its adaptive limit's own count). */
  maxInFlight: number;
  /** Waits on Exchange's Rate-Limit headers before sending, and their total. */
  pacedWaits: number;
  pacedMs: number;
  runbook?: RunbookTiming;
}

async function main(): Promise<void> {
  const budget = Number(process.env.REPORT_BUDGET);
  const tenantName = process.env.REPORT_TENANT ?? 'generate:10000:1';
  const runbookSample = Number(process.env.REPORT_RUNBOOK ?? 0);
  const tenant = loadTenant(tenantName);
  const sim = await startSimulator({ tenant, modelBase: ASSUMED_MODEL, model: { exchange: { maxInFlight: budget } }, quiet: true });
  try {
    const model = (await (await fetch(`${sim.controlUrl}/_sim/model`)).json()) as SimulatorModel;
    const clients = botClients(sim.info);
    const limit = exchangeConcurrencyFor(sim.info.exchange, sim.info.tenantId);
    const pace = exchangePaceFor(sim.info.exchange, sim.info.tenantId);
    await resetRequestCounts(sim.controlUrl);
    const start = performance.now();
    const inventory = await readMailboxes(clients, { types: 'all' });
    const report = buildMailboxReport(inventory.mailboxes, { ...DEFAULT_MAILBOX_QUERY, type: 'all' }, new Date());
    mailboxReportCard(report);
    const wallMs = performance.now() - start;
    clients.close();
    const counts = (await requestCounts(sim.controlUrl)).apis.exchange;
    let batches = 0;
    let invokes = 0;
    for (const [key, n] of Object.entries(counts.paths)) {
      if (/\/\$batch$/i.test(key)) batches += n;
      else if (/\/InvokeCommand$/i.test(key)) invokes += n;
    }
    const inner = Object.values(counts.innerStatuses).reduce((a, b) => a + b, 0);
    const itemThrottled = counts.innerStatuses['429'] ?? 0;
    const throttled = (counts.statuses['429'] ?? 0) - itemThrottled;
    const run: BudgetRun = {
      budget,
      model,
      mailboxes: inventory.mailboxes.length,
      failures: inventory.failures.length,
      complete: inventory.complete,
      wallMs,
      pages: counts.cmdlets['Get-Mailbox'] ?? 0,
      httpRequests: batches + invokes - inner,
      batches,
      throttled,
      itemThrottled,
      items: inner,
      redirects: counts.statuses['302'] ?? 0,
      maxInFlight: limit.counts.peakInFlight,
      pacedWaits: pace.counts.waits,
      pacedMs: pace.counts.waitedMs,
    };
    if (runbookSample > 0) {
      const runbookClients = botClients(sim.info);
      run.runbook = await timeRunbook(
        runbookClients.exchange,
        ['UserMailbox', 'SharedMailbox', 'RoomMailbox', 'EquipmentMailbox'],
        runbookSample,
      );
      runbookClients.close();
    }
    console.log(`${BUDGET_MARK}${JSON.stringify(run)}`);
  } finally {
    await sim.stop();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
