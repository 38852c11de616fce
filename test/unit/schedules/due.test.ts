// Which runs are due, the claim written before sending, and what settling does after.
import { claimRuns, dueRun, mayBeDue, settleRun, STALE_CLAIM_MS, type RunLedger } from '../../../src/schedules/due';
import { isFailureMessage } from '../../../src/commands/report-run';
import { parseReport, parseSchedule, type Schedule } from '../../../src/schedules/schedule';
import { errorMessage, progressMessage } from '../../../src/messages/replies';
import { noticeCard } from '../../../src/cards/notice-card';

const schedule = (fields: Partial<Schedule> = {}): Schedule => ({
  id: 'a'.repeat(32),
  n: 1,
  conversationId: 'c1',
  conversationType: 'personal',
  report: 'shared',
  rule: { frequency: 'daily', hour: 8, minute: 0 },
  timeZone: 'Europe/Berlin',
  createdAt: '2026-03-01T10:00:00.000Z',
  by: { aadObjectId: 'x', name: 'Megan' },
  ...fields,
});

test('not due before its first time after creation; due once its time has come', () => {
  const s = schedule();
  expect(dueRun(s, undefined, new Date('2026-03-02T06:59:00Z'))).toBeNull();
  const due = dueRun(s, undefined, new Date('2026-03-02T07:01:00Z'))!;
  expect(due).toMatchObject({ slot: '2026-03-02T07:00:00.000Z', missed: 1, late: false });
  expect(mayBeDue(s, new Date('2026-03-02T07:01:00Z'), new Date('2026-03-02T07:00:30Z'))).toBe(false);
  expect(mayBeDue(s, new Date('2026-03-02T07:01:00Z'), new Date('2026-03-02T06:59:30Z'))).toBe(true);
});

test('a claim is settled once: delivered marks the slot done; failed gives it back and counts', () => {
  const s = schedule();
  const now = new Date('2026-03-02T07:01:00Z');
  const due = dueRun(s, undefined, now)!;
  const claimed = claimRuns({}, [due], now, 'cycle-1');
  expect(dueRun(s, claimed[s.id], now)).toBeNull(); // someone is on it
  expect(dueRun(s, claimed[s.id], new Date(now.getTime() + STALE_CLAIM_MS + 1000))).not.toBeNull(); // it died
  expect(settleRun(claimed, due, 'cycle-2', { kind: 'sent' }, now)).toBe(claimed); // not ours
  const failed = settleRun(claimed, due, 'cycle-1', { kind: 'failed', text: 'tenant said no' }, now);
  expect(failed[s.id]).toMatchObject({ failures: 1, last: { ok: false, text: 'tenant said no' } });
  expect(dueRun(s, failed[s.id], now)).not.toBeNull(); // retried next cycle
  const sent = settleRun(claimRuns(failed, [due], now, 'cycle-3'), due, 'cycle-3', { kind: 'sent' }, now);
  expect(sent[s.id]).toMatchObject({ done: due.slot, failures: 0, last: { ok: true } });
  expect(dueRun(s, sent[s.id], new Date('2026-03-02T20:00:00Z'))).toBeNull();
});

test('slots missed while down are one late run', () => {
  const s = schedule();
  const runs: RunLedger = { [s.id]: { done: '2026-03-02T07:00:00.000Z' } };
  const due = dueRun(s, runs[s.id], new Date('2026-03-06T12:00:00Z'))!;
  expect(due).toMatchObject({ slot: '2026-03-06T07:00:00.000Z', missed: 4, late: true });
  expect(dueRun(s, runs[s.id], new Date('2026-03-03T07:45:00Z'))).toMatchObject({ missed: 1, late: true });
  expect(
    dueRun(schedule({ suspended: { at: '2026-03-03T00:00:00Z', reason: '403' } }), undefined, new Date('2026-03-06T12:00:00Z')),
  ).toBeNull();
});

test('schedule words: report then when; refusals name the problem', () => {
  expect(parseSchedule('shared weekly monday at 08:00')).toMatchObject({
    ok: true,
    report: 'shared',
    rule: { frequency: 'weekly', weekday: 1 },
  });
  expect(parseSchedule('mailboxes shared sort size top 20 daily')).toMatchObject({ ok: true, report: 'mailboxes shared sort size top 20' });
  expect(parseSchedule('export licences monthly on 1')).toMatchObject({ ok: true, report: 'export licenses' });
  expect(parseSchedule('mailboxes filter daily weekly')).toMatchObject({
    ok: true,
    report: 'mailboxes filter daily',
    rule: { frequency: 'weekly' },
  });
  expect(parseSchedule('doctor daily')).toMatchObject({ ok: false, message: expect.stringMatching(/not a report I can schedule/) });
  expect(parseSchedule('shared')).toMatchObject({ ok: false, message: expect.stringMatching(/Say when/) });
  expect(parseSchedule('daily')).toMatchObject({ ok: false, message: expect.stringMatching(/Name the report/) });
  expect(parseReport(['licenses', 'someone@contoso.com'])).toMatchObject({ ok: false });
  expect(parseSchedule('mailboxes sort nonsense daily')).toMatchObject({ ok: false });
});

test('a failed report is told from a report by the stock failure card', () => {
  expect(isFailureMessage(errorMessage("I couldn't read the mailboxes", 'Exchange refused'))).toBe(true);
  expect(isFailureMessage({ card: noticeCard({ tone: 'good', title: 'CSV', message: 'ready' }) })).toBe(false);
  expect(isFailureMessage(progressMessage('Reading…', 0, null))).toBe(false);
});
