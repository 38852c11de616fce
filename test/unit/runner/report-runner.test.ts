// The report runner needs only an outbox (no Teams turn): what a scheduled report will use.
import { ChatTurns } from '../../../src/runner/chat-turns';
import { silentLogger } from '../../../src/log';
import type { Message, MessageRef, Outbox } from '../../../src/model/conversation';
import { makeReport, runReport, type ReportContext, type ReportSpec } from '../../../src/runner/report-runner';
import { ServiceError } from '../../../src/m365/service-error';
import { findAll, visibleTexts } from '../licensing/card-checks';

function recordingOutbox() {
  const sent: Message[] = [];
  const updates: { ref: MessageRef; message: Message }[] = [];
  const outbox: Outbox = {
    send: async (message) => {
      sent.push(message);
      return { id: `m${sent.length}` };
    },
    update: async (ref, message) => void updates.push({ ref, message }),
  };
  return { outbox, sent, updates };
}

function context(save: () => Promise<{ id: string }>): ReportContext {
  return {
    services: { snapshots: { save }, chats: new ChatTurns() } as never,
    log: silentLogger,
    now: () => new Date('2025-06-01T09:00:00Z'),
    conversation: { id: 'c1' },
  };
}

const spec = (read: () => Promise<number>, extra: Partial<ReportSpec<number>> = {}): ReportSpec<number> => ({
  commandText: 'mailboxes',
  reading: 'Reading mailboxes…',
  failure: "I couldn't read the mailboxes",
  logName: 'test report',
  read,
  snapshot: (n) => ({ kind: 'mailboxes', complete: true, data: { n } }),
  result: (n, snapshotId) => ({ text: `${n} mailboxes, snapshot ${snapshotId ?? 'none'}` }),
  ...extra,
});

test('without a turn: sends its own progress message, then replaces it with the result', async () => {
  const { outbox, sent, updates } = recordingOutbox();
  await runReport(
    context(async () => ({ id: 'snap-1' })),
    outbox,
    spec(async () => 42),
  );
  expect(sent).toHaveLength(1);
  expect(visibleTexts(sent[0].card!)).toContain('Reading mailboxes…');
  expect(updates).toEqual([{ ref: { id: 'm1' }, message: { text: '42 mailboxes, snapshot snap-1' } }]);
});

test('a failed read becomes the failure in words, with Retry running the command again', async () => {
  const { outbox, updates } = recordingOutbox();
  const refused = new ServiceError({
    service: 'exchange',
    status: 403,
    code: 'Forbidden',
    serviceMessage: 'Access denied',
    method: 'POST',
    path: '/adminapi/beta/t/InvokeCommand',
  });
  await runReport(
    context(async () => ({ id: 's' })),
    outbox,
    spec(async () => Promise.reject(refused)),
    { id: 'progress' },
  );
  expect(updates).toHaveLength(1);
  expect(updates[0].ref).toEqual({ id: 'progress' });
  expect(updates[0].message.text).toMatch(/^I couldn't read the mailboxes: /);
  expect(findAll(updates[0].message.card, 'Action.Execute')).toEqual([
    expect.objectContaining({ title: 'Retry', verb: 'command.run', data: { text: 'mailboxes' } }),
  ]);
});

test('storage down: the report still shows (without its snapshot) unless the snapshot is the answer', async () => {
  const down = async () => Promise.reject(new Error('storage down'));
  const a = recordingOutbox();
  await runReport(
    context(down),
    a.outbox,
    spec(async () => 7),
    { id: 'p' },
  );
  expect(a.updates[0].message.text).toBe('7 mailboxes, snapshot none');
  const b = recordingOutbox();
  await runReport(
    context(down),
    b.outbox,
    spec(async () => 7, { snapshotRequired: true }),
    { id: 'p' },
  );
  expect(b.updates[0].message.text).toMatch(/^I couldn't read the mailboxes: /);
});

test('the outcome is data: made without any message, a failure says so in one line and its card offers Retry', async () => {
  const ok = await makeReport(
    context(async () => ({ id: 'snap-2' })),
    spec(async () => 3),
  );
  expect(ok).toEqual({ message: { text: '3 mailboxes, snapshot snap-2' } });
  const failed = await makeReport(
    context(async () => ({ id: 's' })),
    spec(async () => Promise.reject(new Error('boom'))),
  );
  expect(failed.failure).toBe("I couldn't read the mailboxes: Something went wrong on my side; it has been logged.");
  expect(findAll(failed.message.card, 'Action.Execute')).toEqual([
    expect.objectContaining({ title: 'Retry', data: { text: 'mailboxes' } }),
  ]);
});
