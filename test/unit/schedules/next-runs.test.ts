// Next runs in a conversation's time zone, across daylight-saving changes, and the `when` words.
import { latestRun, nextRun, nextRuns, runsBetween, runText } from '../../../src/schedules/next-runs';
import { describeRule, parseTime, parseWhen, type Rule } from '../../../src/schedules/when';

const iso = (d: Date) => d.toISOString();
const daily = (hour: number, minute = 0): Rule => ({ frequency: 'daily', hour, minute });

describe('next runs', () => {
  test('daily 08:00 in Berlin keeps 08:00 local across the spring change (UTC moves by an hour)', () => {
    const runs = nextRuns(daily(8), 'Europe/Berlin', new Date('2026-03-27T12:00:00Z'), 3);
    expect(runs.map(iso)).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z']);
    expect(runs.map((r) => runText(r, 'Europe/Berlin'))).toEqual([
      'Sat 28 Mar 2026, 08:00',
      'Sun 29 Mar 2026, 08:00',
      'Mon 30 Mar 2026, 08:00',
    ]);
  });

  test('a time skipped in spring runs at the moment after the gap; a repeated time in autumn runs once', () => {
    const spring = nextRuns(daily(2, 30), 'Europe/Berlin', new Date('2026-03-28T12:00:00Z'), 2);
    expect(spring.map(iso)).toEqual(['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);
    const autumn = nextRuns(daily(2, 30), 'Europe/Berlin', new Date('2026-10-24T12:00:00Z'), 2);
    expect(autumn.map(iso)).toEqual(['2026-10-25T01:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  test('weekly Monday 08:00 in New York across the November change', () => {
    const runs = nextRuns({ frequency: 'weekly', weekday: 1, hour: 8, minute: 0 }, 'America/New_York', new Date('2026-10-26T13:00:00Z'), 3);
    expect(runs.map(iso)).toEqual(['2026-11-02T13:00:00.000Z', '2026-11-09T13:00:00.000Z', '2026-11-16T13:00:00.000Z']);
    expect(runText(new Date('2026-10-26T12:00:00Z'), 'America/New_York')).toBe('Mon 26 Oct 2026, 08:00');
  });

  test('monthly on day 31 runs on the last day of shorter months; weekdays skip the weekend', () => {
    const runs = nextRuns({ frequency: 'monthly', day: 31, hour: 8, minute: 0 }, 'UTC', new Date('2026-01-31T09:00:00Z'), 3);
    expect(runs.map(iso)).toEqual(['2026-02-28T08:00:00.000Z', '2026-03-31T08:00:00.000Z', '2026-04-30T08:00:00.000Z']);
    const weekdays = nextRuns({ frequency: 'weekdays', hour: 7, minute: 30 }, 'UTC', new Date('2026-12-04T08:00:00Z'), 2);
    expect(weekdays.map(iso)).toEqual(['2026-12-07T07:30:00.000Z', '2026-12-08T07:30:00.000Z']);
  });

  test('latest run and the runs missed in between', () => {
    expect(iso(latestRun(daily(8), 'UTC', new Date('2026-03-05T07:59:00Z'))!)).toBe('2026-03-04T08:00:00.000Z');
    expect(iso(latestRun(daily(8), 'UTC', new Date('2026-03-05T08:00:00Z'))!)).toBe('2026-03-05T08:00:00.000Z');
    expect(runsBetween(daily(8), 'UTC', new Date('2026-03-01T08:00:00Z'), new Date('2026-03-05T09:00:00Z'))).toBe(4);
    expect(iso(nextRun(daily(8), 'UTC', new Date('2026-03-05T08:00:00Z')))).toBe('2026-03-06T08:00:00.000Z');
  });
});

describe('when words', () => {
  test('defaults and options', () => {
    expect(parseWhen(['daily'])).toEqual({ ok: true, rule: daily(8), timeZone: undefined });
    expect(parseWhen(['weekly'])).toMatchObject({ ok: true, rule: { frequency: 'weekly', weekday: 1, hour: 8 } });
    expect(parseWhen(['weekly', 'friday', 'at', '17:45', 'tz', 'Europe/Berlin'])).toEqual({
      ok: true,
      rule: { frequency: 'weekly', weekday: 5, hour: 17, minute: 45 },
      timeZone: 'Europe/Berlin',
    });
    expect(parseWhen(['monthly', 'on', '15th', 'at', '7pm'])).toMatchObject({
      ok: true,
      rule: { frequency: 'monthly', day: 15, hour: 19, minute: 0 },
    });
    expect(parseWhen(['weekdays', 'at', '7:30'])).toMatchObject({ ok: true, rule: { frequency: 'weekdays', hour: 7, minute: 30 } });
    expect(describeRule({ frequency: 'weekly', weekday: 1, hour: 8, minute: 0 })).toBe('weekly on Monday at 08:00');
  });

  test('refusals say what is wrong', () => {
    expect(parseWhen(['hourly'])).toMatchObject({ ok: false, message: expect.stringMatching(/Say when/) });
    expect(parseWhen(['daily', 'at', '25:00'])).toMatchObject({ ok: false, message: expect.stringMatching(/"at" takes a time/) });
    expect(parseWhen(['daily', 'tz', 'Mars/Olympus'])).toMatchObject({ ok: false, message: expect.stringMatching(/not one/) });
    expect(parseWhen(['monthly', 'on', '32'])).toMatchObject({ ok: false });
    expect(parseWhen(['daily', 'monday'])).toMatchObject({ ok: false, message: expect.stringMatching(/does not fit "daily"/) });
    expect(parseTime('12am')).toEqual({ hour: 0, minute: 0 });
    expect(parseTime('13pm')).toBeNull();
  });
});
