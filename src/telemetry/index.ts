// Application Insights, only when APPLICATIONINSIGHTS_CONNECTION_STRING is set. This file imports
// nothing of OpenTelemetry: without the setting the bot loads and starts as if telemetry did not exist.
// With it, main() calls this before it imports ./app, because the distro's HTTP instrumentation
// patches node:http and node:https as they are first required
// (https://learn.microsoft.com/azure/azure-monitor/app/opentelemetry-enable?tabs=nodejs: "call
// useAzureMonitor before importing anything else").
import type { LogSink } from '../log';
import type { TelemetryOptions } from './azure-monitor';

export interface Telemetry {
  /** Give to the Logger: each line still goes to stdout, and to Application Insights as well. */
  logSink: LogSink;
  /** Sends what is buffered (the exporter batches) and stops the instrumentation. */
  shutdown(): Promise<void>;
}

export const CONNECTION_SETTING = 'APPLICATIONINSIGHTS_CONNECTION_STRING';

export async function startTelemetry(env: NodeJS.ProcessEnv = process.env, options: TelemetryOptions = {}): Promise<Telemetry | undefined> {
  const connectionString = env[CONNECTION_SETTING]?.trim();
  if (!connectionString) return undefined;
  try {
    const { startAzureMonitor } = await import('./azure-monitor');
    return startAzureMonitor(connectionString, env, options);
  } catch (err) {
    // A malformed connection string must not stop the bot: it runs, and says why nothing is sent.
    process.stderr.write(`Telemetry off: ${CONNECTION_SETTING} was not accepted (${err instanceof Error ? err.message : String(err)})\n`);
    return undefined;
  }
}
