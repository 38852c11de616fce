// The alert kinds are declared once (src/reports/alerts/kinds/): everything that names a kind —
// the words of `alerts on`, the key an Acknowledge button sends, the settings — comes from there.
import { ALERT_KIND_SPECS } from '../../../src/reports/alerts/kinds';
import { FINDING_KEY, findingKey } from '../../../src/reports/alerts/findings';
import { ALERTS_ON_USAGE, DEFAULT_ALERT_SETTINGS, normaliseSettings, parseAlertSettings } from '../../../src/reports/alerts/settings';

test('an Acknowledge key of every registered kind is accepted, and only of those', () => {
  for (const spec of ALERT_KIND_SPECS) expect(FINDING_KEY.test(findingKey(spec.kind, 'user-1@contoso.example'))).toBe(true);
  expect(FINDING_KEY.test('nothing:user-1')).toBe(false);
  expect(FINDING_KEY.test('quota')).toBe(false);
});

test('each kind is chosen by its own words, and its default threshold is one it accepts', () => {
  const words = ALERT_KIND_SPECS.flatMap((s) => s.words);
  expect(new Set(words).size).toBe(words.length);
  for (const spec of ALERT_KIND_SPECS) {
    const parsed = parseAlertSettings(spec.words[0]);
    expect(parsed.ok && parsed.settings.kinds).toEqual([spec.kind]);
    expect(spec.judgeMailbox ?? spec.judgeTenant).toBeDefined();
    if (spec.threshold) expect(spec.threshold.refuse(spec.threshold.default)).toBeNull();
  }
});

test('help, defaults and stored settings read the same through the registry', () => {
  expect(ALERTS_ON_USAGE).toBe(
    'alerts on [licence] [quota [PERCENT]] [full [DAYS]] [pools [N]] [inactive [DAYS]] [renewals [DAYS]] [archive [DAYS]] [growth] [recoverable [PERCENT]]',
  );
  // Renewal warnings and the archive and Recoverable Items kinds are asked for by name: the defaults stored conversations rely on do not change.
  expect(DEFAULT_ALERT_SETTINGS).toEqual({
    kinds: ['shared-licence', 'quota', 'licence-pool'],
    quotaPercent: 90,
    fullWithinDays: 30,
    poolFreeBelow: 5,
    inactiveDays: 90,
    renewalDaysBefore: 30,
    archiveCapDays: 30,
    recoverablePercent: 80,
  });
  expect(normaliseSettings({ kinds: ['inactive', 'bogus'], quotaPercent: 500, inactiveDays: 30 })).toEqual({
    ...DEFAULT_ALERT_SETTINGS,
    kinds: ['inactive'],
    inactiveDays: 30,
  });
});
