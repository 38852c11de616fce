// The shared-mailbox licence check on a large tenant (a few thousand shared mailboxes),
// with the admins' runbook beside it, both against 100 ms answers and Exchange's throttling.
import { readMailboxes } from '../src/m365/mailbox-inventory';
import { EXCHANGE_BATCH_LIMIT } from '../src/m365/exchange-client';
import { countVerdicts, sharedMailboxVerdict } from '../src/reports/licensing/shared-mailbox-verdict';
import { startSimulator } from '../src/simulator';
import { loadTenant } from '../src/simulator/tenant/load';
import { describeRunbook, timeRunbook } from './runbook';
import { botClients, count, exchangeTraffic, requestCounts, resetRequestCounts, seconds } from './simulated-tenant';
import type { AddRow, Print } from './summary';

// 100,000 mailboxes hold ~4,000 shared ones; the bot's check stays well under the 2 minutes that
// would call for a smaller tenant (about 15 s, most of it Graph's 101 pages of users).
const TENANT = 'generate:100000:1';
const LATENCY_MS = 100;
/** The simulated tenant's Exchange budget: the simulator's setting, which the bot has to find. */
const EXCHANGE_BUDGET = 6;
const RUNBOOK_SAMPLE = 100;
const GRAPH_PAGE = 999;

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  const tenant = loadTenant(TENANT);
  const sim = await startSimulator({
    tenant,
    model: { exchange: { pageMs: LATENCY_MS, batchMs: LATENCY_MS, maxInFlight: EXCHANGE_BUDGET }, graph: { callMs: LATENCY_MS } },
    quiet: true,
  });
  print(
    `shared-mailboxes: tenant ${TENANT} (${count(tenant.users.length)} users), ${LATENCY_MS} ms per answer, Exchange throttled beyond ${EXCHANGE_BUDGET} in flight`,
  );
  try {
    const clients = botClients(sim.info);
    await resetRequestCounts(sim.controlUrl);
    const start = performance.now();
    const timed = async <T>(work: Promise<T>): Promise<[T, number]> => [await work, performance.now() - start];
    // Exchange and Graph are separate services with separate caps, so they are read side by side.
    const [[inventory, exchangeMs], [users, usersMs], [skus]] = await Promise.all([
      timed(readMailboxes(clients, { types: ['SharedMailbox'], withArchiveStatistics: true })),
      timed(clients.graph.listUsers()),
      timed(clients.graph.listSubscribedSkus()),
    ]);
    const usersById = new Map(users.map((u) => [u.id.toLowerCase(), u]));
    const verdicts = inventory.mailboxes.map((mailbox) =>
      sharedMailboxVerdict({ mailbox, user: mailbox.userId ? (usersById.get(mailbox.userId.toLowerCase()) ?? null) : null, skus }),
    );
    const totals = countVerdicts(verdicts);
    const wallMs = performance.now() - start;
    clients.close();
    const counts = await requestCounts(sim.controlUrl);
    const traffic = exchangeTraffic(counts, counts.apis.exchange.cmdlets['Get-MailboxStatistics'] ?? 0);
    const archives = inventory.mailboxes.filter((m) => m.archiveStatus.toLowerCase() === 'active').length;
    const n = inventory.mailboxes.length;
    print(
      `shared-mailboxes: bot: ${count(n)} shared mailboxes (${archives} with an archive) with statistics in ${seconds(exchangeMs)}; ${count(users.length)} users from Graph in ${seconds(usersMs)}; ${verdicts.length} verdicts done at ${seconds(wallMs)} wall`,
    );
    print(`shared-mailboxes: verdicts ${JSON.stringify(totals)}; ${inventory.failures.length} statistics failures`);
    print(
      `shared-mailboxes: requests: Exchange ${count(traffic.httpRequests)} on the wire (${traffic.invokeCommands} Get-Mailbox pages + ${traffic.batches} $batch, ${traffic.throttled} x 429); Graph ${count(counts.apis.graph.total)}; identity ${counts.apis.identity.total}`,
    );
    const exchangePages = Math.max(1, traffic.invokeCommands - traffic.throttled);
    const batches = Math.ceil((n + archives) / EXCHANGE_BATCH_LIMIT);
    const exchangeBound = LATENCY_MS + Math.ceil((exchangePages - 1 + batches) / EXCHANGE_BUDGET) * LATENCY_MS;
    const graphBound = Math.ceil(users.length / GRAPH_PAGE) * LATENCY_MS;
    const bound = Math.max(exchangeBound, graphBound);
    print(
      `shared-mailboxes: lower bound max(Exchange L + ceil((P-1+B)/F) x L = ${seconds(exchangeBound)}, Graph user pages one after another ceil(${count(users.length)}/${GRAPH_PAGE}) x L = ${seconds(graphBound)}) = ${seconds(bound)}; wall / bound = ${(wallMs / bound).toFixed(2)}x`,
    );

    const runbookClients = botClients(sim.info);
    const runbook = await timeRunbook(runbookClients.exchange, ['SharedMailbox'], RUNBOOK_SAMPLE);
    runbookClients.close();
    for (const line of describeRunbook(runbook, 'shared-mailboxes')) print(line);
    print('shared-mailboxes:   (the runbook reads no archive statistics and no licences, so this baseline flatters it)');
    const speedUp = runbook.extrapolatedMs / wallMs;
    print(`shared-mailboxes: speed-up over the runbook = ${speedUp.toFixed(1)}x`);
    addRow({
      bench: 'shared-mailboxes',
      figure: `licence check, ${count(n)} shared mailboxes in ${count(users.length)} users`,
      measured: `${seconds(wallMs)} (bound ${seconds(bound)}, ${(wallMs / bound).toFixed(2)}x)`,
      target: '',
    });
    addRow({
      bench: 'shared-mailboxes',
      figure: 'speed-up over runbook (extrapolated)',
      measured: `${speedUp.toFixed(1)}x (runbook ~${(runbook.extrapolatedMs / 60000).toFixed(1)} min)`,
      target: '',
    });
  } finally {
    await sim.stop();
  }
}
