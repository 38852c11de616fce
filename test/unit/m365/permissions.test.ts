import { explainServiceError, graphRoleFor } from '../../../src/m365/permissions';
import { ServiceError } from '../../../src/m365/service-error';

const err = (init: Partial<ConstructorParameters<typeof ServiceError>[0]>) =>
  new ServiceError({
    service: 'graph',
    status: 403,
    code: 'Authorization_RequestDenied',
    serviceMessage: 'Insufficient privileges to complete the operation.',
    ...init,
  });

describe('explainServiceError', () => {
  it('Exchange 401: names Exchange.ManageAsApp and the grant command', () => {
    const a = explainServiceError(err({ service: 'exchange', status: 401, code: 'Unauthorized', serviceMessage: '' }));
    expect(a.missing).toContain('Exchange.ManageAsApp');
    expect(a.missing).toContain('Office 365 Exchange Online');
    expect(a.fix).toContain('npm run grant -- --identity <principal id>');
  });

  // office-docs-powershell#7970: this 401 came from an identity with Exchange.ManageAsApp and no Entra role.
  const notAllowed = err({
    service: 'exchange',
    status: 401,
    code: 'Unauthorized',
    serviceMessage: 'User is not allowed to call Get-Mailbox',
  });

  it('Exchange 401 "User is not allowed to call": quotes Exchange\'s words and names both causes, the Entra role first', () => {
    const a = explainServiceError(notAllowed);
    expect(a.missing).toContain('Exchange Online answered 401 "User is not allowed to call Get-Mailbox".');
    const entra = a.missing.indexOf('no Entra role');
    const app = a.missing.indexOf('Exchange.ManageAsApp app role');
    expect(entra).toBeGreaterThan(-1);
    expect(app).toBeGreaterThan(entra);
    expect(a.fix.indexOf('Global Reader')).toBeLessThan(a.fix.indexOf('npm run grant'));
  });

  it("Exchange 401: the token's claims decide which cause comes first", () => {
    const holdsAppRole = explainServiceError(notAllowed, { exchangeAppRole: true, exchangeEntraRole: false });
    expect(holdsAppRole.missing).toMatch(/refused when it has no Entra role .*, or when it lacks the Exchange\.ManageAsApp app role/);
    expect(holdsAppRole.missing).toContain('Its token holds Exchange.ManageAsApp, so the likelier cause is the Entra role.');

    const lacksAppRole = explainServiceError(notAllowed, { exchangeAppRole: false, exchangeEntraRole: true });
    expect(lacksAppRole.missing).toMatch(/refused when it lacks the Exchange\.ManageAsApp app role .*, or when it has no Entra role/);
    expect(lacksAppRole.missing).toContain('Its token lacks Exchange.ManageAsApp.');
    expect(lacksAppRole.fix).toMatch(/^Grant the app role: `npm run grant/);
    // Both causes and both fixes are always named.
    for (const a of [holdsAppRole, lacksAppRole]) {
      expect(a.fix).toContain('npm run grant -- --identity <principal id>');
      expect(a.fix).toContain('Global Reader');
    }
  });

  it('Exchange 403: names the Entra role to assign', () => {
    const a = explainServiceError(err({ service: 'exchange', status: 403, code: 'Forbidden', serviceMessage: '' }));
    expect(a.missing).toMatch(/no Exchange rights to read recipients/);
    expect(a.fix).not.toContain('Exchange Recipient Administrator');
    expect(a.fix).toContain('Global Reader');
    expect(a.fix).toContain('Entra ID > Roles');
  });

  it.each([
    ['/v1.0/users', 'User.Read.All'],
    ['/v1.0/users/abc', 'User.Read.All'],
    ['/v1.0/subscribedSkus', 'Organization.Read.All'],
    ["/v1.0/reports/getMailboxUsageDetail(period='D7')", 'Reports.Read.All'],
    ['/v1.0/admin/reportSettings', 'ReportSettings.Read.All'],
    ['/v1.0/users/abc/checkMemberGroups', 'GroupMember.Read.All'],
    ['/v1.0/users/abc/assignLicense', 'LicenseAssignment.ReadWrite.All'],
  ])('Graph 403 on %s needs %s', (path, role) => {
    expect(graphRoleFor(path)).toBe(role);
    const a = explainServiceError(err({ path, method: 'GET' }));
    expect(a.missing).toContain(role);
    expect(a.fix).toContain('npm run grant');
  });

  it('identity: the endpoint did not answer', () => {
    const a = explainServiceError(
      err({
        service: 'identity',
        status: 0,
        code: 'CredentialUnavailableError',
        serviceMessage: 'ManagedIdentityCredential: Network unreachable. Message: connect ECONNREFUSED 127.0.0.1:1',
      }),
    );
    expect(a.missing).toBe('The managed identity endpoint did not answer.');
    expect(a.fix).toContain('IDENTITY_ENDPOINT');
  });

  it('identity: AZURE_CLIENT_ID names an identity not attached to the app', () => {
    for (const text of [
      'The requested identity has not been assigned to this resource.',
      'ManagedIdentityCredential: Authentication failed. Message Unable to load the proper Managed Identity.',
    ]) {
      const a = explainServiceError(err({ service: 'identity', status: 400, code: 'CredentialUnavailableError', serviceMessage: text }));
      expect(a.missing).toContain('AZURE_CLIENT_ID');
      expect(a.missing).toContain('not attached');
    }
  });

  it('a throttled call that ran out of retries is not a permission problem', () => {
    const a = explainServiceError(err({ service: 'exchange', status: 429, code: 'TooManyRequests', retryable: true }));
    expect(a.missing).toMatch(/^Nothing/);
    expect(a.fix).toMatch(/again/);
  });
});
