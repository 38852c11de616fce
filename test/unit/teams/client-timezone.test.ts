import { callerOf } from '../../../src/teams/activity';

// Teams on Android: no localTimezone, the zone only in the clientInfo entity (botframework-sdk#6433).
const clientInfo = (timezone: unknown) => ({ type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Android', timezone });
const from = { id: '29:1', aadObjectId: 'A1', name: 'Adele' };

test("the sender's zone is localTimezone when Teams sends it", () => {
  expect(callerOf({ from, localTimezone: 'America/New_York', entities: [clientInfo('Europe/London')] } as never).timeZone).toBe(
    'America/New_York',
  );
});

test("without localTimezone, clientInfo's timezone is the sender's zone, not UTC", () => {
  expect(callerOf({ from, entities: [{ type: 'mention' }, clientInfo('Europe/London')] } as never).timeZone).toBe('Europe/London');
  expect(callerOf({ from, localTimezone: '', entities: [clientInfo('Asia/Kolkata')] } as never).timeZone).toBe('Asia/Kolkata');
});

test('a zone that is no zone is passed over; with none, the caller has no zone', () => {
  expect(callerOf({ from, localTimezone: 'Mars/Olympus_Mons', entities: [clientInfo('Europe/Paris')] } as never).timeZone).toBe(
    'Europe/Paris',
  );
  expect(callerOf({ from, entities: [clientInfo(42)] } as never).timeZone).toBeUndefined();
  expect(callerOf({ from, entities: [clientInfo('x'.repeat(65))] } as never).timeZone).toBeUndefined();
  expect(callerOf({ from } as never).timeZone).toBeUndefined();
  expect(callerOf({ from, entities: 'nonsense' } as never).timeZone).toBeUndefined();
});
