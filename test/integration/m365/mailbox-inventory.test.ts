// The mailbox report's data read from the simulated tenant through the real credential, pipeline
// and Exchange client: paging, statistics batching, request counts, and throttling faults.
import { loadTenant } from '../../../src/simulator/tenant/load';
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { readMailboxes, type MailboxInventory } from '../../../src/m365/mailbox-inventory';
import { countOf, startSimulatedTenant, type SimulatedTenant } from './simulated-tenant';

jest.setTimeout(60_000);

let fixture: TenantFixture;
let tenant: SimulatedTenant;
let baseline: MailboxInventory;

beforeAll(async () => {
  fixture = loadTenant('generate:200:1');
  tenant = await startSimulatedTenant(fixture, { exchangePageSize: 50 });
});

afterAll(async () => {
  await tenant?.stop();
});

const mailboxUsers = () => fixture.users.filter((u) => u.mailbox);

it('reads every mailbox with its statistics, 10 per $batch, 50 per page', async () => {
  await tenant.requests(true);
  const progress: [number, number][] = [];
  baseline = await readMailboxes(tenant.clients, { types: 'all', onProgress: (d, t) => progress.push([d, t]) });

  expect(baseline.complete).toBe(true);
  expect(baseline.failures).toEqual([]);
  expect(baseline.mailboxes).toHaveLength(mailboxUsers().length);
  for (const user of mailboxUsers()) {
    const found = baseline.mailboxes.find((m) => m.userId === user.id);
    expect(found).toBeDefined();
    expect(found!.userPrincipalName).toBe(user.userPrincipalName);
    expect(found!.recipientTypeDetails).toBe(user.mailbox!.recipientTypeDetails);
    expect(found!.prohibitSendReceiveQuotaBytes).toBe(user.mailbox!.prohibitSendReceiveQuotaBytes);
    expect(found!.statistics).toMatchObject({ itemCount: user.mailbox!.itemCount, totalItemSizeBytes: user.mailbox!.totalItemSizeBytes });
  }
  expect(progress[progress.length - 1]).toEqual([mailboxUsers().length, mailboxUsers().length]);

  const counts = (await tenant.requests()).apis.exchange;
  const mailboxes = mailboxUsers().length;
  expect(counts.cmdlets['Get-MailboxStatistics']).toBe(mailboxes);
  expect(countOf(counts.paths, /^POST .*\/\$batch$/)).toBe(Math.ceil(mailboxes / 10));
  expect(countOf(counts.paths, /^POST .*\/InvokeCommand$/)).toBe(Math.ceil(mailboxes / 50) + mailboxes);
  expect(counts.statuses['200']).toBe(counts.total);
});

it('filters by recipient type on the server', async () => {
  await tenant.requests(true);
  const shared = await readMailboxes(tenant.clients, { types: ['SharedMailbox'] });
  const expected = mailboxUsers().filter((u) => u.mailbox!.recipientTypeDetails === 'SharedMailbox');
  expect(shared.mailboxes.map((m) => m.userId).sort()).toEqual(expected.map((u) => u.id).sort());
  const counts = (await tenant.requests()).apis.exchange;
  expect(counts.cmdlets['Get-MailboxStatistics']).toBe(expected.length);
});

it('reads archive statistics for mailboxes whose archive is active', async () => {
  const withArchive = await readMailboxes(tenant.clients, { types: ['UserMailbox', 'SharedMailbox'], withArchiveStatistics: true });
  expect(withArchive.complete).toBe(true);
  const active = mailboxUsers().filter((u) => u.mailbox!.archiveStatus === 'Active');
  expect(active.length).toBeGreaterThan(0);
  for (const user of active) {
    const m = withArchive.mailboxes.find((x) => x.userId === user.id)!;
    expect(m.archiveStatistics).toMatchObject({ itemCount: user.mailbox!.archive?.itemCount ?? 0 });
  }
});

it('still completes, equal to the fault-free read, when 20% of Exchange calls are throttled', async () => {
  baseline ??= await readMailboxes(tenant.clients, { types: 'all' });
  await tenant.setFaults([{ api: 'exchange', status: 429, retryAfterSeconds: 1, rate: 0.2 }]);
  await tenant.requests(true);
  tenant.retries.length = 0;
  try {
    // At a 20% refusal rate one request in 4^6 is refused 6 times running; 8 retries keep the test
    // about the policy rather than about luck.
    const patient = tenant.connect({ maxRetries: 8 });
    const throttled = await readMailboxes(patient, { types: 'all' });
    expect(throttled.failures).toEqual([]);
    expect(throttled.complete).toBe(true);
    const key = (r: MailboxInventory) => r.mailboxes.map((m) => JSON.stringify(m)).sort();
    expect(key(throttled)).toEqual(key(baseline));
    const counts = (await tenant.requests()).apis.exchange;
    expect(counts.statuses['429']).toBeGreaterThan(0);
    expect(tenant.retries.some((r) => r.status === 429)).toBe(true);
  } finally {
    await tenant.setFaults([]);
  }
});

it('keeps mailboxes whose statistics failed, says why, and marks the read partial', async () => {
  // Path rules cannot pick one identity out of a $batch body, so every $batch fails (a 500 is not
  // retried) while Get-Mailbox still succeeds.
  await tenant.setFaults([{ api: 'exchange', path: '\\$batch', status: 500, rate: 1 }]);
  try {
    const result = await readMailboxes(tenant.clients, { types: 'all' });
    expect(result.complete).toBe(false);
    expect(result.mailboxes).toHaveLength(mailboxUsers().length);
    expect(result.failures).toHaveLength(mailboxUsers().length);
    const victim = mailboxUsers()[3];
    const m = result.mailboxes.find((x) => x.userId === victim.id)!;
    expect(m.statistics).toBeNull();
    expect(m.statisticsError).toBeTruthy();
    expect(result.failures).toContainEqual({ identity: victim.id, reason: m.statisticsError });
  } finally {
    await tenant.setFaults([]);
  }
});
