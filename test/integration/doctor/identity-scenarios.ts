// One simulated tenant per test file, and `doctor` run against it as the bot would, once per
// scenario. The scenario sets the identity through the simulator's control API (PATCH /_sim/tenant)
// and the App Service variables, then loads @azure/identity afresh: MSAL keeps its token cache and
// the identity source it found for the life of the module, so a reused one would answer with the
// previous scenario's token.
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { loadTenant } from '../../../src/simulator/tenant/load';
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { connectTenant } from '../../../src/m365/tenant-clients';
import { runDoctor, type DoctorReport } from '../../../src/doctor/checks';
import { simulatorControl } from '../../support/simulator';

export type IdentitySettings = TenantFixture['identity'];

export interface Scenario {
  /** Changes to the fixture's identity (roles, directory roles). */
  identity?: Partial<IdentitySettings>;
  /** Process variables to set (undefined = remove), applied after the simulator's own. */
  env?: Record<string, string | undefined>;
  config?: { adminGroupId?: string; remediation?: boolean; managedIdentityClientId?: string };
}

export interface DoctorTenant {
  sim: RunningSimulator;
  fixture: TenantFixture;
  run(scenario?: Scenario): Promise<DoctorReport>;
  control(method: string, path: string, body?: unknown): Promise<any>;
  stop(): Promise<void>;
}

export async function startDoctorTenant(spec = 'generate:30:1'): Promise<DoctorTenant> {
  const fixture = loadTenant(spec);
  const original = structuredClone(fixture.identity);
  const sim = await startSimulator({ tenant: fixture, quiet: true });
  const control = simulatorControl(sim.controlUrl);
  const saved = { ...process.env };

  return {
    sim,
    fixture,
    control,
    async run(scenario: Scenario = {}) {
      await control('PATCH', '/_sim/tenant', { identity: { ...original, ...scenario.identity } });
      const env: Record<string, string | undefined> = {
        IDENTITY_ENDPOINT: sim.info.identityEndpoint,
        IDENTITY_HEADER: sim.info.identityHeader,
        AZURE_CLIENT_ID: sim.info.clientId,
        ...scenario.env,
      };
      for (const [k, v] of Object.entries(env)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      const config = { remediation: false, managedIdentityClientId: env.AZURE_CLIENT_ID, ...scenario.config };
      let fresh!: typeof import('../../../src/m365/credential');
      await jest.isolateModulesAsync(async () => {
        fresh = await import('../../../src/m365/credential');
      });
      const credential = fresh.createCredential({ managedIdentityClientId: config.managedIdentityClientId });
      const clients = connectTenant({
        tenantId: sim.info.tenantId,
        graphEndpoint: sim.info.graph,
        exchangeEndpoint: sim.info.exchange,
        credential,
        tlsCa: sim.info.caCertPem,
        timeoutMs: 10_000,
        maxRetries: 1,
        retryBudgetMs: 5_000,
      });
      try {
        return await runDoctor({
          env: { ...process.env },
          credential,
          graph: clients.graph,
          exchange: clients.exchange,
          config,
          tokenTimeoutMs: 10_000,
        });
      } finally {
        clients.close();
      }
    },
    async stop() {
      await sim.stop();
      for (const k of ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER', 'AZURE_CLIENT_ID']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    },
  };
}

/** id → status, the shape a reader scans first. */
export function statuses(report: DoctorReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

export function check(report: DoctorReport, id: string) {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id} in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}
