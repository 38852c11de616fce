// How long the simulated tenant takes to build and check, and the memory it holds: the demo
// launcher pays this at every start with DEMO_TENANT=generate:N.

import { demoTenant } from '../src/simulator/tenant/demo-tenant';
import { generateTenant } from '../src/simulator/tenant/generate';
import { validateTenant } from '../src/simulator/tenant/validate';

const MAILBOXES = 100_000;

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function run(print: (line: string) => void): Promise<void> {
  const now = new Date();
  const demoStart = performance.now();
  validateTenant(demoTenant(now));
  print(`tenant: demo tenant built and validated in ${(performance.now() - demoStart).toFixed(0)} ms (includes compiling the schema)`);

  const heapBefore = heapMb();
  const start = performance.now();
  const tenant = generateTenant(MAILBOXES, 1, now);
  const generated = performance.now();
  const heapAfter = heapMb();
  print(
    `tenant: generate ${MAILBOXES.toLocaleString('en-US')} mailboxes (${tenant.users.length.toLocaleString('en-US')} users): ${(generated - start).toFixed(0)} ms, heap +${(heapAfter - heapBefore).toFixed(0)} MB${(globalThis as { gc?: unknown }).gc ? '' : ' (no --expose-gc: includes garbage)'}`,
  );

  const validateStart = performance.now();
  validateTenant(tenant);
  print(`tenant: validate ${MAILBOXES.toLocaleString('en-US')} mailboxes: ${(performance.now() - validateStart).toFixed(0)} ms`);

  const jsonStart = performance.now();
  const bytes = Buffer.byteLength(JSON.stringify(tenant));
  print(`tenant: as JSON ${(bytes / 1024 / 1024).toFixed(0)} MB, serialised in ${(performance.now() - jsonStart).toFixed(0)} ms`);
}
