// Runs in a child process (test/integration/telemetry): starts telemetry exactly as main() does,
// before the bot's modules load, then the real stack; asks `mailboxes` and fetches an export link
// with a signature; sends every finished span back to the test.
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { dirname, join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { Stack } from './stack';
import { startTelemetry } from '../../src/telemetry';
import { PROBE_SIGNATURE } from './telemetry-probe-signature';

/**
 * The exporter polls Microsoft's SDK settings service a few seconds after it starts; a test must
 * send nothing off this machine, and the distro offers no switch, so its poller is stopped here.
 */
function stopSettingsPoller(): void {
  const root = dirname(require.resolve('@azure/monitor-opentelemetry-exporter/package.json'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(root, 'dist/commonjs/_configuration/configurationManager.js')).ConfigurationManager.getInstance().shutdown();
}

async function probe(): Promise<void> {
  // Nothing leaves the machine: no statsbeat, and ingestion points at a closed local port. The
  // exporter's token comes from the simulated identity endpoint the stack sets before any export.
  process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
  process.env.APPLICATIONINSIGHTS_STATSBEAT_DISABLED = 'true';
  const exporter = new InMemorySpanExporter();
  // The exporter may ask for a token before the simulated identity endpoint exists; it then waits
  // for the stack and asks through the bot's own credential (the simulator refuses the monitor
  // audience, so nothing is ever sent: ingestion is a closed local port anyway).
  let ready: (stack: Stack) => void = () => undefined;
  const stackReady = new Promise<Stack>((resolve) => (ready = resolve));
  const credential: TokenCredential = {
    getToken: async (scopes, options) => (await stackReady).bot.services.tenant.credential.getToken(scopes, options),
  };
  const telemetry = await startTelemetry(
    {
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        'InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:9/',
    },
    { spanProcessors: [new SimpleSpanProcessor(exporter)], stdout: () => undefined, credential },
  );
  stopSettingsPoller();
  // Only now the bot's modules: the HTTP instrumentation is in place before they load.
  const { startStack } = await import('./stack');
  const { cardText } = await import('./connector');
  const stack = await startStack({ tenant: 'demo' });
  ready(stack);
  try {
    exporter.reset();
    const since = stack.connector.activities.length;
    const status = await stack.say('mailboxes');
    const final = await stack.connector.waitFor(() => {
      const texts = stack.connector.activities
        .slice(since)
        .map((a) => stack.connector.messages.get(a.id) ?? a.activity)
        .map((a) => cardText(a));
      return texts.find((t) => /\d+ of [\d,]+/.test(t) || /couldn't/.test(t));
    });
    const mailboxSpans = exporter.getFinishedSpans();
    exporter.reset();
    const res = await fetch(`${stack.bot.url}/api/exports/nothing-here?exp=${Date.now() + 60_000}&sig=${PROBE_SIGNATURE}`);
    await res.text();
    const exportSpans = exporter.getFinishedSpans();
    // One user's licences: Graph is asked about them by UPN, in the URL.
    exporter.reset();
    const upn = stack.tenant.users.find((u) => u.mailbox?.recipientTypeDetails === 'UserMailbox')!.userPrincipalName;
    const before = stack.connector.activities.length;
    await stack.say(`licenses ${upn}`);
    await stack.connector.waitFor(() =>
      stack.connector.activities
        .slice(before)
        .map((a) => cardText(stack.connector.messages.get(a.id) ?? a.activity))
        .find((t) => !/Looking up/.test(t)),
    );
    const upnSpans = exporter.getFinishedSpans();
    const plain = (spans: typeof mailboxSpans) =>
      spans.map((s) => ({
        name: s.name,
        kind: s.kind,
        traceId: s.spanContext().traceId,
        attributes: s.attributes,
        events: s.events,
        status: s.status,
      }));
    process.send!({
      status,
      final,
      exportStatus: res.status,
      info: { exchange: stack.sim.info.exchange, graph: stack.sim.info.graph, identityHeader: stack.sim.info.identityHeader },
      mailboxSpans: plain(mailboxSpans),
      exportSpans: plain(exportSpans),
      upn,
      upnSpans: plain(upnSpans),
    });
  } finally {
    await stack.stop();
    await telemetry?.shutdown();
  }
}

probe().then(
  () => process.exit(0),
  (err) => {
    process.send!({ error: String(err?.stack ?? err) });
    process.exit(1);
  },
);
