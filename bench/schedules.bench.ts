// 1,000 conversations, each with a weekly `shared` schedule due at the same minute, on a
// 10,000-mailbox tenant. Two figures: how often the tenant was read (its requests against one
// `shared` report's, measured first in the same run) and how long the posting took against the least
// time Teams' rate limits allow (lowerBoundMs: 7/s per conversation, 30/s per app), with the busiest
// second of sends beside it. The bot's real path: schedules and run ledgers in Azurite, the cycle's
// lease, the report made by the `shared` command, continueConversationAsync to a local connector.
import { loadavg } from 'node:os';
import { startSimulator } from '../src/simulator';
import { loadTenant } from '../src/simulator/tenant/load';
import { GLOBAL, lowerBoundMs, PER_CONVERSATION } from '../src/cycle/pace';
import type { Schedule } from '../src/schedules/schedule';
import { startCycleBenchBot } from './bench-bot';
import { ADMIN_ID, count, requestCounts, resetRequestCounts, seconds, saveChannelConversations } from './simulated-tenant';
import { runWhenMain, type AddRow, type Print } from './summary';

const CONVERSATIONS = 1_000;
const TENANT = 'generate:10000';

/** Requests that read the tenant: Exchange and Graph (the identity endpoint is token plumbing). */
async function tenantRequests(controlUrl: string): Promise<{ exchange: number; graph: number; statistics: number }> {
  const c = await requestCounts(controlUrl);
  return { exchange: c.apis.exchange.total, graph: c.apis.graph.total, statistics: c.apis.exchange.cmdlets['Get-MailboxStatistics'] ?? 0 };
}

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  const sim = await startSimulator({ tenant: loadTenant(TENANT), quiet: true });
  const running = await startCycleBenchBot(sim.info);
  const { bot, connector } = running;
  try {
    const { conversations } = bot.services.alerts;
    const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `19:bench-schedule-${i}@thread.tacv2`);
    // Setup, not measured: what each conversation's first message and `schedule shared weekly …` leave in storage.
    await saveChannelConversations(conversations, ids, connector.url, sim.info.tenantId);
    // Due a minute ago, this weekday (UTC), made six days ago: one on-time run each.
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const rule = {
      frequency: 'weekly' as const,
      weekday: ((slot.getUTCDay() + 6) % 7) + 1,
      hour: slot.getUTCHours(),
      minute: slot.getUTCMinutes(),
    };
    const createdAt = new Date(slot.getTime() - 6 * 86_400_000).toISOString();
    const schedules: Record<string, Schedule> = {};
    ids.forEach((conversationId, i) => {
      const id = i.toString(16).padStart(32, '0');
      schedules[id] = {
        id,
        n: 1,
        conversationId,
        conversationType: 'channel',
        report: 'shared',
        rule,
        timeZone: 'UTC',
        createdAt,
        by: { aadObjectId: ADMIN_ID, name: 'bench' },
      };
    });
    await bot.services.state.write('schedules/all', schedules);

    // Baseline in the same run: one `shared` report, made the way a scheduled run makes it.
    const [first] = await bot.services.schedules.store.inConversation(ids[0]);
    await resetRequestCounts(sim.controlUrl);
    const one = performance.now();
    const baseline = await bot.services.schedules.runNow(first, { aadObjectId: ADMIN_ID, name: 'bench' });
    const oneMs = performance.now() - one;
    const once = await tenantRequests(sim.controlUrl);
    if (baseline.failure !== undefined) throw new Error(`the baseline report failed: ${baseline.failure}`);
    print(
      `schedules: tenant ${TENANT}; one \`shared\` report: ${seconds(oneMs)}, ${count(once.exchange)} Exchange requests (${count(once.statistics)} Get-MailboxStatistics) and ${count(once.graph)} Graph requests`,
    );
    print(
      `schedules: ${count(CONVERSATIONS)} conversations, each with a weekly \`shared\` due at ${slot.toISOString().slice(11, 16)} UTC; pace ${PER_CONVERSATION[0].limit}/s per conversation, ${GLOBAL[0].limit}/s overall`,
    );

    await resetRequestCounts(sim.controlUrl);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const report = await bot.services.alerts.runCycle();
    const elapsed = performance.now() - start;
    const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
    const reads = await tenantRequests(sim.controlUrl);
    const sends = connector.arrived.filter((a) => a.kind === 'send');
    const reached = new Set(sends.map((a) => a.conversationId));
    const perConversation = ids.map((id) => connector.of(id).filter((a) => a.kind === 'send').length);
    const bound = lowerBoundMs(perConversation);
    const times = sends.map((a) => a.at).sort((a, b) => a - b);
    const posting = times.length ? times[times.length - 1] - times[0] : 0;
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 1000) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    const s = report.schedules;
    const readRatio = reads.exchange / Math.max(1, once.exchange);
    print(
      `schedules: cycle ${seconds(elapsed)}: ${count(s?.sent ?? 0)} sent to ${count(reached.size)} conversations (${s?.late ?? 0} late, ${s?.failed ?? 0} failed), ${s?.reports ?? 0} report made`,
    );
    print(
      `schedules: tenant reads in the cycle: ${count(reads.exchange)} Exchange (${count(reads.statistics)} Get-MailboxStatistics), ${count(reads.graph)} Graph = ${readRatio.toFixed(2)}× one report's`,
    );
    print(
      `schedules: posting took ${seconds(posting)} from first to last card; Teams' limits allow no less than ${seconds(bound)}: ${(posting / Math.max(bound, 1)).toFixed(2)}× the bound; busiest second ${busiest} sends (limit ${GLOBAL[0].limit})`,
    );
    print(
      `schedules: this process used ${seconds(cpuMs)} of CPU in the ${seconds(elapsed)} cycle (Azurite is another process); machine load average ${loadavg()[0].toFixed(1)} on the cores above`,
    );
    print(
      `schedules: whole cycle (report, claims, posting, settling) ${(elapsed / Math.max(bound, 1)).toFixed(2)}× the posting bound; a second cycle sends ${(await bot.services.alerts.runCycle()).schedules?.sent ?? 0} (the run ledger)`,
    );
    addRow({
      bench: 'schedules',
      figure: `tenant reads for ${count(CONVERSATIONS)} due \`shared\` schedules`,
      measured: `${readRatio.toFixed(2)}× one report`,
      target: '1× (read once)',
      met: readRatio <= 1.0 && reads.graph <= once.graph,
    });
    addRow({
      bench: 'schedules',
      figure: `post ${count(CONVERSATIONS)} scheduled reports`,
      measured: `${seconds(posting)} (${(posting / Math.max(bound, 1)).toFixed(2)}× bound, peak ${busiest}/s)`,
      target: `≤ 1.1 × ${seconds(bound)}, ≤ ${GLOBAL[0].limit}/s`,
      met: reached.size === CONVERSATIONS && posting <= bound * 1.1 && busiest <= GLOBAL[0].limit,
    });
  } finally {
    await running.stop();
    await sim.stop();
  }
}

runWhenMain(module, run);
