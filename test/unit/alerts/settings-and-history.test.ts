// `alerts on …` words, and the daily size history behind "full in about N days".
import { DEFAULT_ALERT_SETTINGS, parseAlertSettings } from '../../../src/reports/alerts/settings';
import { daysToFull, recordSizes } from '../../../src/reports/alerts/history';
import { GB, sharedMailbox } from '../licensing/licensing-fixtures';

test('alerts on: defaults; numbers tune a default kind; naming a kind alone chooses it', () => {
  expect(parseAlertSettings('')).toEqual({ ok: true, settings: DEFAULT_ALERT_SETTINGS });
  const tuned = parseAlertSettings('quota 95 pools 3');
  expect(tuned.ok && tuned.settings).toEqual({ ...DEFAULT_ALERT_SETTINGS, quotaPercent: 95, poolFreeBelow: 3 });
  const only = parseAlertSettings('quota');
  expect(only.ok && only.settings.kinds).toEqual(['quota']);
  const inactive = parseAlertSettings('licence inactive 120');
  expect(inactive.ok && [inactive.settings.kinds, inactive.settings.inactiveDays]).toEqual([['shared-licence', 'inactive'], 120]);
});

test('alerts on: a wrong word or number says what is allowed', () => {
  expect(parseAlertSettings('quota 150')).toEqual({ ok: false, message: expect.stringMatching(/1 to 100/) });
  expect(parseAlertSettings('mailboxes')).toEqual({
    ok: false,
    message: expect.stringMatching(/Kinds: licence, quota, full, pools, inactive/),
  });
});

test('history keeps one point a day, only past 70% of quota, for 30 days', () => {
  const m = (size: number) => sharedMailbox({ userId: 'u1', sizeBytes: size });
  let h = recordSizes({}, [m(30 * GB)], new Date('2025-06-01T10:00:00Z'));
  expect(h).toEqual({});
  h = recordSizes(h, [m(40 * GB)], new Date('2025-06-01T10:00:00Z'));
  h = recordSizes(h, [m(41 * GB)], new Date('2025-06-01T18:00:00Z'));
  expect(h.u1).toEqual([{ d: '2025-06-01', b: 41 * GB }]);
  h = recordSizes(h, [m(42 * GB)], new Date('2025-07-05T10:00:00Z'));
  expect(h.u1).toEqual([{ d: '2025-07-05', b: 42 * GB }]);
});

test('days to full: none under three days or when not growing; otherwise the linear pace', () => {
  const pts = (...sizes: number[]) => sizes.map((b, i) => ({ d: `2025-06-0${i + 1}`, b: b * GB }));
  expect(daysToFull(pts(40, 41), 50 * GB)).toBeNull();
  expect(daysToFull(pts(42, 41, 40), 50 * GB)).toBeNull();
  expect(daysToFull(pts(40, 41, 42), 50 * GB)).toBe(8);
  expect(daysToFull(pts(40, 41, 42), null)).toBeNull();
});
