// The grant command's arguments, the token reader, and the fixes doctor prints, checked against
// what the deployment itself does (infra/main.bicep), so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGrantArguments, GrantError } from '../../../scripts/grant';
import { directoryRoleCommand, grantCommand, withPrincipal } from '../../../src/doctor/fixes';
import { grantedGraphRoles, graphPermissionsToCheck } from '../../../src/doctor/required-permissions';
import { readTokenClaims } from '../../../src/doctor/token-claims';

const bicep = readFileSync(join(__dirname, '../../../infra/main.bicep'), 'utf8');
const ID = '6596c16e-f8d1-4dbf-93b3-b0fb4e5c1d64';

describe('grant arguments', () => {
  it('reads the identity, flags and endpoint in either form', () => {
    expect(parseGrantArguments(['--identity', ID, '--remediation', '--dry-run'])).toEqual({
      identity: ID,
      remediation: true,
      dryRun: true,
      graphEndpoint: 'https://graph.microsoft.com',
      help: false,
    });
    expect(parseGrantArguments([`--identity=${ID}`, '--graph-endpoint=https://graph.microsoft.us']).graphEndpoint).toBe(
      'https://graph.microsoft.us',
    );
  });

  it('an unset shell variable after --identity leaves an empty id, which grant then refuses', () => {
    expect(parseGrantArguments(['--identity', '--remediation'])).toMatchObject({ identity: '', remediation: true });
    expect(parseGrantArguments(['--identity']).identity).toBe('');
    expect(parseGrantArguments(['--identity=']).identity).toBe('');
  });

  it('refuses a missing --identity and unknown arguments with the usage', () => {
    expect(() => parseGrantArguments([])).toThrow(/--identity is required\. Usage: npm run grant -- --identity/);
    expect(() => parseGrantArguments(['--identity', ID, '--force'])).toThrow(GrantError);
    expect(() => parseGrantArguments([ID])).toThrow(`Unknown argument "${ID}"`);
  });
});

describe('what is granted and checked', () => {
  it('grants the same Graph roles as the Bicep deployment, with and without remediation', () => {
    const base = [...bicep.matchAll(/^\s+'([A-Za-z.]+)' \/\/ /gm)].map((m) => m[1]);
    expect(base).toHaveLength(5);
    expect([...grantedGraphRoles(false)].sort()).toEqual([...base].sort());
    expect(grantedGraphRoles(true)).toEqual([...grantedGraphRoles(false), 'LicenseAssignment.ReadWrite.All']);
  });

  it('needs the group and licence permissions only when those features are on', () => {
    const needed = (s: { adminGroupId?: string; remediation: boolean }) =>
      graphPermissionsToCheck(s)
        .filter((p) => p.needed)
        .map((p) => p.role);
    expect(needed({ remediation: false })).toEqual([
      'User.Read.All',
      'Organization.Read.All',
      'Reports.Read.All',
      'ReportSettings.Read.All',
    ]);
    expect(needed({ remediation: true, adminGroupId: ID })).toHaveLength(6);
  });

  it('the Entra role command is the deployment output EXCHANGE_ROLE_COMMAND with the id filled in', () => {
    const output = /output EXCHANGE_ROLE_COMMAND string = '(.*)'\s*$/m.exec(bicep)![1];
    const roleId = /var exchangeRoleTemplateId = '([^']+)'/.exec(bicep)![1];
    const expected = output
      .replace(/\\'/g, "'")
      .replace('${identity.outputs.principalId}', ID)
      .replace('${exchangeRoleTemplateId}', roleId);
    expect(directoryRoleCommand(ID)).toBe(expected);
  });

  it('the grant command names the identity, and the placeholder is filled in later advice', () => {
    expect(grantCommand(ID, true)).toBe(`npm run grant -- --identity ${ID} --remediation`);
    expect(grantCommand(undefined, false)).toBe('npm run grant -- --identity <principal id>');
    expect(withPrincipal('Grant it: `npm run grant -- --identity <principal id>`.', ID)).toBe(
      `Grant it: \`npm run grant -- --identity ${ID}\`.`,
    );
  });
});

describe('token claims', () => {
  const jwt = (payload: object) =>
    ['{"alg":"RS256"}', JSON.stringify(payload), 'sig'].map((p, i) => (i < 2 ? Buffer.from(p).toString('base64url') : p)).join('.');

  it('reads roles, wids and the object id from the payload', () => {
    expect(
      readTokenClaims(jwt({ oid: ID, appid: 'a', roles: ['Exchange.ManageAsApp'], wids: ['31392ffb-586c-42d1-9346-e59415a2cc4e'] })),
    ).toMatchObject({
      oid: ID,
      appid: 'a',
      roles: ['Exchange.ManageAsApp'],
      wids: ['31392ffb-586c-42d1-9346-e59415a2cc4e'],
    });
  });

  it('no roles claim (Entra leaves it out when nothing is granted) reads as none', () => {
    expect(readTokenClaims(jwt({ oid: ID }))).toMatchObject({ roles: [], wids: [] });
  });

  it('something that is not a JWT reads as nothing', () => {
    expect(readTokenClaims('opaque-token')).toBeNull();
    expect(readTokenClaims('a.b.c')).toBeNull();
  });
});
