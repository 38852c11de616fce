// Scheduled reports end to end over real HTTP with a controlled clock: the simulated tenant, Azurite,
// the bot, the local connector. Schedules are made by chat in their senders' time zones, cycles run
// through POST /api/alerts/run at chosen moments, and what reaches each conversation is counted —
// across daylight-saving changes in two zones, with two instances on one storage, a restart, a
// tenant that refuses, Teams answering 403, and forged Cancel buttons.
import { randomUUID } from 'node:crypto';
import { ADMIN_ID, PLAYGROUND_TENANT, type Stack } from '../../support/stack';
import { cardText, type PostedActivity } from '../../support/connector';
import { cycleStackForFile, RUNNER } from '../../support/cycle-stack';
import { startBot } from '../../../src/app';
import { Logger } from '../../../src/log';
import { alertTenant } from '../alerts/alert-tenant';

let stack: Stack;
let now = new Date('2026-03-04T10:00:00Z');
const clock = () => now;
const { token: runnerToken, runCycle, extraBots } = cycleStackForFile({ tenant: alertTenant(), clock }, (s) => (stack = s));

const at = (iso: string) => {
  now = new Date(iso);
};

/** A card's text as one line, the way it reads. */
const flat = (activity: any) => cardText(activity).replace(/\s+/g, ' ');
const isScheduled = (a: PostedActivity) => a.kind === 'send' && /^Schedule \d+ ·/m.test(cardText(a.activity));
const postedSince = (n: number, conversationId: string) =>
  stack.connector.activities.slice(n).filter((a) => isScheduled(a) && a.conversationId === conversationId);

/** Says `text` in a conversation; resolves with the text of the bot's first reply. */
async function say(
  text: string,
  conversationId: string,
  o: { conversationType?: string; localTimezone?: string; from?: string } = {},
): Promise<{ text: string; activity: any }> {
  const since = stack.connector.activities.length;
  expect(await stack.say(text, { conversationId, ...o })).toBe(200);
  const reply = await stack.connector.waitFor(() =>
    stack.connector.activities.slice(since).find((a) => a.kind === 'send' && a.conversationId === conversationId),
  );
  return { text: flat(reply.activity), activity: reply.activity };
}

const NEW_YORK = `a:${randomUUID()}`;
const BERLIN = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
const BERLIN_DAILY = `19:${randomUUID()}@thread.v2`;

describe('one timeline, a controlled clock', () => {
  test('next runs across a daylight-saving change in New York and in Berlin, with a Cancel button', async () => {
    const ny = await say('schedule shared weekly monday at 08:00', NEW_YORK, { localTimezone: 'America/New_York' });
    expect(ny.text).toMatch(/Scheduled · schedule 1/);
    expect(ny.text).toMatch(/weekly on Monday at 08:00/);
    expect(ny.text).toMatch(/Time zone: America\/New_York/);
    expect(ny.text).toMatch(/Next runs Mon 9 Mar 2026, 08:00 Mon 16 Mar 2026, 08:00 Mon 23 Mar 2026, 08:00/);
    const buttons = ny.activity.attachments[0].content.actions;
    expect(buttons.map((b: any) => b.title)).toEqual(['Cancel', 'All schedules']);
    expect(buttons[0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'schedule.cancel',
      data: { schedule: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });

    const berlin = await say('schedule export shared monthly on 29 at 08:00', BERLIN, {
      conversationType: 'channel',
      localTimezone: 'Europe/Berlin',
    });
    expect(berlin.text).toMatch(/monthly on day 29 \(or the month’s last day\) at 08:00/);
    expect(berlin.text).toMatch(/Sun 29 Mar 2026, 08:00 Wed 29 Apr 2026, 08:00 Fri 29 May 2026, 08:00/);
  });

  test('New York: the Monday run comes at 08:00 EDT (12:00 UTC), the day after clocks went forward', async () => {
    const start = stack.connector.activities.length;
    at('2026-03-09T11:59:00Z');
    expect((await runCycle()).schedules).toMatchObject({ sent: 0 });
    at('2026-03-09T12:01:00Z');
    const report = await runCycle();
    expect(report.schedules).toMatchObject({ due: 1, sent: 1, late: 0, reports: 1 });
    const posted = postedSince(start, NEW_YORK);
    expect(posted).toHaveLength(1);
    const text = flat(posted[0].activity);
    expect(text).toMatch(/Schedule 1 · weekly on Monday at 08:00 \(America\/New_York\) · set up by Test Admin/);
    expect(text).toMatch(/shared mailboxes? need a licence|Shared mailboxes/i);
    expect(text).not.toMatch(/Late/);
    await runCycle();
    expect(postedSince(start, NEW_YORK)).toHaveLength(1);
  });

  test('missed slots while the bot was away become one late run', async () => {
    const created = await say('schedule shared daily at 08:00 tz Europe/Berlin', BERLIN_DAILY, { conversationType: 'groupChat' });
    expect(created.text).toMatch(/Time zone: Europe\/Berlin/);
    at('2026-03-27T10:00:00Z');
    const list = await say('schedule list', BERLIN_DAILY, { conversationType: 'groupChat' });
    expect(list.text).toMatch(/due since Fri 27 Mar 2026, 08:00/);
    const start = stack.connector.activities.length;
    at('2026-03-28T07:01:00Z');
    const report = await runCycle();
    // Berlin daily: 19 slots since 9 March, one run; New York: the 16th and 23rd, one run.
    expect(report.schedules).toMatchObject({ sent: 2, late: 2 });
    const daily = postedSince(start, BERLIN_DAILY);
    const ny = postedSince(start, NEW_YORK);
    expect(daily).toHaveLength(1);
    expect(ny).toHaveLength(1);
    expect(flat(ny[0].activity)).toMatch(
      /Late: 2 runs were missed while I was not running \(the latest was due Mon 23 Mar 2026, 08:00\); this is one run for them/,
    );
    expect(daily[0].activity.summary).toMatch(/^Late scheduled report/);
    await runCycle();
    expect(stack.connector.activities.slice(start).filter(isScheduled)).toHaveLength(2);
  });

  test('Berlin: daily and monthly runs come at 08:00 CEST (06:00 UTC) on the day clocks go forward; an export brings a fresh signed link', async () => {
    const start = stack.connector.activities.length;
    at('2026-03-29T05:59:00Z');
    expect((await runCycle()).schedules).toMatchObject({ sent: 0 });
    at('2026-03-29T06:01:00Z');
    expect((await runCycle()).schedules).toMatchObject({ sent: 2, late: 0 });
    expect(postedSince(start, BERLIN_DAILY)).toHaveLength(1);
    const [exported] = postedSince(start, BERLIN);
    expect(flat(exported.activity)).toMatch(/CSV/);
    const link = exported.activity.attachments[0].content.actions.find((a: any) => a.type === 'Action.OpenUrl').url as string;
    // Signed for an hour from this run (the controlled clock); the real clock is months later, so the
    // download itself is tried by the browser test, and here only its signature is checked.
    const url = new URL(link);
    expect(url.pathname).toMatch(/^\/api\/exports\/[0-9a-f]{32}$/);
    expect(Number(url.searchParams.get('exp'))).toBe(Date.parse('2026-03-29T07:01:00Z') / 1000);
    url.searchParams.set('sig', 'forged');
    expect((await fetch(url)).status).toBeGreaterThanOrEqual(400);
    const list = await say('schedule list', BERLIN, { conversationType: 'channel' });
    expect(list.text).toMatch(/Next: Wed 29 Apr 2026, 08:00/);
    expect(list.text).toMatch(/Last: sent Sun 29 Mar 2026, 08:01/);
  });

  test('a failed run (the tenant refuses) is posted once, listed, and retried on the next cycle', async () => {
    await stack.setFaults([{ api: 'exchange', path: '.*', status: 403 }]);
    const start = stack.connector.activities.length;
    at('2026-03-30T06:01:00Z');
    try {
      const first = await runCycle();
      expect(first.schedules).toMatchObject({ due: 1, sent: 0, failed: 1 });
      const posted = postedSince(start, BERLIN_DAILY);
      expect(posted).toHaveLength(1);
      expect(flat(posted[0].activity)).toMatch(/I couldn't check the shared mailboxes/);
      await runCycle(); // still refused: listed, not posted again
      expect(postedSince(start, BERLIN_DAILY)).toHaveLength(1);
      const list = await say('schedule list', BERLIN_DAILY, { conversationType: 'groupChat' });
      expect(list.text).toMatch(/Last: failed: I couldn't check the shared mailboxes[\s\S]*2 attempts\); retried at the next check/);
    } finally {
      await stack.setFaults([]);
    }
    const retried = await runCycle();
    expect(retried.schedules).toMatchObject({ sent: 1 });
    expect(postedSince(start, BERLIN_DAILY)).toHaveLength(2);
  });

  test('a 403 from Teams suspends the conversation’s schedules; a schedule command there resumes them and the run is made', async () => {
    at('2026-03-31T06:01:00Z');
    stack.connector.failWith = 403;
    try {
      const report = await runCycle();
      expect(report.schedules.suspended).toBeGreaterThanOrEqual(1);
    } finally {
      stack.connector.failWith = null;
    }
    expect(stack.logLines.some((l) => /scheduled reports suspended for a conversation/.test(l) && /403/.test(l))).toBe(true);
    const start = stack.connector.activities.length;
    expect((await runCycle()).schedules).toMatchObject({ sent: 0 });
    expect(postedSince(start, BERLIN_DAILY)).toHaveLength(0);
    const resumed = await say('schedule list', BERLIN_DAILY, { conversationType: 'groupChat' });
    expect(resumed.text).toMatch(/were suspended \(Teams had refused my messages\); they run again from now/);
    expect((await runCycle()).schedules.sent).toBeGreaterThanOrEqual(1);
    expect(postedSince(start, BERLIN_DAILY)).toHaveLength(1);
  });

  test('forged or stale Cancel buttons are refused; the real one cancels', async () => {
    // New York is still suspended from the 403: this lifts it, so the next answer is the schedule's card.
    await say('schedule list', NEW_YORK);
    const created = await say('schedule licenses weekdays at 07:30', NEW_YORK, { localTimezone: 'America/New_York' });
    const cancel = created.activity.attachments[0].content.actions[0];
    const elsewhere = await stack.click(cancel.verb, cancel.data, { conversationId: BERLIN });
    expect(elsewhere.body.statusCode).toBe(404);
    expect((await stack.click('schedule.cancel', { schedule: '../../etc' }, { conversationId: NEW_YORK })).body.statusCode).toBe(400);
    expect((await stack.click('schedule.cancel', { schedule: 'f'.repeat(32) }, { conversationId: NEW_YORK })).body.statusCode).toBe(404);
    const stranger = await stack.click(cancel.verb, cancel.data, {
      conversationId: NEW_YORK,
      from: '0c0c0c0c-0000-4000-8000-00000000dead',
    });
    expect(stranger.body.statusCode).toBe(403);
    expect((await say('schedule list', NEW_YORK)).text).toMatch(/2\. licenses/);

    const done = await stack.click(cancel.verb, cancel.data, { conversationId: NEW_YORK, replyToId: 'x' });
    expect(done.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(done.body.value)).toMatch(/Cancelled by Test Admin/);
    expect(JSON.stringify(done.body.value)).not.toMatch(/schedule\.cancel/);
    const list = await say('schedule list', NEW_YORK);
    expect(list.text).not.toMatch(/2\. licenses/);
    expect(list.text).toMatch(/1\. shared/);
    expect((await stack.click(cancel.verb, cancel.data, { conversationId: NEW_YORK })).body.statusCode).toBe(404);
  });
});

describe('many instances and restarts', () => {
  const conversations = Array.from({ length: 4 }, () => `19:${randomUUID()}@thread.v2`);

  test('two bot instances on one storage account: each due schedule is posted exactly once', async () => {
    at('2026-04-01T09:00:00Z');
    for (const c of conversations)
      expect((await say('schedule shared daily at 10:00 tz UTC', c, { conversationType: 'groupChat' })).text).toMatch(/Scheduled/);
    const second = await startBot({
      config: stack.config,
      log: new Logger('error', {}, () => undefined),
      tlsCa: stack.sim.info.caCertPem,
      bindHost: '127.0.0.1',
      clock,
    });
    extraBots.push(second);
    const start = stack.connector.activities.length;
    at('2026-04-01T10:00:30Z');
    const reports = await Promise.all([runCycle(stack.bot), runCycle(second)]);
    // Between them they posted each run once (other conversations' schedules were due too).
    expect(reports.reduce((n, r) => n + (r.schedules?.sent ?? 0), 0)).toBe(
      stack.connector.activities.slice(start).filter(isScheduled).length,
    );
    for (const c of conversations) expect(postedSince(start, c)).toHaveLength(1);
    // The one that ran second (or skipped) finds nothing left to do.
    await Promise.all([runCycle(second), runCycle(stack.bot)]);
    for (const c of conversations) expect(postedSince(start, c)).toHaveLength(1);
  });

  test('a restart in the middle of a cycle neither repeats nor loses a run', async () => {
    const start = stack.connector.activities.length;
    at('2026-04-02T10:00:30Z');
    const before = extraBots.pop()!;
    stack.connector.delayMs = 400;
    try {
      const token = runnerToken(RUNNER);
      // Without ?wait: the cycle runs on after the answer; the instance is stopped while it sends.
      expect((await fetch(`${before.url}/api/alerts/run`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(
        202,
      );
      await stack.connector.waitFor(() => stack.connector.activities.slice(start).find(isScheduled));
      await before.stop();
    } finally {
      stack.connector.delayMs = 0;
    }
    const restarted = await startBot({
      config: stack.config,
      log: new Logger('error', {}, () => undefined),
      tlsCa: stack.sim.info.caCertPem,
      bindHost: '127.0.0.1',
      clock,
    });
    extraBots.push(restarted);
    await runCycle(restarted);
    for (const c of conversations) expect(postedSince(start, c)).toHaveLength(1);
  });

  test('a process that died between claim and send: the run is made once, after the claim has gone stale', async () => {
    const [victim] = conversations;
    const [schedule] = await stack.bot.services.schedules.store.inConversation(victim);
    at('2026-04-03T10:00:30Z');
    await stack.bot.services.schedules.runs.change(victim, (runs) => ({
      ...runs,
      [schedule.id]: {
        ...runs[schedule.id],
        claim: { slot: '2026-04-03T10:00:00.000Z', at: now.toISOString(), cycle: 'a-cycle-that-died' },
      },
    }));
    const start = stack.connector.activities.length;
    await runCycle();
    expect(postedSince(start, victim)).toHaveLength(0); // its claim may still be in flight
    for (const c of conversations.slice(1)) expect(postedSince(start, c)).toHaveLength(1);
    at('2026-04-03T10:06:30Z');
    await runCycle();
    await runCycle();
    expect(postedSince(start, victim)).toHaveLength(1);
    for (const c of conversations.slice(1)) expect(postedSince(start, c)).toHaveLength(1);
  });

  test('removing the bot from a conversation cancels its schedules', async () => {
    const leaving = `19:${randomUUID()}@thread.v2`;
    expect((await say('schedule shared daily', leaving, { conversationType: 'groupChat' })).text).toMatch(/Scheduled/);
    expect(await stack.bot.services.schedules.store.inConversation(leaving)).toHaveLength(1);
    const removed = await stack.post({
      type: 'installationUpdate',
      action: 'remove',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: stack.connector.url,
      from: { id: `user-${ADMIN_ID}`, aadObjectId: ADMIN_ID },
      recipient: { id: 'bot-id', name: 'Mailbox Watch' },
      conversation: { id: leaving, conversationType: 'groupChat', tenantId: PLAYGROUND_TENANT },
      channelData: { tenant: { id: PLAYGROUND_TENANT } },
    });
    expect(removed.status).toBeLessThan(300);
    expect(await stack.bot.services.schedules.store.inConversation(leaving)).toHaveLength(0);
  });

  test('limits: 20 schedules in a conversation, 1,000 for the bot; only admins', async () => {
    const busy = `19:${randomUUID()}@thread.v2`;
    for (let i = 0; i < 20; i++)
      await stack.bot.services.schedules.store.add({
        conversationId: busy,
        conversationType: 'groupChat',
        report: 'shared',
        rule: { frequency: 'monthly', day: 1, hour: 8, minute: 0 },
        timeZone: 'UTC',
        createdAt: now.toISOString(),
        by: { aadObjectId: ADMIN_ID, name: 'Test Admin' },
      });
    expect((await say('schedule shared daily', busy, { conversationType: 'groupChat' })).text).toMatch(
      /No room for another schedule[\s\S]*has 20 schedules/,
    );
    const all = (await stack.bot.services.state.read<Record<string, unknown>>('schedules/all'))!.value;
    const filler = Object.fromEntries(
      Array.from({ length: 1000 }, (_, i) => [
        `${i}`.padStart(32, '0'),
        {
          id: `${i}`.padStart(32, '0'),
          n: 1,
          conversationId: `filler-${i}`,
          conversationType: 'personal',
          report: 'shared',
          rule: { frequency: 'monthly', day: 1, hour: 8, minute: 0 },
          timeZone: 'UTC',
          createdAt: now.toISOString(),
          by: { aadObjectId: '', name: '' },
        },
      ]),
    );
    await stack.bot.services.state.write('schedules/all', { ...all, ...filler });
    expect((await say('schedule shared daily', `a:${randomUUID()}`)).text).toMatch(/No room for another schedule[\s\S]*1,000 schedules/);
    await stack.bot.services.state.write('schedules/all', all);
    expect((await say('schedule shared daily', NEW_YORK, { from: '0c0c0c0c-0000-4000-8000-00000000dead' })).text).not.toMatch(/Scheduled/);
  });
});
