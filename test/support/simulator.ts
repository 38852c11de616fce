// The simulated tenant for tests that speak to it directly (not through the bot): started once per
// file, with a client that holds a real token credential, and its control API.
import { ManagedIdentityCredential } from '@azure/identity';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src/simulator';
import type { TenantFixture } from '../../src/simulator/tenant/fixture';
import { freshTokenCredential, SimClient } from '../integration/simulator/sim-client';

export interface OpenSimulator {
  sim: RunningSimulator;
  client: SimClient;
}

interface OpenOptions {
  managedIdentity?: boolean;
  /** More simulator options (the usage report's concealed form, a model). */
  simulator?: Partial<SimulatorOptions>;
}

/**
 * Starts the simulator on `tenant` (for a `beforeAll`). With `managedIdentity`, the client's tokens
 * come from the real ManagedIdentityCredential, pointed at the simulator through the App Service
 * variables (MSAL reads them once per process); otherwise from a credential that asks it directly.
 */
export async function openSimulator(tenant: TenantFixture, o: OpenOptions = {}): Promise<OpenSimulator> {
  const sim = await startSimulator({ ...o.simulator, tenant, quiet: true });
  if (o.managedIdentity) {
    process.env.IDENTITY_ENDPOINT = sim.info.identityEndpoint;
    process.env.IDENTITY_HEADER = sim.info.identityHeader;
  }
  const credential = o.managedIdentity ? new ManagedIdentityCredential({ clientId: sim.info.clientId }) : freshTokenCredential(sim.info);
  return { sim, client: new SimClient(sim.info, credential) };
}

/** The simulator for every test of a file: started on `tenant` in a `beforeAll`, handed to `ready`, stopped in an `afterAll`. */
export function simulatorForFile(tenant: TenantFixture, o: OpenOptions, ready: (open: OpenSimulator) => void): void {
  const open: Partial<OpenSimulator> = {};
  beforeAll(async () => {
    Object.assign(open, await openSimulator(tenant, o));
    ready(open as OpenSimulator);
  });
  afterAll(() => closeSimulator(open));
}

/** For an `afterAll`: closes the client and stops the simulator, whichever of them started. */
export async function closeSimulator(open: Partial<OpenSimulator>): Promise<void> {
  open.client?.close();
  await open.sim?.stop();
}

/** The control API (`/_sim/…`): JSON in and out; anything but a 2xx throws with the answer. */
export function simulatorControl(controlUrl: string): (method: string, path: string, body?: unknown) => Promise<any> {
  return async (method, path, body) => {
    const res = await fetch(`${controlUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : res.json();
  };
}
