// `mailboxes` and `shared` on a 100,000-mailbox tenant under the simulator's assumed Exchange model
// (its own budget of requests in flight), through the whole bot (chat command to final card), beside what
// live statistics for every mailbox would need under the same model. The simulated tenant runs in
// a process of its own and the bot in another with node's default heap, so the RSS is the bot's.
import { startModelledSimulator, usageBotFigures } from './bench-bot';
import { count, seconds } from './simulated-tenant';
import type { AddRow, Print } from './summary';

const TENANT = 'generate:100000:1';
const TARGET_MS = 60_000;
const TARGET_RSS_MB = 300;

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  // The model, budget included, is the simulator's own assumption (cost-model.ts).
  const { sim, model, upMs } = await startModelledSimulator(TENANT);
  const info = sim.info;
  try {
    const ex = model.exchange;
    print(`usage-report: simulator with ${TENANT} in its own process, up in ${seconds(upMs)}; model ${JSON.stringify(model)}`);

    const figures = await usageBotFigures(info);
    const peak = Math.max(figures.peakRssMb, figures.maxRssMb);
    for (const c of figures.commands) {
      const date =
        /Usage data of [A-Z][a-z]{2} \d+|Sizes from usage data of [A-Z][a-z]{2} \d+/.exec(c.finalText)?.[0] ?? 'NO usage date on the card';
      print(
        `usage-report: \`${c.text}\`: progress card ${c.firstMs.toFixed(0)} ms, final card ${seconds(c.finalMs)} (target < ${seconds(TARGET_MS)}); card says "${date}"; starts "${c.finalText.slice(0, 140).replace(/\s+/g, ' ')}"`,
      );
      addRow({
        bench: 'usage-report',
        figure: `\`${c.text}\` on ${count(100_000)} mailboxes, budget ${model.exchange.maxInFlight}, chat to final card`,
        measured: seconds(c.finalMs),
        target: `< ${seconds(TARGET_MS)}`,
        met: c.finalMs < TARGET_MS,
      });
    }
    print(
      `usage-report: bot process (node default heap, limit ${figures.heapLimitMb.toFixed(0)} MB): RSS before ${figures.rssBeforeMb.toFixed(0)} MB, peak ${figures.peakRssMb.toFixed(0)} MB sampled every 50 ms, kernel high-water mark ${figures.maxRssMb.toFixed(0)} MB`,
    );
    addRow({
      bench: 'usage-report',
      figure: 'bot peak RSS over both commands (default heap)',
      measured: `${peak.toFixed(0)} MB`,
      target: `< ${TARGET_RSS_MB} MB`,
      met: peak < TARGET_RSS_MB,
    });

    // All live under the same model: 100,000 Get-MailboxStatistics in 10,000 $batch calls, bounded
    // by the cmdlet rate and by the requests in flight (each batch costs batchMs + 10 × perItemMs),
    // plus the Get-Mailbox pages (selected properties) one after another.
    const n = 100_000;
    const byRate = ex.cmdletsPerSecond ? (n / ex.cmdletsPerSecond) * 1000 : 0;
    const batches = Math.ceil(n / 10);
    const byFlight = ex.maxInFlight ? (batches * (ex.batchMs + 10 * ex.perItemMs)) / ex.maxInFlight : 0;
    const pages = Math.ceil(n / 1000) * (ex.pageMs + 1000 * ex.perRecordMsSelected);
    const allLive = Math.max(byRate, byFlight, pages);
    print(
      `usage-report: all live under the same model (not run: it would take that long): ${count(n)} statistics = ${count(batches)} $batch; cmdlet rate ${ex.cmdletsPerSecond}/s -> ${seconds(byRate)}; ${ex.maxInFlight} in flight x ${ex.batchMs + 10 * ex.perItemMs} ms a batch -> ${seconds(byFlight)}; Get-Mailbox pages in a row -> ${seconds(pages)}; lower bound ${(allLive / 60000).toFixed(0)} min`,
    );
    const mailboxesMs = figures.commands[0].finalMs;
    addRow({
      bench: 'usage-report',
      figure: '  all live, same model (lower bound, not run)',
      measured: `${(allLive / 60000).toFixed(0)} min (${(allLive / mailboxesMs).toFixed(0)}x the usage path)`,
      target: '',
    });
  } finally {
    await sim.stop();
  }
}
