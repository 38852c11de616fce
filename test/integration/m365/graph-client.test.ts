// The Graph client against the simulated tenant: real token, real TLS (trusting only the
// simulator's CA), paging, filters with awkward names, the usage report's redirect, $batch.
import { loadTenant } from '../../../src/simulator/tenant/load';
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { odataString } from '../../../src/m365/graph-client';
import { countOf, startSimulatedTenant, type SimulatedTenant } from './simulated-tenant';

jest.setTimeout(60_000);

let fixture: TenantFixture;
let tenant: SimulatedTenant;

beforeAll(async () => {
  fixture = loadTenant('generate:1200:7');
  tenant = await startSimulatedTenant(fixture);
});

afterAll(async () => {
  await tenant?.stop();
});

it('lists every user, 999 a page, following the next link', async () => {
  await tenant.requests(true);
  const pages: number[] = [];
  const users = await tenant.clients.graph.listUsers(undefined, (p) => pages.push(p.length));
  expect(users).toHaveLength(fixture.users.length);
  expect(pages.length).toBe(Math.ceil(fixture.users.length / 999));
  const sample = fixture.users[5];
  expect(users.find((u) => u.id === sample.id)).toMatchObject({
    userPrincipalName: sample.userPrincipalName,
    accountEnabled: sample.accountEnabled,
    assignedLicenses: sample.assignedLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans ?? [] })),
  });
  const counts = (await tenant.requests()).apis.graph;
  expect(countOf(counts.paths, /^GET \/v1\.0\/users$/)).toBe(pages.length);
});

it('finds a user whose name holds quotes, ampersands and plus signs', async () => {
  const target = fixture.users[10];
  const name = `O'Hara & Sons + "Co"`;
  await tenant.patchUser(target.id, { displayName: name });
  const found = await tenant.clients.graph.findUsers(`displayName eq ${odataString(name)}`);
  expect(found.map((u) => u.id)).toEqual([target.id]);
  const byPrefix = await tenant.clients.graph.findUsers(`startswith(displayName,${odataString("O'Hara &")})`);
  expect(byPrefix.map((u) => u.id)).toContain(target.id);
});

it('gets one user by UPN, and null for an unknown one', async () => {
  const target = fixture.users[2];
  await expect(tenant.clients.graph.getUser(target.userPrincipalName)).resolves.toMatchObject({ id: target.id });
  await expect(tenant.clients.graph.getUser('nobody@nowhere.example')).resolves.toBeNull();
});

it('reads subscriptions and report settings', async () => {
  const skus = await tenant.clients.graph.listSubscribedSkus();
  expect(skus.map((s) => s.skuId).sort()).toEqual(fixture.subscribedSkus.map((s) => s.skuId).sort());
  expect(skus[0].servicePlans.length).toBeGreaterThan(0);
  const settings = await tenant.clients.graph.getReportSettings();
  expect(settings.displayConcealedNames).toBe(fixture.reportSettings?.displayConcealedNames ?? true);
});

it('downloads the mailbox usage report through its pre-signed link', async () => {
  const rows = await tenant.clients.graph.getMailboxUsageReport('D7');
  const mailboxes = fixture.users.filter((u) => u.mailbox);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.length).toBeLessThanOrEqual(mailboxes.length);
  expect(rows.every((r) => r.storageUsedBytes === null || Number.isFinite(r.storageUsedBytes))).toBe(true);
  expect(rows.some((r) => r.reportRefreshDate)).toBe(true);
});

it('checks group membership and assigns a licence', async () => {
  const group = fixture.groups?.find((g) => g.members.length > 0);
  expect(group).toBeDefined();
  await expect(
    tenant.clients.graph.checkMemberGroups(group!.members[0], [group!.id, '00000000-0000-0000-0000-000000000000']),
  ).resolves.toEqual([group!.id]);
  const user = fixture.users.find((u) => u.usageLocation && u.assignedLicenses.length === 0);
  const sku = fixture.subscribedSkus[0];
  expect(user).toBeDefined();
  await tenant.clients.graph.assignLicense(user!.id, sku.skuId);
  const after = await tenant.clients.graph.getUser(user!.id);
  expect(after!.assignedLicenses.map((l) => l.skuId)).toContain(sku.skuId);
});

it('batches up to 20 requests and answers each in order', async () => {
  const ids = fixture.users.slice(0, 20).map((u) => u.id);
  const answers = await tenant.clients.graph.batch(ids.map((id) => ({ method: 'GET', url: `/users/${id}?$select=id,displayName` })));
  expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
  expect(answers.map((a) => (a.body as { id: string }).id)).toEqual(ids);
});

it('retries throttled Graph calls and still lists every user', async () => {
  await tenant.setFaults([{ api: 'graph', status: 429, retryAfterSeconds: 0.2, rate: 0.3 }]);
  tenant.retries.length = 0;
  try {
    const graph = tenant.connect({ maxRetries: 8 }).graph;
    const sample = fixture.users.slice(0, 20);
    const [users, ...one] = await Promise.all([graph.listUsers(), ...sample.map((u) => graph.getUser(u.id))]);
    expect(users).toHaveLength(fixture.users.length);
    expect(one.map((u) => u?.id)).toEqual(sample.map((u) => u.id));
    expect(tenant.retries.filter((r) => r.service === 'graph' && r.status === 429).length).toBeGreaterThan(0);
  } finally {
    await tenant.setFaults([]);
  }
});
