// Whatever a caller passes to the logger, credentials come out masked: tokens, the identity header,
// signed-link signatures, passwords and connection-string keys.
import { Logger, redact, registerSecret } from '../../../src/log';

const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';
const HEADER = '3f9c1d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a';

function logged(fields: Record<string, unknown>, msg = 'something happened'): string {
  const lines: string[] = [];
  new Logger('debug', {}, (l) => lines.push(l)).warn(msg, fields);
  return lines.join('\n');
}

beforeAll(() => registerSecret(HEADER));

test.each([
  ['a bearer token', { header: `Bearer ${JWT}` }],
  ['a bare JWT', { token: JWT }],
  ['a JWT inside an error message', { err: new Error(`request failed: Authorization=${JWT} was refused`) }],
  ['a JWT cut short', { word: JWT.slice(0, 60) }],
  ['the identity header', { headers: { 'x-identity-header': HEADER } }],
  ['the identity header inside text', { note: `called with ${HEADER} as secret` }],
  ['the start of the identity header', { word: HEADER.slice(0, 40) }],
  ['an export signature', { url: 'https://bot.example.com/api/exports/abc?exp=1700000000&sig=Zm9vYmFyYmF6cXV4' }],
  ['a SAS token', { url: 'https://acct.blob.core.windows.net/c/b?sv=2024&se=2030&sig=abc%2Bdef%3D' }],
  ['an access_token field in JSON', { body: '{"access_token":"opaque-token-value-1234","expires_in":3599}' }],
  [
    'a storage account key',
    { cs: 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0a2V5PT0=;EndpointSuffix=core.windows.net' },
  ],
  ['a client secret', { password: 'p@ss-w0rd-value', MicrosoftAppPassword: 'another-secret-value' }],
])('%s is masked', (_what, fields) => {
  const line = logged(fields);
  expect(() => JSON.parse(line)).not.toThrow();
  for (const secret of [
    JWT.split('.')[1],
    HEADER.slice(0, 12),
    'Zm9vYmFyYmF6cXV4',
    'abc%2Bdef',
    'opaque-token-value',
    'c2VjcmV0a2V5PT0',
    'p@ss-w0rd',
    'another-secret',
  ]) {
    expect(line).not.toContain(secret);
  }
  expect(line).toContain('redacted');
});

test('ordinary text is left alone', () => {
  const text = 'mailbox megan@contoso.onmicrosoft.com has 12,345 items; signature block ok; Bearer of news';
  expect(redact(text)).toBe(text.replace('Bearer of', 'Bearer [redacted]'));
  expect(redact('a 3f9c1d0e8b7 short piece')).toBe('a 3f9c1d0e8b7 short piece');
});

test('a record that cannot be serialised still gives one JSON line', () => {
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  const line = logged({ loop });
  expect(JSON.parse(line).note).toMatch(/could not be serialised/);
});
