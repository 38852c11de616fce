// The ledger decides what a cycle sends: new alerts once, reminders daily until acknowledged,
// snoozes, one resolved notice, and nothing for what could not be judged.
import { giveBack, planAlerts, type Ledger } from '../../../src/reports/alerts/ledger-plan';
import type { Finding } from '../../../src/reports/alerts/findings';

const T0 = new Date('2025-06-10T12:00:00Z');
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const finding = (key = 'quota:a', title = 'A is at 95% of its mailbox quota'): Finding => ({
  key,
  kind: 'quota',
  title,
  why: 'why',
  severity: 'warning',
  upn: 'a@x',
});
const judged = (findings: Finding[], unknown: string[] = []) => ({
  findings,
  judgedKinds: ['quota', 'shared-licence'] as any,
  unknown: new Set(unknown),
});

test('a new finding is sent once; the same finding an hour later is not', () => {
  const first = planAlerts({}, judged([finding()]), T0);
  expect(first.alerts.map((a) => [a.key, a.reminder])).toEqual([['quota:a', false]]);
  expect(first.next['quota:a'].firstSeen).toBe(T0.toISOString());
  const second = planAlerts(first.next, judged([finding()]), later(1));
  expect(second.alerts).toEqual([]);
  expect(second.resolved).toEqual([]);
});

test('an open alert is reminded after a day, unless acknowledged', () => {
  const { next } = planAlerts({}, judged([finding()]), T0);
  expect(planAlerts(next, judged([finding()]), later(24)).alerts.map((a) => a.reminder)).toEqual([true]);
  const acked: Ledger = { 'quota:a': { ...next['quota:a'], acknowledged: { by: 'Ann', at: T0.toISOString() } } };
  expect(planAlerts(acked, judged([finding()]), later(24 * 30)).alerts).toEqual([]);
});

test('a finding marked once (a renewal) is never reminded while it stays open, but a failed send is retried', () => {
  const once: Finding = { ...finding('renewal:s1@2027-01-05'), kind: 'renewal', once: true };
  const { next } = planAlerts({}, judged([once]), T0);
  expect(next['renewal:s1@2027-01-05'].once).toBe(true);
  expect(planAlerts(next, judged([once]), later(24 * 20)).alerts).toEqual([]);
  const unsent: Ledger = { 'renewal:s1@2027-01-05': { ...next['renewal:s1@2027-01-05'], lastSent: null } };
  expect(planAlerts(unsent, judged([once]), later(1)).alerts).toHaveLength(1);
});

test('a snoozed alert comes back once the snooze ends, not before', () => {
  const { next } = planAlerts({}, judged([finding()]), T0);
  const snoozed: Ledger = { 'quota:a': { ...next['quota:a'], snoozedUntil: later(7 * 24).toISOString() } };
  expect(planAlerts(snoozed, judged([finding()]), later(6 * 24)).alerts).toEqual([]);
  const back = planAlerts(snoozed, judged([finding()]), later(7 * 24));
  expect(back.alerts.map((a) => a.reminder)).toEqual([true]);
  expect(planAlerts(back.next, judged([finding()]), later(7 * 24 + 1)).alerts).toEqual([]);
});

test('a cleared condition gets one resolved notice, acknowledged or not; it may come back as new', () => {
  const { next } = planAlerts({}, judged([finding()]), T0);
  const acked: Ledger = { 'quota:a': { ...next['quota:a'], acknowledged: { by: 'Ann', at: T0.toISOString() } } };
  const cleared = planAlerts(acked, judged([]), later(2));
  expect(cleared.resolved.map((r) => r.key)).toEqual(['quota:a']);
  expect(planAlerts(cleared.next, judged([]), later(3)).resolved).toEqual([]);
  const back = planAlerts(cleared.next, judged([finding()]), later(4));
  expect(back.alerts.map((a) => [a.reminder, a.entry.firstSeen])).toEqual([[false, later(4).toISOString()]]);
  expect(back.alerts[0].entry.acknowledged).toBeUndefined();
});

test('what could not be judged (statistics missing, kind not read) is not resolved', () => {
  const { next } = planAlerts({}, judged([finding()]), T0);
  expect(planAlerts(next, judged([], ['quota:a']), later(1)).resolved).toEqual([]);
  expect(planAlerts(next, { findings: [], judgedKinds: ['shared-licence'], unknown: new Set() }, later(1)).resolved).toEqual([]);
});

test('a claim given back after a failed send is sent by the next cycle; an Acknowledge in between stands', () => {
  const before: Ledger = {};
  const claimed = planAlerts(before, judged([finding(), finding('quota:b')]), T0).next;
  const returned = giveBack(claimed, before, claimed, ['quota:a']);
  expect(returned['quota:a'].lastSent).toBeNull();
  expect(planAlerts(returned, judged([finding(), finding('quota:b')]), later(0.1)).alerts.map((a) => [a.key, a.reminder])).toEqual([
    ['quota:a', false],
  ]);
  const clicked: Ledger = { ...claimed, 'quota:a': { ...claimed['quota:a'], acknowledged: { by: 'Ann', at: T0.toISOString() } } };
  expect(giveBack(clicked, before, claimed, ['quota:a'])['quota:a'].acknowledged?.by).toBe('Ann');
});

test('an alert that never reached the conversation clears silently', () => {
  const returned = giveBack(planAlerts({}, judged([finding()]), T0).next, {}, planAlerts({}, judged([finding()]), T0).next, ['quota:a']);
  const cleared = planAlerts(returned, judged([]), later(1));
  expect(cleared.resolved).toEqual([]);
  expect(cleared.next['quota:a']).toBeUndefined();
});

describe('a projected full date (the full-soon alert)', () => {
  const full = (date: string): Finding => ({ ...finding('full:a', 'A will be full'), kind: 'full', projectedFull: date });
  const judgedFull = (findings: Finding[]) => ({ findings, judgedKinds: ['full'] as any, unknown: new Set<string>() });

  test('is sent once, never reminded daily, and again only when the date moves notably closer', () => {
    const first = planAlerts({}, judgedFull([full('2025-07-10')]), T0);
    expect(first.alerts).toHaveLength(1);
    // The same date, a later date, or two days closer: nothing, however many days pass.
    expect(planAlerts(first.next, judgedFull([full('2025-07-10')]), later(24 * 5)).alerts).toEqual([]);
    expect(planAlerts(first.next, judgedFull([full('2025-07-20')]), later(24)).alerts).toEqual([]);
    const slightly = planAlerts(first.next, judgedFull([full('2025-07-08')]), later(24));
    expect(slightly.alerts).toEqual([]);
    // A week closer (30 days left: 20% is 6 days): sent again, even after an acknowledgement.
    const acked: Ledger = { 'full:a': { ...slightly.next['full:a'], acknowledged: { by: 'Ann', at: T0.toISOString() } } };
    const worse = planAlerts(acked, judgedFull([full('2025-07-01')]), later(48));
    expect(worse.alerts.map((a) => [a.key, a.reminder])).toEqual([['full:a', false]]);
    expect(worse.next['full:a'].acknowledged).toBeUndefined();
    // Measured from the date last sent: the same date again is not news.
    expect(planAlerts(worse.next, judgedFull([full('2025-07-01')]), later(72)).alerts).toEqual([]);
  });

  test('a re-raise whose send failed is given back and sent by the next cycle', () => {
    const first = planAlerts({}, judgedFull([full('2025-07-10')]), T0);
    const worse = planAlerts(first.next, judgedFull([full('2025-06-30')]), later(24));
    expect(worse.alerts).toHaveLength(1);
    const back = giveBack(worse.next, first.next, worse.next, ['full:a']);
    expect(planAlerts(back, judgedFull([full('2025-06-30')]), later(25)).alerts).toHaveLength(1);
  });
});
