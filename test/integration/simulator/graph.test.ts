// Microsoft Graph as the bot's pipeline sees it: HTTPS trusting only the simulator's CA, tokens
// from the real ManagedIdentityCredential, responses checked field by field.
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { simulatorForFile } from '../../support/simulator';
import { MAILBOX_USAGE_COLUMNS, figuresOnReportDay, reportLagDays } from '../../../src/simulator/graph/usage-report';
import { ADMIN_GROUP, ALICE, BOB, E3, EXO_P1, FINANCE, NO_MAILBOX, tenantWith } from './small-tenant';
import { control, freshTokenCredential, SimClient } from './sim-client';
import { GRAPH_APP_ROLES } from '../../support/fixture-tenant';
import { GRAPH_APP_ROLES as GENERATED_ROLES } from '../../../src/simulator/tenant/generate';

let sim: RunningSimulator;
let client: SimClient;
const EXTRA_USERS = 2100;

simulatorForFile(tenantWith(EXTRA_USERS), { managedIdentity: true }, (s) => ({ sim, client } = s));

describe('users', () => {
  it('pages through every user 999 at a time with @odata.nextLink', async () => {
    let next: string | undefined = '/users?$select=id,displayName,userPrincipalName,accountEnabled,assignedLicenses,usageLocation&$top=999';
    const ids = new Set<string>();
    let pages = 0;
    while (next) {
      const res = await client.graph(next);
      expect(res.status).toBe(200);
      const body = res.json();
      pages++;
      for (const u of body.value) ids.add(u.id);
      next = body['@odata.nextLink'];
      if (next) expect(next).toMatch(/^https:\/\/localhost:\d+\/v1\.0\/users\?.*\$skiptoken=/);
    }
    expect(pages).toBe(Math.ceil((EXTRA_USERS + 7) / 999));
    expect(ids.size).toBe(EXTRA_USERS + 7);
  });

  it('returns only the selected fields, assignedLicenses included when selected', async () => {
    const body = (await client.graph(`/users?$select=id,displayName,assignedLicenses,usageLocation&$filter=id eq '${ALICE}'`)).json();
    expect(body.value).toEqual([
      { id: ALICE, displayName: 'Alice Adams', assignedLicenses: [{ disabledPlans: [], skuId: E3 }], usageLocation: 'US' },
    ]);
    expect(body['@odata.context']).toMatch(/\$metadata#users\(id,displayName,assignedLicenses,usageLocation\)$/);
  });

  it("returns Graph's default property set without $select, and no assignedLicenses", async () => {
    const body = (await client.graph('/users?$top=1')).json();
    expect(Object.keys(body.value[0]).sort()).toEqual([
      'businessPhones',
      'displayName',
      'givenName',
      'id',
      'jobTitle',
      'mail',
      'mobilePhone',
      'officeLocation',
      'preferredLanguage',
      'surname',
      'userPrincipalName',
    ]);
    expect(body.value).toHaveLength(1);
  });

  it('filters by the forms the bot uses', async () => {
    const ids = async (filter: string): Promise<string[]> => {
      const res = await client.graph(`/users?$select=id&$top=999&$filter=${encodeURIComponent(filter)}`);
      expect(res.status).toBe(200);
      return res.json().value.map((u: { id: string }) => u.id);
    };
    expect(await ids("userPrincipalName eq 'BOB@contoso.example'")).toEqual([BOB]);
    expect(await ids("mail eq 'finance@contoso.example'")).toEqual([FINANCE]);
    expect(await ids("startswith(displayName,'Bob O''Br')")).toEqual([BOB]);
    expect(await ids("startswith(userPrincipalName,'nomail')")).toEqual([NO_MAILBOX]);
    expect(await ids(`assignedLicenses/any(x:x/skuId eq ${E3})`)).toEqual([ALICE]);
    expect(await ids("accountEnabled eq false and startswith(displayName,'F')")).toEqual([FINANCE]);
  });

  it('refuses an unsupported filter, an unknown property and a page size over 999', async () => {
    const unsupported = await client.graph(`/users?$filter=${encodeURIComponent("jobTitle eq 'x'")}`);
    expect(unsupported.status).toBe(400);
    expect(unsupported.json().error.code).toBe('Request_UnsupportedQuery');
    const select = await client.graph('/users?$select=id,favouriteColour');
    expect(select.status).toBe(400);
    expect(select.json().error.message).toContain("Could not find a property named 'favouriteColour'");
    const top = await client.graph('/users?$top=1000');
    expect(top.status).toBe(400);
    expect(top.json().error.message).toBe("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
  });

  it('finds one user by id or UPN, and answers 404 in Graph shape otherwise', async () => {
    expect((await client.graph('/users/bob@contoso.example?$select=id,usageLocation')).json()).toMatchObject({
      id: BOB,
      usageLocation: null,
    });
    const missing = await client.graph('/users/ghost@contoso.example');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({
      error: {
        code: 'Request_ResourceNotFound',
        message: "Resource 'ghost@contoso.example' does not exist or one of its queried reference-property objects are not present.",
        innerError: { date: expect.any(String), 'request-id': expect.any(String), 'client-request-id': expect.any(String) },
      },
    });
  });
});

describe('licences', () => {
  it('counts consumedUnits from assignments', async () => {
    const body = (await client.graph('/subscribedSkus')).json();
    const e3 = body.value.find((s: { skuId: string }) => s.skuId === E3);
    expect(e3).toMatchObject({
      skuPartNumber: 'ENTERPRISEPACK',
      capabilityStatus: 'Enabled',
      consumedUnits: 1,
      prepaidUnits: { enabled: 5, suspended: 0, warning: 0, lockedOut: 0 },
    });
    expect(e3.servicePlans[0]).toEqual({
      servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
      servicePlanName: 'EXCHANGE_S_ENTERPRISE',
      provisioningStatus: 'Success',
      appliesTo: 'User',
    });
  });

  it('assigns a licence, visible in later calls', async () => {
    const res = await client.graph(`/users/${FINANCE}/assignLicense`, 'POST', {
      addLicenses: [{ skuId: E3, disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(res.status).toBe(200);
    expect(res.json().id).toBe(FINANCE);
    const user = (await client.graph(`/users/${FINANCE}?$select=assignedLicenses`)).json();
    expect(user.assignedLicenses).toEqual([{ disabledPlans: [], skuId: E3 }]);
    const e3 = (await client.graph('/subscribedSkus')).json().value.find((s: { skuId: string }) => s.skuId === E3);
    expect(e3.consumedUnits).toBe(2);
  });

  it('refuses when no units are free, when usageLocation is missing, and when a parameter is missing', async () => {
    const full = await client.graph(`/users/${ALICE}/assignLicense`, 'POST', { addLicenses: [{ skuId: EXO_P1 }], removeLicenses: [] });
    expect(full.status).toBe(400);
    expect(full.json().error).toMatchObject({ code: 'Request_BadRequest', message: expect.stringContaining('no available licenses') });
    const noLocation = await client.graph(`/users/${BOB}/assignLicense`, 'POST', { addLicenses: [{ skuId: E3 }], removeLicenses: [] });
    expect(noLocation.status).toBe(400);
    expect(noLocation.json().error.message).toBe('License assignment cannot be done for user with invalid usage location.');
    const missing = await client.graph(`/users/${BOB}/assignLicense`, 'POST', { addLicenses: [] });
    expect(missing.status).toBe(400);
    expect(missing.json().error.message).toContain('removeLicenses');
  });
});

describe('mailbox usage report', () => {
  it('redirects to a pre-signed CSV with a BOM and the documented columns', async () => {
    const res = await client.graph("/reports/getMailboxUsageDetail(period='D7')");
    expect(res.status).toBe(302);
    const location = res.headers.location;
    expect(location).toMatch(/^https:\/\/127\.0\.0\.1:\d+\//);
    // The download needs no bearer token, like reports.office.com.
    const csv = await download(location);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0].split(',')).toEqual([...MAILBOX_USAGE_COLUMNS]);
    expect(lines).toHaveLength(1 + 6 + EXTRA_USERS); // every mailbox; the user without one is left out
    expect(csv).not.toContain('nomail@contoso.example');
    const alice = lines.find((l) => l.includes('alice@contoso.example'))!.split(',');
    // Figures as of the report's day: live ones less the growth since (or a clean-up or import).
    const then = figuresOnReportDay(
      'alice@contoso.example',
      { items: 4321, bytes: 1782579200, deletedItems: 3, deletedBytes: 2048, quotaBytes: 107374182400 },
      reportLagDays('2024-05-02', new Date()),
    );
    expect(then.bytes).not.toBe(1782579200);
    expect(alice).toEqual([
      '2024-05-02',
      'alice@contoso.example',
      'Alice Adams',
      'False',
      '',
      '2023-03-01',
      '2024-05-01',
      String(then.items),
      String(then.bytes),
      '105226698752',
      '106300440576',
      '107374182400',
      String(then.deletedItems),
      String(then.deletedBytes),
      '32212254720',
      'False',
      '7',
    ]);
  });

  it('conceals names while reportSettings says so', async () => {
    await control(sim.info, 'PATCH', '/_sim/tenant', { reportSettings: { displayConcealedNames: true } });
    try {
      expect((await client.graph('/admin/reportSettings')).json()).toMatchObject({ displayConcealedNames: true });
      const csv = await download((await client.graph("/reports/getMailboxUsageDetail(period='D7')")).headers.location);
      const row = csv.trim().split('\r\n')[1].split(',');
      expect(row[1]).toMatch(/^[0-9A-F]{32}$/);
      expect(row[2]).toMatch(/^[0-9A-F]{32}$/);
      expect(csv).not.toContain('alice@contoso.example');
    } finally {
      await control(sim.info, 'PATCH', '/_sim/tenant', { reportSettings: { displayConcealedNames: false } });
    }
  });

  it('refuses a tampered download link', async () => {
    const location = (await client.graph("/reports/getMailboxUsageDetail(period='D7')")).headers.location;
    const res = await fetchWithCa(location.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
    expect(res.status).toBe(403);
  });
});

describe('admin checks', () => {
  it('checks group membership and lists transitive members', async () => {
    const yes = await client.graph(`/users/${ALICE}/checkMemberGroups`, 'POST', { groupIds: [ADMIN_GROUP] });
    expect(yes.json().value).toEqual([ADMIN_GROUP]);
    const no = await client.graph(`/users/${BOB}/checkMemberGroups`, 'POST', { groupIds: [ADMIN_GROUP] });
    expect(no.json().value).toEqual([]);
    const members = (await client.graph(`/groups/${ADMIN_GROUP}/transitiveMembers?$select=id`)).json();
    expect(members.value).toEqual([{ '@odata.type': '#microsoft.graph.user', id: ALICE }]);
  });
});

describe('$batch', () => {
  it('answers each request with its own status', async () => {
    const res = await client.graph('/$batch', 'POST', {
      requests: [
        { id: '1', method: 'GET', url: `/users/${ALICE}?$select=id` },
        { id: '2', method: 'GET', url: '/users/ghost@contoso.example' },
        { id: '3', method: 'GET', url: 'https://graph.microsoft.com/v1.0/subscribedSkus' },
      ],
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.json().responses.map((r: { id: string }) => [r.id, r]));
    expect(byId['1']).toMatchObject({ status: 200, body: { id: ALICE } });
    expect(byId['2']).toMatchObject({ status: 404, body: { error: { code: 'Request_ResourceNotFound' } } });
    expect(byId['3'].body.value.length).toBe(2);
  });

  it('refuses more than 20 requests', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/subscribedSkus' }));
    const res = await client.graph('/$batch', 'POST', { requests });
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('BadRequest');
  });
});

describe('permissions', () => {
  // A fresh token per test: MSAL and the bearer policy both keep the first token they get.
  afterAll(async () => {
    await control(sim.info, 'PATCH', '/_sim/tenant', { identity: { graphAppRoles: GRAPH_APP_ROLES } });
  });

  it.each([
    ['User.Read.All', '/users?$top=1', 'GET'],
    // LicenseAssignment.ReadWrite.All also lets an app read the subscriptions.
    ['Organization.Read.All,LicenseAssignment.ReadWrite.All', '/subscribedSkus', 'GET'],
    ['Reports.Read.All', "/reports/getMailboxUsageDetail(period='D7')", 'GET'],
    ['ReportSettings.Read.All', '/admin/reportSettings', 'GET'],
    ['GroupMember.Read.All', `/groups/${ADMIN_GROUP}/transitiveMembers`, 'GET'],
    ['LicenseAssignment.ReadWrite.All', `/users/${ALICE}/assignLicense`, 'POST'],
  ] as const)('answers 403 Authorization_RequestDenied without %s', async (missing, path, method) => {
    const graphAppRoles = GENERATED_ROLES.filter((r) => !missing.split(',').includes(r));
    await control(sim.info, 'PATCH', '/_sim/tenant', { identity: { graphAppRoles } });
    const fresh = new SimClient(sim.info, freshTokenCredential(sim.info));
    const res = await fresh.graph(path, method, method === 'POST' ? { addLicenses: [], removeLicenses: [] } : undefined);
    fresh.close();
    expect(res.status).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
  });

  it('answers 401 InvalidAuthenticationToken for a bad signature, another audience and an expired token', async () => {
    const good = await freshTokenCredential(sim.info).getToken('https://graph.microsoft.com/.default');
    const exchangeToken = await freshTokenCredential(sim.info).getToken('https://outlook.office365.com/.default');
    const [h, p, s] = good!.token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), roles: ['Directory.ReadWrite.All'] })).toString('base64url')}.${s}`;
    const expired = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), exp: 1 })).toString('base64url')}.${s}`;
    for (const [token, message] of [
      [forged, /validation failure/],
      [exchangeToken!.token, /Invalid audience/],
      [expired, /validation failure|expired/],
      ['', /empty/],
    ] as const) {
      const res = await fetchWithCa(`${sim.info.graph}/v1.0/users`, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      const body = JSON.parse(res.text);
      expect(body.error.code).toBe('InvalidAuthenticationToken');
      expect(body.error.message).toMatch(message);
    }
  });

  it('answers 401 for a token past its lifetime', async () => {
    const short = await startSimulator({ tenant: tenantWith(0), tokenLifetimeSeconds: 1, quiet: true });
    try {
      const token = await freshTokenCredential(short.info).getToken('https://graph.microsoft.com/.default');
      await new Promise((r) => setTimeout(r, 1100));
      const res = await fetchWithCa(`${short.info.graph}/v1.0/users`, { authorization: `Bearer ${token!.token}` });
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text).error.message).toBe('Lifetime validation failed, the token is expired.');
    } finally {
      await short.stop();
    }
  });
});

async function download(url: string): Promise<string> {
  const res = await fetchWithCa(url);
  expect(res.status).toBe(200);
  return res.text;
}

/** A bare HTTPS GET trusting only the simulator's CA. */
function fetchWithCa(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const https = require('node:https') as typeof import('node:https');
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: sim.info.caCertPem, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}
