// Entry point of `npm start`: demo mode when no tenant is configured, production otherwise.
import { ConfigError, readConfig } from './config';
import { routeConsoleToLog } from './console-log';
import { Logger } from './log';
import { startTelemetry } from './telemetry';

async function main(): Promise<void> {
  // First: with APPLICATIONINSIGHTS_CONNECTION_STRING it instruments HTTP before ./app loads it.
  const telemetry = await startTelemetry();
  let config;
  try {
    config = readConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Cannot start: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const stopOnSignal = (stop: () => Promise<void>) => {
    let stopping = false;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (stopping) process.exit(1);
        stopping = true;
        process.stdout.write('\nStopping…\n');
        void stop().finally(() => process.exit(0));
      });
    }
  };
  if (config.demo) {
    // Loaded only here: production never loads the simulator or its dev dependencies.
    const { startDemo } = await import('./demo/launch');
    const demo = await startDemo();
    stopOnSignal(() => demo.stop());
    return;
  }
  const { startBot } = await import('./app');
  const log = new Logger(config.logLevel, { app: 'mailbox-watch' }, telemetry?.logSink);
  routeConsoleToLog(log);
  const bot = await startBot({ config, log });
  log.info('listening', { port: bot.port });
  stopOnSignal(() => bot.stop().finally(() => telemetry?.shutdown()));
}

main().catch((err) => {
  // Never an empty reason: some errors (Azure's RestError on a bare 500) carry no message.
  const reason =
    (err instanceof Error && (err.message.trim() || [err.name, (err as any).statusCode, (err as any).code].filter(Boolean).join(' '))) ||
    String(err);
  process.stderr.write(`Cannot start: ${reason}\n`);
  process.exit(1);
});
