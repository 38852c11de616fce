// `npm run grant` against the simulated tenant's Graph (servicePrincipals, appRoleAssignments,
// appRoleAssignedTo). The simulator's token endpoint stands in for the admin's sign-in: the fixture
// identity is given what an admin's token carries (Application.Read.All, AppRoleAssignment.ReadWrite.All)
// and nothing else, and grants the bot's roles to itself.
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { loadTenant } from '../../../src/simulator/tenant/load';
import { createServicePipeline, type ServicePipeline } from '../../../src/m365/pipeline';
import { GraphClient } from '../../../src/m365/graph-client';
import { readTokenClaims } from '../../../src/doctor/token-claims';
import { grant, GrantError, type GrantOptions } from '../../../scripts/grant';

jest.setTimeout(30_000);

const ADMIN_ROLES = ['Application.Read.All', 'AppRoleAssignment.ReadWrite.All'];
const BOT_GRAPH_ROLES = ['User.Read.All', 'Reports.Read.All', 'Organization.Read.All', 'GroupMember.Read.All', 'ReportSettings.Read.All'];

let sim: RunningSimulator;
let pipeline: ServicePipeline;
let lines: string[];

async function freshCredential() {
  let fresh!: typeof import('../../../src/m365/credential');
  await jest.isolateModulesAsync(async () => {
    fresh = await import('../../../src/m365/credential');
  });
  return fresh.createCredential({ managedIdentityClientId: sim.info.clientId });
}

function pipelineFor(credential: Parameters<typeof createServicePipeline>[0]['credential']): ServicePipeline {
  return createServicePipeline({
    service: 'graph',
    credential,
    scope: 'https://graph.microsoft.com/.default',
    maxInFlight: 4,
    timeoutMs: 10_000,
    maxRetries: 0,
    tlsCa: sim.info.caCertPem,
  });
}

const run = (options: Partial<GrantOptions> = {}) =>
  grant({ identity: sim.info.principalId, graph: { endpoint: sim.info.graph, pipeline }, print: (l) => lines.push(l), ...options });

async function requests(): Promise<{ apis: { graph: { paths: Record<string, number>; total: number } } }> {
  return (await fetch(`${sim.controlUrl}/_sim/requests`)).json() as never;
}
const posts = async () =>
  Object.entries((await requests()).apis.graph.paths)
    .filter(([k]) => k.startsWith('POST'))
    .reduce((n, [, v]) => n + v, 0);

/** What the identity holds, as Graph lists it to anyone who looks. */
async function assignedRoleIds(): Promise<string[]> {
  const graph = new GraphClient({ endpoint: sim.info.graph, pipeline });
  const all = await graph.get<{ value: { appRoleId: string }[] }>(`/servicePrincipals/${sim.info.principalId}/appRoleAssignments`);
  return all.value.map((a) => a.appRoleId).sort();
}

beforeAll(async () => {
  const fixture = loadTenant('generate:30:3');
  fixture.identity = { ...fixture.identity, graphAppRoles: [...ADMIN_ROLES], exchangeAppRoles: [] };
  sim = await startSimulator({ tenant: fixture, quiet: true });
  process.env.IDENTITY_ENDPOINT = sim.info.identityEndpoint;
  process.env.IDENTITY_HEADER = sim.info.identityHeader;
  pipeline = pipelineFor(await freshCredential());
});
beforeEach(() => {
  lines = [];
});
afterAll(async () => {
  pipeline?.close();
  await sim?.stop();
  delete process.env.IDENTITY_ENDPOINT;
  delete process.env.IDENTITY_HEADER;
});

test('refuses an empty id, a non-GUID and an unknown GUID, before changing anything', async () => {
  const before = await posts();
  await expect(run({ identity: '' })).rejects.toThrow(/No identity given: --identity is empty/);
  await expect(run({ identity: '   ' })).rejects.toThrow(GrantError);
  await expect(run({ identity: 'mailboxwatch-identity' })).rejects.toThrow('"mailboxwatch-identity" is not an object id or a client id');
  const unknown = '7d0c9a1e-2b3f-4c5d-8e6f-a0b1c2d3e4f5';
  await expect(run({ identity: unknown })).rejects.toThrow(
    `No service principal has object id or app id ${unknown} in this tenant. For a managed identity, use the Object (principal) ID shown on its Identity blade.`,
  );
  expect(await posts()).toBe(before);
  expect(lines).toEqual([]);
});

test('a dry run lists what it would add and changes nothing', async () => {
  const before = await assignedRoleIds();
  const result = await run({ dryRun: true });
  expect(result.roles.map((r) => `${r.outcome} ${r.role}`)).toEqual(
    [...BOT_GRAPH_ROLES, 'Exchange.ManageAsApp'].map((r) => `would add ${r}`),
  );
  expect(lines[0]).toMatch(/^Dry run, nothing changes\./);
  expect(await assignedRoleIds()).toEqual(before);
  expect(await posts()).toBe(0);
});

test('grants the missing roles, says what it added, and ends with the Entra role command', async () => {
  const before = await posts();
  const result = await run();
  expect((await posts()) - before).toBe(6);
  expect(result.roles).toEqual([
    ...BOT_GRAPH_ROLES.map((role) => ({ resource: 'Microsoft Graph', role, outcome: 'added' })),
    { resource: 'Office 365 Exchange Online', role: 'Exchange.ManageAsApp', outcome: 'added' },
  ]);
  expect(lines).toContain('  added            User.Read.All (Microsoft Graph)');
  expect(lines).toContain('  added            Exchange.ManageAsApp (Office 365 Exchange Online)');
  // The read-only Global Reader, then the narrower Exchange role group; never a write-capable role.
  expect(lines.join('\n')).toContain(`"principalId":"${sim.info.principalId}","roleDefinitionId":"f2ef992c-3afb-46b9-b7cf-a126ee74c451"`);
  expect(lines.join('\n')).not.toMatch(/31392ffb|29232cdf|62e90394/);
  expect(lines.at(-2)).toBe(
    '  New-RoleGroup -Name "Mailbox Watch readers" -Roles "View-Only Recipients" -Description "Read-only rights of the Mailbox Watch bot"',
  );
  expect(lines.at(-1)).toBe(`  Add-RoleGroupMember -Identity "Mailbox Watch readers" -Member ${sim.info.principalId}`);
  expect(await assignedRoleIds()).toEqual(
    [
      '230c1aed-a721-4c5d-9cb4-a90514e508ef',
      '498476ce-e0fe-48b0-b801-37ba7e2685c6',
      '98830695-27a2-44f7-8c18-0c3ebc9698f6',
      'dc50a0fb-09a3-484d-be87-e023b12c6440',
      'df021288-bdef-4463-88db-98f22de89214',
      'ee353f83-55ef-4b78-82da-555bfa2b4b95',
    ].sort(),
  );
});

test('run again (by client id this time): nothing to add, nothing posted', async () => {
  const before = await posts();
  const result = await run({ identity: sim.info.clientId });
  expect(result.identity.id).toBe(sim.info.principalId);
  expect(result.roles.every((r) => r.outcome === 'already granted')).toBe(true);
  expect(lines).toContain('0 app role(s) added, 6 already granted.');
  expect(await posts()).toBe(before);
});

test('--remediation adds only LicenseAssignment.ReadWrite.All', async () => {
  const result = await run({ remediation: true });
  expect(result.roles.filter((r) => r.outcome === 'added').map((r) => r.role)).toEqual(['LicenseAssignment.ReadWrite.All']);
});

test('a fresh token for the identity carries the granted roles', async () => {
  const credential = await freshCredential();
  const graph = readTokenClaims((await credential.getToken('https://graph.microsoft.com/.default'))!.token)!;
  const exchange = readTokenClaims((await credential.getToken('https://outlook.office365.com/.default'))!.token)!;
  expect(graph.roles).toEqual(expect.arrayContaining([...BOT_GRAPH_ROLES, 'LicenseAssignment.ReadWrite.All']));
  expect(exchange.roles).toEqual(['Exchange.ManageAsApp']);
});

test('an account that may not assign app roles is told what it needs', async () => {
  await fetch(`${sim.controlUrl}/_sim/tenant`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identity: { graphAppRoles: ['Application.Read.All'], exchangeAppRoles: [] } }),
  });
  const weak = pipelineFor(await freshCredential());
  try {
    await expect(run({ graph: { endpoint: sim.info.graph, pipeline: weak } })).rejects.toThrow(
      /Microsoft Graph refused POST \/v1\.0\/servicePrincipals\/[0-9a-f-]+\/appRoleAssignedTo \(403 Authorization_RequestDenied\): your account may not read or assign app roles/,
    );
  } finally {
    weak.close();
  }
});
