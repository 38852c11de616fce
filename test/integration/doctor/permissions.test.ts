// `doctor` against the simulated tenant, one scenario per way the identity's permissions can be
// short: each names the missing grant and the exact command, with the identity's own id filled in.
import { GRAPH_APP_ROLES as GENERATED_GRAPH_ROLES } from '../../../src/simulator/tenant/generate';
import { check, startDoctorTenant, statuses, type DoctorTenant } from './identity-scenarios';

jest.setTimeout(30_000);

let tenant: DoctorTenant;
let principalId: string;
const everyFeature = { adminGroupId: '5a1b2c3d-0000-4000-8000-000000000001', remediation: true };

beforeAll(async () => {
  tenant = await startDoctorTenant('generate:30:1');
  principalId = tenant.sim.info.principalId;
});
afterAll(async () => {
  await tenant?.stop();
});

test('all granted: every check passes, and both services answered', async () => {
  const report = await tenant.run({ config: everyFeature });
  expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([]);
  expect(report.ok).toBe(true);
  expect(report.principalId).toBe(principalId);
  expect(check(report, 'graph-call').detail).toContain(tenant.fixture.tenant.displayName);
  // The default grant (infra/main.bicep) is the read-only Global Reader, and it runs every cmdlet the bot sends.
  expect(check(report, 'exchange-role').detail).toContain('Global Reader');
  expect(check(report, 'exchange-call').detail).toMatch(
    /Get-Mailbox -ResultSize 1 answered \(1 mailbox read\); Get-MailboxStatistics answered/,
  );
  expect(check(report, 'least-privilege').detail).toMatch(/No Entra role that can change the tenant/);
  // Nothing secret is in what the admin sees.
  const shown = JSON.stringify(report);
  expect(shown).not.toContain(tenant.sim.info.identityHeader);
  expect(shown).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
});

test('permissions a feature does not use are not asked for', async () => {
  const report = await tenant.run({
    identity: {
      graphAppRoles: GENERATED_GRAPH_ROLES.filter((r) => r !== 'GroupMember.Read.All' && r !== 'LicenseAssignment.ReadWrite.All'),
    },
    config: { remediation: false },
  });
  expect(report.ok).toBe(true);
  expect(check(report, 'graph-permission:GroupMember.Read.All')).toMatchObject({
    status: 'skip',
    detail: 'Not needed: BOT_ADMIN_GROUP_ID is not set.',
  });
  expect(check(report, 'graph-permission:LicenseAssignment.ReadWrite.All')).toMatchObject({
    status: 'skip',
    detail: 'Not needed: REMEDIATION is off.',
  });
});

test('no Exchange.ManageAsApp: the Exchange token fails with the grant command, and no call is wasted on a sure 401', async () => {
  const report = await tenant.run({ identity: { exchangeAppRoles: [] } });
  expect(report.ok).toBe(false);
  const token = check(report, 'exchange-token');
  expect(token.status).toBe('fail');
  expect(token.detail).toContain('Exchange.ManageAsApp');
  expect(token.detail).toContain('401');
  expect(token.fix).toContain(`npm run grant -- --identity ${principalId}`);
  expect(token.fix).toContain('grantTenantPermissions=true');
  expect(check(report, 'exchange-call')).toMatchObject({ status: 'skip' });
  expect(check(report, 'exchange-call').detail).toMatch(/Exchange\.ManageAsApp/);
  // Graph is unaffected.
  expect(check(report, 'graph-call').status).toBe('pass');
});

test('no Entra role: Exchange answers 403, and the fix is the role assignment command for this identity', async () => {
  const report = await tenant.run({ identity: { directoryRoles: [] } });
  expect(statuses(report)).toMatchObject({ 'exchange-token': 'pass', 'exchange-role': 'fail', 'exchange-call': 'fail' });
  const role = check(report, 'exchange-role');
  expect(role.detail).toContain('Entra roles: none');
  expect(role.fix).toContain('az rest --method POST --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments');
  expect(role.fix).toContain(`"principalId":"${principalId}"`);
  expect(role.fix).toContain('f2ef992c-3afb-46b9-b7cf-a126ee74c451'); // Global Reader, read-only
  const call = check(report, 'exchange-call');
  expect(call.detail).toMatch(/Exchange Online 403/);
  expect(call.fix).toContain(`"principalId":"${principalId}"`);
});

test('a role that cannot read mailboxes is named, and does not count', async () => {
  const report = await tenant.run({ identity: { directoryRoles: ['Security Reader'] } });
  expect(check(report, 'exchange-role')).toMatchObject({ status: 'fail' });
  expect(check(report, 'exchange-role').detail).toContain('only Security Reader');
});

// Organization.Read.All is also covered by LicenseAssignment.ReadWrite.All (subscribedSkus accepts
// either), so that case runs without remediation and without that role.
test.each([
  ['User.Read.All', [], everyFeature],
  ['Organization.Read.All', ['LicenseAssignment.ReadWrite.All'], { ...everyFeature, remediation: false }],
  ['Reports.Read.All', [], everyFeature],
  ['ReportSettings.Read.All', [], everyFeature],
  ['GroupMember.Read.All', [], everyFeature],
  ['LicenseAssignment.ReadWrite.All', [], everyFeature],
] as const)('without %s: that permission fails with the grant command; the rest pass', async (missing, alsoRemoved, config) => {
  const removed: string[] = [missing, ...alsoRemoved];
  const report = await tenant.run({ identity: { graphAppRoles: GENERATED_GRAPH_ROLES.filter((r) => !removed.includes(r)) }, config });
  const failed = report.checks.filter((c) => c.status === 'fail');
  expect(failed.map((c) => c.id)).toEqual([`graph-permission:${missing}`]);
  expect(failed[0].detail).toMatch(/^Missing, and needed for /);
  // With REMEDIATION on, the command grants LicenseAssignment.ReadWrite.All as well.
  const command = `npm run grant -- --identity ${principalId}${config.remediation ? ' --remediation' : ''}`;
  expect(failed[0].fix).toContain(`\`${command}\``);
  expect(failed[0].fix).toContain(config.remediation ? 'grantTenantPermissions=true remediation=true' : 'grantTenantPermissions=true (');
  expect(check(report, 'graph-token').detail).not.toContain(missing);
  // The cheap Graph call picks one the remaining permissions allow.
  expect(check(report, 'graph-call').status).toBe('pass');
});

test('a broader permission counts, and says so', async () => {
  const report = await tenant.run({ identity: { graphAppRoles: ['Directory.Read.All', 'Reports.Read.All', 'ReportSettings.Read.All'] } });
  expect(report.ok).toBe(true);
  expect(check(report, 'graph-permission:User.Read.All').detail).toBe(
    'Covered by Directory.Read.All, which grants more than User.Read.All (enough for users, their licences and mailbox-bearing accounts).',
  );
});

test('no Graph permission at all: each is missing, and the Graph call is skipped with the reason', async () => {
  const report = await tenant.run({ identity: { graphAppRoles: [] } });
  expect(check(report, 'graph-token').detail).toBe('Application permissions in it: none.');
  expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual([
    'graph-permission:User.Read.All',
    'graph-permission:Organization.Read.All',
    'graph-permission:Reports.Read.All',
    'graph-permission:ReportSettings.Read.All',
  ]);
  expect(check(report, 'graph-call')).toMatchObject({ status: 'skip' });
  expect(check(report, 'exchange-call').status).toBe('pass');
});

test('more than it needs: a write-capable role is flagged, with the command that removes it', async () => {
  const report = await tenant.run({ identity: { directoryRoles: ['Exchange Recipient Administrator'] } });
  // It still works, so doctor does not fail; it warns.
  expect(report.ok).toBe(true);
  expect(check(report, 'exchange-call').status).toBe('pass');
  const least = check(report, 'least-privilege');
  expect(least.status).toBe('warn');
  expect(least.detail).toContain('Exchange Recipient Administrator, which can change the tenant');
  expect(least.fix).toContain(`principalId eq '${principalId}' and roleDefinitionId eq '31392ffb-586c-42d1-9346-e59415a2cc4e'`);
  expect(least.fix).toContain(
    'az rest --method DELETE --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments/$id',
  );
  // Global Reader is not held, so the fix assigns it first.
  expect(least.fix).toMatch(/Assign Global Reader first: .*f2ef992c-3afb-46b9-b7cf-a126ee74c451/);
});

test('the narrowest grant: an Exchange role group with View-Only Recipients alone runs every cmdlet', async () => {
  const report = await tenant.run({
    identity: { directoryRoles: [], exchangeRoleGroups: [{ name: 'Mailbox Watch readers', roles: ['View-Only Recipients'] }] },
  });
  expect(report.ok).toBe(true);
  expect(statuses(report)).toMatchObject({ 'exchange-role': 'pass', 'exchange-call': 'pass', 'least-privilege': 'pass' });
  expect(check(report, 'exchange-role').detail).toMatch(/Exchange role group/);
});

test('narrower than the bot needs: the refused cmdlet and the role that holds it are named exactly', async () => {
  const report = await tenant.run({
    identity: { directoryRoles: [], exchangeRoleGroups: [{ name: 'Custom', roles: [], cmdlets: ['Get-Mailbox'] }] },
  });
  expect(report.ok).toBe(false);
  const call = check(report, 'exchange-call');
  expect(call.status).toBe('fail');
  expect(call.detail).toContain('Get-Mailbox -ResultSize 1 answered (1 mailbox read), but Exchange refused Get-MailboxStatistics (403)');
  expect(call.detail).toContain('Get-MailboxStatistics is in the management role View-Only Recipients');
  expect(call.fix).toContain('New-ManagementRoleAssignment -Role "View-Only Recipients"');
  expect(call.fix).toContain(`"principalId":"${principalId}","roleDefinitionId":"f2ef992c-3afb-46b9-b7cf-a126ee74c451"`);
});
