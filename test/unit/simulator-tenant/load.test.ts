import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoTenant } from '../../../src/simulator/tenant/demo-tenant';
import { generateTenant } from '../../../src/simulator/tenant/generate';
import { loadTenant } from '../../../src/simulator/tenant/load';
import { TenantFixtureError } from '../../../src/simulator/tenant/validate';

const now = new Date('2025-01-20T08:00:00Z');
let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'tenant-load-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test('no setting, an empty one, or "demo" gives the demo tenant', () => {
  const demo = demoTenant(now);
  expect(loadTenant(undefined, now)).toEqual(demo);
  expect(loadTenant('', now)).toEqual(demo);
  expect(loadTenant(' Demo ', now)).toEqual(demo);
});

test('generate:N and generate:N:seed give the generated tenant', () => {
  expect(loadTenant('generate:60', now)).toEqual(generateTenant(60, 1, now));
  expect(loadTenant('generate:60:42', now)).toEqual(generateTenant(60, 42, now));
  expect(loadTenant('generate:60:42', now).users.filter((u) => u.mailbox)).toHaveLength(60);
});

test.each(['generate:', 'generate:0', 'generate:abc', 'generate:1000001', 'generate:5:x', 'generate:5:1:2', 'generate:-3', 'generate:2.5'])(
  '%s is refused with the accepted forms',
  (spec) => {
    expect(() => loadTenant(spec, now)).toThrow(
      `DEMO_TENANT="${spec}" is not valid: use generate:N or generate:N:SEED, with N a whole number from 1 to 1,000,000`,
    );
  },
);

test('a fixture file is read and checked', () => {
  const file = join(folder, 'small.json');
  const tenant = generateTenant(5, 2, now);
  writeFileSync(file, '\ufeff' + JSON.stringify(tenant, null, 2));
  expect(loadTenant(file, now)).toEqual(tenant);
});

test('a file that is not JSON is named in the error', () => {
  const file = join(folder, 'broken.json');
  writeFileSync(file, '{"tenant": {');
  expect(() => loadTenant(file, now)).toThrow(`The tenant fixture ${file} is not valid JSON:`);
});

test('a missing file is named in the error, with what DEMO_TENANT accepts', () => {
  const file = join(folder, 'nowhere.json');
  expect(() => loadTenant(file, now)).toThrow(
    `Cannot read the tenant fixture ${file}: no such file (DEMO_TENANT takes 'demo', 'generate:N[:seed]' or a JSON file's path)`,
  );
});

test('an invalid fixture file names the file and the bad field', () => {
  const file = join(folder, 'invalid.json');
  const tenant = generateTenant(5, 2, now);
  tenant.users[1].accountEnabled = 'no' as never;
  writeFileSync(file, JSON.stringify(tenant));
  let error: unknown;
  try {
    loadTenant(file, now);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TenantFixtureError);
  expect((error as Error).message).toContain(`Invalid tenant fixture ${file} (1 problem):`);
  expect((error as Error).message).toContain('users[1].accountEnabled: must be boolean, not "no"');
});
