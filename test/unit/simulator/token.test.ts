import { checkToken, GRAPH_AUDIENCES, issueToken } from '../../../src/simulator/token';

const base = {
  resource: 'https://graph.microsoft.com',
  tenantId: 't1',
  principalId: 'p',
  clientId: 'c',
  roles: ['User.Read.All'],
  directoryRoles: ['Global Reader'],
  lifetimeSeconds: 60,
};

describe('access tokens', () => {
  it('verify with their own claims', () => {
    const { token } = issueToken(base);
    const check = checkToken(`Bearer ${token}`, GRAPH_AUDIENCES, 't1');
    expect(check).toMatchObject({
      ok: true,
      claims: { roles: ['User.Read.All'], wids: ['f2ef992c-3afb-46b9-b7cf-a126ee74c451'], aud: 'https://graph.microsoft.com' },
    });
  });

  it('are refused for audience, tenant, expiry and tampering', () => {
    const { token } = issueToken(base);
    expect(checkToken(`Bearer ${token}`, ['https://outlook.office365.com'], 't1')).toEqual({ ok: false, reason: 'audience' });
    expect(checkToken(`Bearer ${token}`, GRAPH_AUDIENCES, 'other')).toEqual({ ok: false, reason: 'tenant' });
    expect(checkToken(`Bearer ${token}`, GRAPH_AUDIENCES, 't1', Date.now() + 61000)).toEqual({ ok: false, reason: 'expired' });
    const [h, , s] = token.split('.');
    const body = Buffer.from(JSON.stringify({ ...issueToken(base).claims, roles: ['Directory.ReadWrite.All'] })).toString('base64url');
    expect(checkToken(`Bearer ${h}.${body}.${s}`, GRAPH_AUDIENCES, 't1')).toEqual({ ok: false, reason: 'signature' });
    expect(checkToken(undefined, GRAPH_AUDIENCES, 't1')).toEqual({ ok: false, reason: 'missing' });
    expect(checkToken('Bearer abc', GRAPH_AUDIENCES, 't1')).toEqual({ ok: false, reason: 'malformed' });
  });

  it('leave roles and wids out when nothing is granted, as Entra does', () => {
    const { claims } = issueToken({ ...base, roles: [], directoryRoles: [] });
    expect(claims).not.toHaveProperty('roles');
    expect(claims).not.toHaveProperty('wids');
  });
});
