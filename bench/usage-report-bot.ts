// Run by usage-report.bench.ts in a process of its own (node's default heap, no cap), so the memory
// figures are the bot's alone: the whole bot (Azurite in its own process, a local connector for
// Teams) asks `mailboxes` then `shared` (or the commands in BOT_COMMANDS) of the simulator named in
// SIM_INFO, and prints one JSON line.
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { startBot } from '../src/app';
import { startAzurite } from '../src/demo/azurite';
import { silentLogger } from '../src/log';
import type { SimulatorInfo } from '../src/simulator';
import { activityText, TimingConnector } from './local-connector';
import { ADMIN_ID, botConfigFor } from './simulated-tenant';

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
  const storage = await startAzurite({ quiet: true });
  const connector = await new TimingConnector().start();
  const config = botConfigFor(info, { STORAGE_CONNECTION_STRING: storage.connectionString, STORAGE_CONTAINER: 'bench' });
  const bot = await startBot({ config, log: silentLogger, tlsCa: info.caCertPem, bindHost: '127.0.0.1' });
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
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text,
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: connector.url,
        timestamp: new Date().toISOString(),
        from: { id: `user-${ADMIN_ID}`, name: 'Bench Admin', aadObjectId: ADMIN_ID },
        recipient: { id: 'bot-id', name: 'Mailbox Watch' },
        conversation: { id: conversationId, conversationType: 'personal', tenantId: info.tenantId },
        channelData: { tenant: { id: info.tenantId } },
      }),
    });
    await res.text();
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
  await bot.stop();
  await connector.stop();
  await storage.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
