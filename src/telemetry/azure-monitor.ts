// Loaded only when APPLICATIONINSIGHTS_CONNECTION_STRING is set (./index.ts). The Azure Monitor
// OpenTelemetry distro sends requests, dependencies, exceptions, logs and metrics; it signs in
// with the bot's managed identity (Entra ID ingestion: the component has local auth disabled and
// the identity holds Monitoring Metrics Publisher, infra/modules/monitoring.bicep).
//   https://learn.microsoft.com/azure/azure-monitor/app/opentelemetry-configuration?tabs=nodejs#enable-microsoft-entra-id-formerly-azure-ad-authentication
//   https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication
import { setLogLevel, type AzureLogLevel } from '@azure/logger';
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { metrics } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import type { TokenCredential } from '@azure/identity';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { LogSink } from '../log';
import { createCredential } from '../m365/credential';
import type { Telemetry } from './index';
import { createLogBridge } from './log-bridge';
import { createBotMetrics, type BotMetrics } from './metrics';
import { ScrubSpanProcessor } from './scrub-spans';
import { ThrottleCounter } from './throttle-spans';

export interface TelemetryOptions {
  /** More span processors after the scrubber (the telemetry test's in-memory exporter). */
  spanProcessors?: SpanProcessor[];
  /**
   * Tests only: the exporter's credential. @azure/identity settles the managed identity source for
   * the whole process at its first token, and a test's simulated endpoint exists only later.
   */
  credential?: TokenCredential;
  /** Where log lines go besides Application Insights (default stdout, as the Logger's own default). */
  stdout?: LogSink;
}

const NAME = 'mailbox-watch';

export function startAzureMonitor(connectionString: string, env: NodeJS.ProcessEnv, options: TelemetryOptions): Telemetry {
  // Application Insights shows this as the cloud role name (default "unknown_service:node").
  process.env.OTEL_SERVICE_NAME ||= NAME;
  // The meter exists once useAzureMonitor has set the global provider; the span processors are made before.
  const made: { metrics?: BotMetrics } = {};
  useAzureMonitor({
    azureMonitorExporterOptions: {
      connectionString,
      // The same factory as Graph, Exchange and Storage: the user-assigned identity named by AZURE_CLIENT_ID.
      credential: options.credential ?? lazyCredential(() => createCredential({ managedIdentityClientId: env.AZURE_CLIENT_ID })),
    },
    // Every request is kept: a bot answers a handful of admins, not a crowd; the default rate
    // limit (5 traces a second) would drop the spans of a burst of card clicks.
    samplingRatio: 1,
    tracesPerSecond: 0,
    // Live Metrics gets each span from its own processor, registered ahead of `spanProcessors`, so
    // before ScrubSpanProcessor: query strings (the managed identity's ?client_id=…) and UPNs would
    // reach it as they are. Off: Application Insights' stored telemetry, scrubbed, is what we send.
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: {
        enabled: true,
        // App Service's health check asks every minute; it would drown the requests that matter.
        ignoreIncomingRequestHook: (req: { url?: string }) => (req.url ?? '').startsWith('/healthz'),
      } as object,
      azureSdk: { enabled: true },
    },
    spanProcessors: [
      new ScrubSpanProcessor(),
      new ThrottleCounter((service) => made.metrics?.throttled(service)),
      ...(options.spanProcessors ?? []),
    ],
  });
  // The distro turns the Azure SDK's own console logging on at "warning"; without telemetry it is
  // off (unless AZURE_LOG_LEVEL asks), and the log stream should not change because telemetry is on.
  setLogLevel((env.AZURE_LOG_LEVEL as AzureLogLevel | undefined) || undefined);
  const stdout = options.stdout ?? ((line: string) => process.stdout.write(line + '\n'));
  made.metrics = createBotMetrics(metrics.getMeter(NAME));
  const logSink = createLogBridge(logs.getLogger(NAME), made.metrics, stdout);
  // Stopping flushes what is buffered; a failed last send must not turn a clean stop into a crash.
  return { logSink, shutdown: () => shutdownAzureMonitor().catch(() => undefined) };
}

/**
 * Made at the first export, not at start-up: @azure/identity (MSAL) settles which managed identity
 * source to use when the credential is made, and telemetry starts before anything else.
 */
function lazyCredential(make: () => TokenCredential): TokenCredential {
  let credential: TokenCredential | undefined;
  return { getToken: (scopes, options) => (credential ??= make()).getToken(scopes, options) };
}
