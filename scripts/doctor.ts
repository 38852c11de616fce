// `npm run doctor`: the chat command's checks as console text, for the App Service SSH console or a
// deployment pipeline. Exit code 1 when a check fails, 2 when the settings themselves are refused.
// Without M365_TENANT_ID (demo mode) it checks a freshly started simulated tenant instead.
import { ConfigError, readConfig, type BotConfig } from '../src/config';
import { createCredential } from '../src/m365/credential';
import { connectTenant } from '../src/m365/tenant-clients';
import { registerSecret } from '../src/log';
import { runDoctor, type DoctorReport } from '../src/doctor/checks';
import { doctorText } from '../src/doctor/report-text';

export async function doctorFromSettings(env: NodeJS.ProcessEnv, config: BotConfig, tlsCa?: string): Promise<DoctorReport> {
  registerSecret(env.IDENTITY_HEADER);
  const credential = createCredential({ managedIdentityClientId: config.managedIdentityClientId });
  const clients = connectTenant({
    tenantId: config.tenantId,
    graphEndpoint: config.graphEndpoint,
    exchangeEndpoint: config.exchangeEndpoint,
    credential,
    tlsCa,
    timeoutMs: 30_000,
    maxRetries: 2,
    retryBudgetMs: 20_000,
  });
  try {
    return await runDoctor({ env, credential, graph: clients.graph, exchange: clients.exchange, scopes: clients.scopes, config });
  } finally {
    clients.close();
  }
}

async function main(): Promise<number> {
  let config: BotConfig;
  try {
    config = readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`The settings are refused: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (!config.demo) {
    const report = await doctorFromSettings(process.env, config);
    process.stdout.write(doctorText(report));
    return report.ok ? 0 : 1;
  }
  // Loaded only in demo mode: production never loads the simulator.
  const { startSimulator } = await import('../src/simulator');
  const { loadTenant } = await import('../src/simulator/tenant/load');
  const sim = await startSimulator({ tenant: loadTenant(process.env.DEMO_TENANT || undefined), quiet: true });
  try {
    const info = sim.info;
    // What App Service would set; the credential reads them when it is created.
    process.env.IDENTITY_ENDPOINT = info.identityEndpoint;
    process.env.IDENTITY_HEADER = info.identityHeader;
    process.env.AZURE_CLIENT_ID = info.clientId;
    const demo: BotConfig = {
      ...config,
      tenantId: info.tenantId,
      graphEndpoint: info.graph,
      exchangeEndpoint: info.exchange,
      managedIdentityClientId: info.clientId,
    };
    process.stdout.write('Demo mode (no M365_TENANT_ID): checking a simulated tenant.\n\n');
    const report = await doctorFromSettings(process.env, demo, info.caCertPem);
    process.stdout.write(doctorText(report));
    return report.ok ? 0 : 1;
  } finally {
    await sim.stop();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`doctor failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
