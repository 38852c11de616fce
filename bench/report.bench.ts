// Issue 3: the mailbox report for 10,000 mailboxes against a tenant that answers in 100 ms and
// throttles Exchange, beside the lower bound the services force and the admins' runbook.
import { readMailboxes } from '../src/m365/mailbox-inventory';
import { EXCHANGE_BATCH_LIMIT } from '../src/m365/exchange-client';
import { buildMailboxReport, DEFAULT_MAILBOX_QUERY } from '../src/reports/mailbox-report';
import { mailboxReportCard } from '../src/cards/mailbox-report-card';
import { startSimulator } from '../src/simulator';
import { loadTenant } from '../src/simulator/tenant/load';
import { describeRunbook, timeRunbook } from './runbook';
import { botClients, count, exchangeTraffic, requestCounts, resetRequestCounts, seconds } from './simulated-tenant';
import type { AddRow, Print } from './summary';

const TENANT = 'generate:10000:1';
const LATENCY_MS = 100;
/** What connectTenant gives the Exchange pipeline (EXCHANGE_IN_FLIGHT in src/m365/tenant-clients.ts). */
import { EXCHANGE_IN_FLIGHT } from '../src/m365/tenant-clients';
export const BOT_EXCHANGE_IN_FLIGHT = EXCHANGE_IN_FLIGHT;
const RUNBOOK_SAMPLE = 200;

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  const tenant = loadTenant(TENANT);
  const sim = await startSimulator({
    tenant,
    latency: { graphMs: LATENCY_MS, exchangeMs: LATENCY_MS, identityMs: 0 },
    throttling: { exchangeMaxInFlight: BOT_EXCHANGE_IN_FLIGHT },
    quiet: true,
  });
  print(`report: tenant ${TENANT}; every Graph and Exchange answer takes ${LATENCY_MS} ms; Exchange answers 429 beyond ${BOT_EXCHANGE_IN_FLIGHT} requests in flight (the cap the bot's Exchange pipeline uses)`);
  try {
    // The bot's path: what `mailboxes` (user mailboxes, the default) does after its first reply.
    const clients = botClients(sim.info);
    await resetRequestCounts(sim.controlUrl);
    const start = performance.now();
    const inventory = await readMailboxes(clients, { types: ['UserMailbox'] });
    const readMs = performance.now() - start;
    const report = buildMailboxReport(inventory.mailboxes, DEFAULT_MAILBOX_QUERY, new Date());
    const card = mailboxReportCard(report);
    const wallMs = performance.now() - start;
    clients.close();
    const counts = await requestCounts(sim.controlUrl);
    const traffic = exchangeTraffic(counts, counts.apis.exchange.cmdlets['Get-MailboxStatistics'] ?? 0);
    const n = inventory.mailboxes.length;
    print(`report: bot read ${count(n)} user mailboxes with statistics (${inventory.failures.length} failures) in ${seconds(readMs)}; report + card (${card.rows} rows, ${count(card.bytes)} bytes) done at ${seconds(wallMs)} wall`);
    print(`report: requests: Exchange ${count(traffic.httpRequests)} on the wire = ${traffic.invokeCommands} Get-Mailbox pages + ${count(traffic.batches)} $batch (${count(traffic.cmdlets['Get-MailboxStatistics'] ?? 0)} Get-MailboxStatistics inside), ${traffic.throttled} answered 429; identity ${counts.apis.identity.total}; Graph ${counts.apis.graph.total}`);

    // The lower bound: P pages must come one after another (each names the next), the first page
    // must arrive before any statistics can be asked for, and at most F requests are in flight.
    const L = LATENCY_MS;
    const F = BOT_EXCHANGE_IN_FLIGHT;
    const P = Math.max(1, traffic.invokeCommands - traffic.throttled);
    const B = Math.ceil(n / EXCHANGE_BATCH_LIMIT);
    const issueBound = Math.ceil((P + B) / F) * L;
    const strictBound = Math.max(L + Math.ceil((P - 1 + B) / F) * L, P * L + Math.ceil(Math.ceil((n - (P - 1) * 1000) / EXCHANGE_BATCH_LIMIT) / F) * L);
    const noOverlap = P * L + Math.ceil(B / F) * L;
    print(`report: lower bound, P=${P} Get-Mailbox pages, B=ceil(${count(n)}/${EXCHANGE_BATCH_LIMIT})=${B} batches, F=${F} in flight, L=${L} ms:`);
    print(`report:   issue's formula  ceil((P+B)/F) x L                    = ${seconds(issueBound)}`);
    print(`report:   with paging order  L + ceil((P-1+B)/F) x L            = ${seconds(strictBound)}  (page 1 must arrive before any statistics; used for the ratio)`);
    print(`report:   pages then batches, no overlap  P x L + ceil(B/F) x L = ${seconds(noOverlap)}  (what a reader that waits for all pages needs; the bot overlaps them, so may beat it)`);
    const ratio = wallMs / strictBound;
    print(`report: wall / lower bound = ${ratio.toFixed(2)}x (target <= 1.30x); wall / no-overlap figure = ${(wallMs / noOverlap).toFixed(2)}x`);
    addRow({ bench: 'report', figure: `mailboxes wall, ${count(n)} user mailboxes, ${L} ms, ${F} in flight`, measured: seconds(wallMs), target: '' });
    addRow({ bench: 'report', figure: 'wall / lower bound', measured: `${ratio.toFixed(2)}x (bound ${seconds(strictBound)})`, target: '<= 1.30x', met: ratio <= 1.3 });
    addRow({ bench: 'report', figure: 'Exchange requests (pages + $batch)', measured: `${count(traffic.httpRequests)} (${traffic.throttled} x 429)`, target: `${P + B} needed` });

    // The runbook, on fresh clients so it pays its own token and connections as the bot did.
    const runbookClients = botClients(sim.info);
    await resetRequestCounts(sim.controlUrl);
    const runbook = await timeRunbook(runbookClients.exchange, ['UserMailbox'], RUNBOOK_SAMPLE);
    runbookClients.close();
    const runbookTraffic = exchangeTraffic(await requestCounts(sim.controlUrl), 0);
    for (const line of describeRunbook(runbook, 'report')) print(line);
    print(`report: runbook requests measured: ${count(runbookTraffic.httpRequests)} (${runbookTraffic.throttled} x 429); all mailboxes would need ${count(runbook.getMailboxPages + runbook.mailboxes)}`);
    const speedUp = runbook.extrapolatedMs / wallMs;
    print(`report: speed-up over the runbook = ${speedUp.toFixed(1)}x (target >= 50x)`);
    const ceiling = (runbook.perMailboxMs * n) / (Math.ceil(B / F) * L);
    print(`report:   note: with ${EXCHANGE_BATCH_LIMIT} statistics per $batch and ${F} batches in flight the bot asks for at most ${EXCHANGE_BATCH_LIMIT * F} mailboxes per ${L} ms round trip where the runbook asks for 1,`);
    print(`report:   so even at the lower bound the speed-up cannot pass about ${ceiling.toFixed(0)}x here (runbook's per-mailbox time x mailboxes / ceil(B/F) x L)`);
    addRow({ bench: 'report', figure: 'speed-up over runbook (extrapolated)', measured: `${speedUp.toFixed(1)}x (runbook ~${(runbook.extrapolatedMs / 60000).toFixed(1)} min)`, target: '>= 50x', met: speedUp >= 50 });
  } finally {
    await sim.stop();
  }
}
