// `licenses` (money, waste, renewals) on a 100,000-user tenant under the simulator's own
// assumed model (cost-model.ts ASSUMED_MODEL, its Exchange budget included), through the whole bot
// from chat message to final card, beside what reading every mailbox live would need under the same
// model. Simulator and bot run in processes of their own, as in the usage-report bench.
import { cpus, loadavg } from 'node:os';
import { startModelledSimulator, usageBotFigures } from './bench-bot';
import { count, seconds } from './simulated-tenant';
import type { AddRow, Print } from './summary';

const TENANT = 'generate:100000:1';
const TARGET_MS = 30_000;

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  const { sim, model, upMs } = await startModelledSimulator(TENANT);
  const info = sim.info;
  try {
    print(`licenses: simulator with ${TENANT} in its own process, up in ${seconds(upMs)}; model ${JSON.stringify(model)}`);
    const figures = await usageBotFigures(info, { BOT_COMMANDS: 'licenses' });
    const [c] = figures.commands;
    const requests = await (await fetch(`${info.controlUrl}/_sim/requests`)).json();
    print(
      `licenses: \`licenses\`: progress card ${c.firstMs.toFixed(0)} ms, final card ${seconds(c.finalMs)} (target < ${seconds(TARGET_MS)}); starts "${c.finalText.slice(0, 160).replace(/\s+/g, ' ')}"`,
    );
    print(
      `licenses: requests: Graph ${count(requests.apis.graph.total)}, Exchange ${count(requests.apis.exchange.total)}; bot peak RSS ${Math.max(figures.peakRssMb, figures.maxRssMb).toFixed(0)} MB`,
    );
    addRow({
      bench: 'licenses',
      figure: `\`licenses\` on ${count(100_000)} users, assumed model, chat to final card`,
      measured: seconds(c.finalMs),
      target: `< ${seconds(TARGET_MS)}`,
      met: c.finalMs < TARGET_MS,
    });
    // Graph's users come 999 a page, one page after another: the floor of this report under the model.
    const pages = Math.ceil(100_000 / 999);
    const floor = pages * model.graph.callMs;
    print(
      `licenses: lower bound: ${pages} user pages in a row x ${model.graph.callMs} ms = ${seconds(floor)}; wall / bound = ${(c.finalMs / floor).toFixed(2)}x; load average during the run ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    // The path without the active-user report: Get-MailboxStatistics for every mailbox, bounded by
    // the cmdlet rate (the usage-report bench prints the same bound for `mailboxes live`).
    const ex = model.exchange;
    const allLive = ex.cmdletsPerSecond ? (100_000 / ex.cmdletsPerSecond) * 1000 : 0;
    print(
      `licenses: every mailbox live instead (not run): ${count(100_000)} statistics at ${ex.cmdletsPerSecond} cmdlets/s -> at least ${(allLive / 60000).toFixed(0)} min (${(allLive / c.finalMs).toFixed(0)}x)`,
    );
  } finally {
    await sim.stop();
  }
}
