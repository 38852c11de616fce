import { normaliseSchedule } from '../../../src/schedules/schedule';
import { jsonDepth } from '../../../src/teams/http-body';
import { scrubText } from '../../../src/telemetry/scrub-spans';

const good = {
  id: 'ab'.repeat(16),
  n: 1,
  conversationId: 'a:1',
  conversationType: 'personal',
  report: 'export mailboxes shared sort size',
  rule: { frequency: 'daily', hour: 8, minute: 0 },
  timeZone: 'Europe/Berlin',
  createdAt: '2026-03-04T10:00:00Z',
  by: { aadObjectId: 'ABC', name: 'Megan' },
};

test('a stored schedule with its types is read back, its report as the chat parser words it', () => {
  expect(normaliseSchedule(good)).toMatchObject({ report: 'export mailboxes shared sort size', by: { aadObjectId: 'abc', name: 'Megan' } });
});

test.each([
  ['null', null],
  ['a list', [good]],
  ['by: null', { ...good, by: null }],
  ['by without an id', { ...good, by: { name: 'x' } }],
  ['a command that is not a report', { ...good, report: 'schedule off all' }],
  ['alerts on', { ...good, report: 'alerts on' }],
  ['doctor', { ...good, report: 'doctor' }],
  ['a report with bad options', { ...good, report: 'mailboxes sort nonsense' }],
  ['n: 0', { ...good, n: 0 }],
  ['an unknown zone', { ...good, timeZone: 'Mars/Olympus' }],
  ['a date that is not one', { ...good, createdAt: 'yesterday' }],
  ['a suspension without a reason', { ...good, suspended: { at: '2026-03-04T10:00:00Z' } }],
])('%s is damaged: null, never run', (_name, raw) => {
  expect(normaliseSchedule(raw)).toBeNull();
});

test('nesting is counted without recursion, strings skipped', () => {
  expect(jsonDepth('{"a":[1,{"b":"{[{["}]}')).toBe(3);
  expect(jsonDepth('"\\"{"')).toBe(0);
  expect(jsonDepth('['.repeat(100_000))).toBe(100_000);
});

test('UPNs and mail addresses are masked for telemetry, plain and URL-encoded; the domain stays', () => {
  expect(scrubText('/v1.0/users/megan.bowen%40contoso.onmicrosoft.com/licenseDetails')).toBe(
    '/v1.0/users/***@contoso.onmicrosoft.com/licenseDetails',
  );
  expect(scrubText("userPrincipalName eq 'alex@contoso.com'")).toBe("userPrincipalName eq '***@contoso.com'");
  expect(scrubText('GET /users/x%2540contoso.com')).toBe('GET /users/***@contoso.com');
  expect(scrubText('no address here')).toBe('no address here');
});
