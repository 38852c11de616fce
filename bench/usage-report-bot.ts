// Run by usage-report.bench.ts in a process of its own (node's default heap, no cap), so the memory
// figures are the bot's alone: the whole bot (Azurite in its own process, a local connector for
// Teams) asks `mailboxes` then `shared` (or the commands in BOT_COMMANDS) of the simulator named in
// SIM_INFO, and prints one JSON line.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import type { SimulatorInfo } from '../src/simulator';
import { chatActivity, postActivity, startBenchBot } from './bench-bot';
import { activityText } from './local-connector';

export interface UsageBotFigures {
  commands: { text: string; firstMs: number; finalMs: number; finalText: string }[];
  peakRssMb: number;
  maxRssMb: number;
  rssBeforeMb: number;
  heapLimitMb: number;
}

const MB = 1024 * 1024;

async function main(): Promise<void> {
  const info = JSON.parse(process.env.SIM_INFO ?? '') as SimulatorInfo;
  const running = await startBenchBot(info);
  const { bot, connector } = running;
  const before = process.memoryUsage().rss;
  let peak = before;
  const trace = process.env.USAGE_BOT_TRACE;
  let lastTitle = '';
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak = Math.max(peak, m.rss);
    if (trace) {
      const last = connector.arrived.at(-1);
      const title = last ? activityText(last.activity).slice(0, 70) : '';
      if (title !== lastTitle || Math.random() < 0.05) {
        lastTitle = title;
        appendFileSync(
          trace,
          `${(performance.now() / 1000).toFixed(1)}s rss ${(m.rss / MB).toFixed(0)} heap ${(m.heapUsed / MB).toFixed(0)}/${(m.heapTotal / MB).toFixed(0)} ext ${(m.external / MB).toFixed(0)} ab ${(m.arrayBuffers / MB).toFixed(0)} | ${title}\n`,
        );
      }
    }
  }, 50);
  const say = async (text: string, busy: RegExp) => {
    const conversationId = `bench-${randomUUID()}`;
    const start = performance.now();
    const res = await postActivity(bot.url, chatActivity(connector.url, info.tenantId, conversationId, { type: 'message', text }));
    if (res.status >= 300) throw new Error(`POST /api/messages answered ${res.status}`);
    const first = await connector.waitFor(conversationId, 30_000);
    for (const deadline = performance.now() + 600_000; ;) {
      const last = connector.of(conversationId).at(-1)!;
      if (last.kind === 'update' && !busy.test(activityText(last.activity))) break;
      if (performance.now() > deadline) throw new Error(`${text}: no final card within 10 min`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await bot.server.bot.idle();
    const last = connector.of(conversationId).at(-1)!;
    return { text, firstMs: first.at - start, finalMs: last.at - start, finalText: activityText(last.activity) };
  };
  const commands = [];
  for (const text of (process.env.BOT_COMMANDS ?? 'mailboxes,shared').split(',')) commands.push(await say(text, /Reading/));
  clearInterval(sampler);
  const figures: UsageBotFigures = {
    commands,
    peakRssMb: peak / MB,
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    rssBeforeMb: before / MB,
    heapLimitMb: getHeapStatistics().heap_size_limit / MB,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  await running.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
