// The whole bot as the chat benches run it: Azurite for its state, the local connector that
// timestamps what it sends, and the bot itself on loopback, configured for a simulated tenant; the
// activities Teams would POST to it from the bench admin's personal chat; and, for the benches that
// keep the tenant and the bot in processes of their own, the simulator process and usage-report-bot.js.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { startBot, type RunningBot } from '../src/app';
import type { BotConfig } from '../src/config';
import { startAzurite, type LocalStorage } from '../src/demo/azurite';
import { Logger, silentLogger } from '../src/log';
import type { ASSUMED_MODEL, SimulatorInfo } from '../src/simulator';
import { TimingConnector } from './local-connector';
import { ADMIN_ID, botConfigFor } from './simulated-tenant';
import { firstLine, startSimulatorProcess, type SimulatorProcess } from './simulator-process';
import type { UsageBotFigures } from './usage-report-bot';

export interface BenchBot {
  bot: RunningBot;
  connector: TimingConnector;
  storage: LocalStorage;
  /** Stops the bot, the connector and Azurite (not the simulator). */
  stop(): Promise<void>;
}

/** `env` adds settings (STORAGE_CONTAINER defaults to `bench`); `config` overrides what they give. */
export async function startBenchBot(
  info: SimulatorInfo,
  o: { env?: NodeJS.ProcessEnv; config?: Partial<BotConfig>; log?: Logger } = {},
): Promise<BenchBot> {
  const storage = await startAzurite({ quiet: true });
  const connector = await new TimingConnector().start();
  const config = {
    ...botConfigFor(info, { STORAGE_CONNECTION_STRING: storage.connectionString, STORAGE_CONTAINER: 'bench', ...o.env }),
    ...o.config,
  };
  const bot = await startBot({ config, log: o.log ?? silentLogger, tlsCa: info.caCertPem, bindHost: '127.0.0.1' }).catch(
    async (error: unknown) => {
      await Promise.all([connector.stop(), storage.stop()]);
      throw error;
    },
  );
  return {
    bot,
    connector,
    storage,
    stop: async () => {
      await bot.stop();
      await connector.stop();
      await storage.stop();
    },
  };
}

/** The bot for a bench that runs alert cycles itself: a container of its own, no timer, errors only in the log. */
export function startCycleBenchBot(info: SimulatorInfo): Promise<BenchBot> {
  return startBenchBot(info, {
    env: { STORAGE_CONTAINER: `bench${randomUUID().replace(/-/g, '').slice(0, 12)}`, ALERT_INTERVAL_MINUTES: '0' },
    log: new Logger('error', {}, () => undefined),
  });
}

/** An activity from `from` (the bench admin) in the personal chat `conversationId`, through `connectorUrl`. */
export function chatActivity(connectorUrl: string, tenantId: string, conversationId: string, extra: object, from = ADMIN_ID): object {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    timestamp: new Date().toISOString(),
    from: { id: `user-${from}`, name: 'Bench Admin', aadObjectId: from },
    recipient: { id: 'bot-id', name: 'Mailbox Watch' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    ...extra,
  };
}

/** POSTs `activity` to the bot's /api/messages; resolves with the status and the body as text, once read. */
export async function postActivity(botUrl: string, activity: object): Promise<{ status: number; body: string }> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}

/**
 * The simulator on `tenant` in a process of its own under its own assumed model (cost-model.ts, its
 * Exchange limits included: nothing here sets them), and the model it reports, for the benches that
 * run the bot in another process.
 */
export async function startModelledSimulator(
  tenant: string,
): Promise<{ sim: SimulatorProcess; model: typeof ASSUMED_MODEL; upMs: number }> {
  const start = performance.now();
  const sim = await startSimulatorProcess(tenant);
  const upMs = performance.now() - start;
  try {
    const model = (await (await fetch(`${sim.info.controlUrl}/_sim/model`)).json()) as typeof ASSUMED_MODEL;
    return { sim, model, upMs };
  } catch (error) {
    await sim.stop();
    throw error;
  }
}

/** Runs usage-report-bot.js (node's default heap) against `info`: the chat commands it times and its memory. */
export async function usageBotFigures(info: SimulatorInfo, env: NodeJS.ProcessEnv = {}): Promise<UsageBotFigures> {
  const bot = spawn(process.execPath, ['--no-deprecation', path.join(__dirname, 'usage-report-bot.js')], {
    env: { ...process.env, SIM_INFO: JSON.stringify(info), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(await firstLine(bot, 900_000, 'the bot')) as UsageBotFigures;
}
