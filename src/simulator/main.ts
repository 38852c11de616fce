// `npm run simulator`: the simulated tenant on its own, for poking at it with curl or a client.
// DEMO_TENANT chooses the tenant (a fixture file or generate:N[:seed]); SIM_PORT the control port.
// It answers with the assumed Exchange Online's costs and limits (cost-model.ts); PUT /_sim/model
// changes them.
import { ASSUMED_MODEL, startSimulator } from './index';
import { loadTenant } from './tenant/load';

async function main(): Promise<void> {
  const tenant = loadTenant(process.env.DEMO_TENANT || undefined);
  const controlPort = process.env.SIM_PORT ? Number(process.env.SIM_PORT) : 0;
  if (!Number.isInteger(controlPort) || controlPort < 0 || controlPort > 65535)
    throw new Error(`SIM_PORT must be a port number, not '${process.env.SIM_PORT}'`);
  const simulator = await startSimulator({ tenant, controlPort, modelBase: ASSUMED_MODEL });
  process.stdout.write(`${JSON.stringify(simulator.info)}\n`);
  const stop = (): void => {
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
