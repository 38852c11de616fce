import { channelTokenProblem, MAX_AUTH_HEADER_CHARS } from '../../../src/teams/channel-token';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const bearer = (claims: object, header: object = { alg: 'RS256', kid: 'k' }) => `Bearer ${b64(header)}.${b64(claims)}.c2ln`;
const rules = { enforce: true, tenantId: 'tenant-1' };
const channel = {
  iss: 'https://api.botframework.com',
  aud: 'app',
  serviceurl: 'https://smba.trafficmanager.net/emea/',
  exp: Math.floor(Date.now() / 1000) + 3600,
};

test('a channel-shaped token passes to botbuilder (which then verifies it)', () => {
  expect(channelTokenProblem(bearer(channel), { channelId: 'msteams' }, rules)).toBeUndefined();
});

test.each([
  ['Entra v1 issuer', bearer({ ...channel, iss: 'https://sts.windows.net/t/' })],
  ['Entra v2 issuer', bearer({ ...channel, iss: 'https://login.microsoftonline.com/t/v2.0' })],
  ['skill claims', bearer({ ...channel, ver: '1.0', appid: 'other' })],
  ['a foreign tid', bearer({ ...channel, tid: 'x'.repeat(10000) })],
  ['a tid that is an object', bearer({ ...channel, tid: { toString: 1 } })],
  ['alg none', bearer(channel, { alg: 'none' })],
  ['no serviceurl', bearer({ ...channel, serviceurl: undefined })],
  ['not base64 JSON', 'Bearer abc.def.ghi'],
  ['Basic', 'Basic YWRtaW46YWRtaW4='],
  ['too long', `Bearer ${'a'.repeat(MAX_AUTH_HEADER_CHARS)}`],
])('%s is refused', (_name, header) => {
  expect(channelTokenProblem(header, { channelId: 'msteams' }, rules)).toBeDefined();
});

test('the ASE channel path is refused whatever the token', () => {
  expect(channelTokenProblem(bearer(channel), { channelId: 'AseChannel' }, rules)).toMatch(/App Service Environment/);
});

test("the bot's own tenant as tid is tolerated; demo mode only caps the size", () => {
  expect(channelTokenProblem(bearer({ ...channel, tid: 'TENANT-1' }), {}, rules)).toBeUndefined();
  expect(channelTokenProblem('Bearer whatever', {}, { enforce: false })).toBeUndefined();
  expect(channelTokenProblem(`Bearer ${'a'.repeat(MAX_AUTH_HEADER_CHARS)}`, {}, { enforce: false })).toBeDefined();
});

test.each([
  ['no exp', { exp: undefined }],
  ['exp as a string', { exp: '9999999999' }],
  ['exp 1e300', { exp: 1e300 }],
  ['exp a year away', { exp: Math.floor(Date.now() / 1000) + 365 * 86400 }],
  ['nbf to exp longer than a day', { nbf: Math.floor(Date.now() / 1000) - 2 * 86400 }],
])('a token with %s is refused before botbuilder sees it', (_name, claims) => {
  expect(channelTokenProblem(bearer({ ...channel, ...claims }), {}, rules)).toMatch(/expiry|lifetime/);
});
