// Trust over time and under contention, over real HTTP with Azurite: an admin removed from
// BOT_ADMINS (or from the admin group) stops receiving what they set up, and any admin can see and
// cancel it from any chat; concurrent first writes are all kept; damaged stored entries are skipped,
// never fatal and never run.
import { randomUUID } from 'node:crypto';
import { startStack, Stack, ADMIN_ID, PLAYGROUND_TENANT } from '../../support/stack';
import { cardText } from '../../support/connector';
import { startBot, type RunningBot } from '../../../src/app';
import { Logger } from '../../../src/log';
import { alertTenant, ALICE } from '../alerts/alert-tenant';

const FORMER = '0f0f0f0f-0000-4000-8000-00000000f0f0';
const GROUP = '9e9e9e9e-0000-4000-8000-000000000001';

let stack: Stack;
let now = new Date('2026-03-04T10:00:00Z');
const clock = () => now;
const bots: RunningBot[] = [];

beforeAll(async () => {
  const tenant = alertTenant();
  tenant.groups = [{ id: GROUP, displayName: 'Mailbox Watch admins', members: [ALICE] }];
  stack = await startStack({
    tenant,
    env: { ALERT_INTERVAL_MINUTES: '0' },
    clock,
    config: { admins: [ADMIN_ID, FORMER], adminGroupId: GROUP },
  });
});
afterAll(async () => {
  for (const b of bots) await b.stop().catch(() => undefined);
  await stack?.stop();
});

/** Another bot instance on the same storage (a restart with other settings), or on a fresh container. */
async function anotherBot(config: Partial<typeof stack.config>, logLines: string[] = []): Promise<RunningBot> {
  const bot = await startBot({
    config: { ...stack.config, ...config },
    log: new Logger('debug', { app: 'other' }, (l) => logLines.push(l)),
    tlsCa: stack.sim.info.caCertPem,
    bindHost: '127.0.0.1',
    clock,
  });
  bots.push(bot);
  return bot;
}

/** Posts `text` to `bot` as `from` in `conversationId`; resolves with the HTTP status. */
function post(bot: RunningBot, text: string, conversationId: string, from = ADMIN_ID): Promise<number> {
  return stack.say(text, { bot, conversationId, from, fromName: from === FORMER ? 'Former Admin' : 'Test Admin' });
}

/** Posts `text` to `bot` as `from` in `conversationId`; resolves with the text of the bot's first reply there. */
async function say(bot: RunningBot, text: string, conversationId: string, from = ADMIN_ID): Promise<string> {
  const since = stack.connector.activities.length;
  expect(await post(bot, text, conversationId, from)).toBe(200);
  const reply = await stack.connector.waitFor(() =>
    stack.connector.activities.slice(since).find((a) => a.kind === 'send' && a.conversationId === conversationId),
  );
  return cardText(reply.activity).replace(/\s+/g, ' ');
}

const scheduledPosts = (since: number, conversationId: string) =>
  stack.connector.activities
    .slice(since)
    .filter((a) => a.kind === 'send' && a.conversationId === conversationId && /^Schedule \d+ ·/m.test(cardText(a.activity)));

describe('a removed admin', () => {
  const formerChat = `a:${randomUUID()}`;
  const adminChat = `a:${randomUUID()}`;

  test('gets nothing once BOT_ADMINS no longer names them; any admin lists and cancels what they set up, from any chat', async () => {
    now = new Date('2026-03-04T10:00:00Z');
    expect(await say(stack.bot, 'schedule export licenses daily at 08:00 tz UTC', formerChat, FORMER)).toMatch(/Scheduled/);
    expect(await say(stack.bot, 'alerts on', formerChat, FORMER)).toMatch(/Alerts are on/);

    // The bot restarts without FORMER in BOT_ADMINS (a second instance on the same storage).
    const restarted = await anotherBot({ admins: [ADMIN_ID] });
    expect(await say(restarted, 'schedule list', formerChat, FORMER)).toMatch(/only for the Microsoft 365 administrators/);

    now = new Date('2026-03-05T08:05:00Z');
    const before = stack.connector.activities.length;
    const report = await restarted.services.alerts.runCycle();
    expect(report.ran).toBe(true);
    expect(stack.connector.activities.slice(before).filter((a) => a.conversationId === formerChat)).toEqual([]);
    const sub = await restarted.services.alerts.subscriptions.get(formerChat);
    expect(sub?.suspended?.reason).toMatch(/Former Admin turned these alerts on and is no longer an admin/);

    const listed = await say(restarted, 'schedule list all', adminChat);
    expect(listed).toMatch(/1 scheduled report in all conversations/);
    expect(listed).toMatch(
      /export licenses · daily at 08:00 \(UTC\) · personal chat · set up by Former Admin · \*\*suspended\*\*: Former Admin set this up and is no longer an admin/,
    );
    const id = /`([0-9a-f]{12})` · export licenses/.exec(listed)![1];

    // In the conversation itself the list says so too.
    expect(await say(restarted, 'schedule list', formerChat, ADMIN_ID)).toMatch(/Suspended since .*no longer an admin of this bot/);

    expect(await say(restarted, `schedule off ${id}`, adminChat)).toMatch(
      /Cancelled schedule .* set up by Former Admin\)\. It will not run again/,
    );
    expect(await restarted.services.schedules.store.all()).toEqual([]);

    const alertsListed = await say(restarted, 'alerts list all', adminChat);
    expect(alertsListed).toMatch(/Alerts are on in 1 conversation/);
    const alertsId = /`([0-9a-f]{12})` · personal chat · on since .* by Former Admin .*\*\*suspended\*\*/.exec(alertsListed)![1];
    expect(await say(restarted, `alerts off ${alertsId}`, adminChat)).toMatch(/Alerts are off in that personal chat/);
    expect(await restarted.services.alerts.subscriptions.get(formerChat)).toBeUndefined();
  });

  test('a member removed from BOT_ADMIN_GROUP_ID loses delivery at the next cycle, and gets it back when they are a member again', async () => {
    const aliceChat = `a:${randomUUID()}`;
    now = new Date('2026-03-06T10:00:00Z');
    expect(await say(stack.bot, 'schedule shared daily at 08:00 tz UTC', aliceChat, ALICE)).toMatch(/Scheduled/);

    now = new Date('2026-03-07T08:05:00Z');
    let since = stack.connector.activities.length;
    await stack.bot.services.alerts.runCycle();
    expect(scheduledPosts(since, aliceChat)).toHaveLength(1);

    // The directory no longer knows her as a member (checkMemberGroups answers 404 for her now),
    // while the chat's own membership cache still says she is one.
    const faults = (rules: object[]) =>
      fetch(`${stack.sim.controlUrl}/_sim/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rules }),
      });
    await faults([{ api: 'graph', path: 'checkMemberGroups', status: 404 }]);
    now = new Date('2026-03-08T08:05:00Z');
    since = stack.connector.activities.length;
    await stack.bot.services.alerts.runCycle();
    expect(scheduledPosts(since, aliceChat)).toHaveLength(0);
    const [suspended] = await stack.bot.services.schedules.store.inConversation(aliceChat);
    expect(suspended.suspended?.kind).toBe('owner');

    await faults([]);
    now = new Date('2026-03-09T08:05:00Z');
    since = stack.connector.activities.length;
    await stack.bot.services.alerts.runCycle();
    expect(scheduledPosts(since, aliceChat)).toHaveLength(1);
    await stack.bot.services.schedules.store.remove(aliceChat, () => true);
  });
});

describe('concurrent first writes', () => {
  let fresh: RunningBot;
  beforeAll(async () => {
    fresh = await anotherBot({ storage: { ...stack.config.storage, container: `fresh${randomUUID().replace(/-/g, '').slice(0, 12)}` } });
    now = new Date('2026-03-04T10:00:00Z');
  });

  test('a forged Cancel on an absent blob writes nothing', async () => {
    const chat = `a:${randomUUID()}`;
    const res = await fetch(`${fresh.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: randomUUID(),
        channelId: 'msteams',
        serviceUrl: stack.connector.url,
        from: { id: 'u', name: 'Test Admin', aadObjectId: ADMIN_ID },
        recipient: { id: 'bot-id' },
        conversation: { id: chat, conversationType: 'personal', tenantId: PLAYGROUND_TENANT },
        value: { action: { type: 'Action.Execute', verb: 'schedule.cancel', data: { schedule: 'ab'.repeat(16) } } },
      }),
    });
    expect(res.status).toBe(200);
    expect(await fresh.services.state.read('schedules/all')).toBeUndefined();
  });

  test('ten schedules in ten chats at once, on a blob that does not exist yet: all ten are kept', async () => {
    const chats = Array.from({ length: 10 }, () => `a:${randomUUID()}`);
    const replies = await Promise.all(chats.map((c) => say(fresh, 'schedule shared daily at 08:00', c)));
    for (const r of replies) expect(r).toMatch(/Scheduled/);
    const stored = await fresh.services.schedules.store.all();
    expect(new Set(stored.map((s) => s.conversationId))).toEqual(new Set(chats));
  });

  test('alerts on in five chats at once, on a blob that does not exist yet: all five are kept', async () => {
    const chats = Array.from({ length: 5 }, () => `a:${randomUUID()}`);
    const replies = await Promise.all(chats.map((c) => say(fresh, 'alerts on', c)));
    for (const r of replies) expect(r).toMatch(/Alerts are on/);
    const stored = await fresh.services.alerts.subscriptions.all();
    expect(new Set(stored.map((s) => s.conversationId))).toEqual(new Set(chats));
  });

  test('25 schedules in one chat at once: 20 are kept, numbered 1 to 20, and 5 are refused by the limit; none fails', async () => {
    const chat = `a:${randomUUID()}`;
    const since = stack.connector.activities.length;
    const statuses = await Promise.all(Array.from({ length: 25 }, () => post(fresh, 'schedule licenses weekly monday at 09:00', chat)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const sent = () => stack.connector.activities.slice(since).filter((a) => a.kind === 'send' && a.conversationId === chat);
    await stack.connector.waitFor(() => sent().length >= 25);
    const replies = sent().map((a) => cardText(a.activity).replace(/\s+/g, ' '));
    expect(replies).toHaveLength(25);
    expect(replies.filter((r) => /went wrong/.test(r))).toEqual([]);
    expect(replies.filter((r) => /Scheduled/.test(r))).toHaveLength(20);
    expect(replies.filter((r) => /No room for another schedule/.test(r))).toHaveLength(5);
    const here = await fresh.services.schedules.store.inConversation(chat);
    expect(here.map((s) => s.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('damaged stored state', () => {
  let bot: RunningBot;
  const logLines: string[] = [];
  const chat = `a:${randomUUID()}`;
  const other = `a:${randomUUID()}`;

  beforeAll(async () => {
    bot = await anotherBot(
      { storage: { ...stack.config.storage, container: `damaged${randomUUID().replace(/-/g, '').slice(0, 12)}` } },
      logLines,
    );
    now = new Date('2026-03-04T10:00:00Z');
  });

  test('null, by: null and non-report entries in schedules/all are skipped and logged, never fatal and never run', async () => {
    expect(await say(bot, 'schedule shared daily at 08:00 tz UTC', chat)).toMatch(/Scheduled/);
    const { state } = bot.services;
    const stored = (await state.read<Record<string, any>>('schedules/all'))!;
    const [good] = Object.values(stored.value);
    const injected = (report: string) => {
      const id = randomUUID().replace(/-/g, '');
      return [id, { ...good, id, n: good.n + 1 + report.length, report }];
    };
    const byNull = randomUUID().replace(/-/g, '');
    await state.write(
      'schedules/all',
      {
        ...stored.value,
        nothing: null,
        [byNull]: { ...good, id: byNull, n: 40, by: null },
        ...Object.fromEntries(['schedule off all', 'alerts on', 'doctor'].map(injected)),
      },
      stored.eTag,
    );

    expect(await say(bot, 'schedule list', chat)).toMatch(/Scheduled reports in this chat: 1 1\. shared · daily at 08:00/);
    expect(await say(bot, 'schedule shared weekly monday', other)).toMatch(/Scheduled/);
    expect(await say(bot, 'schedule off 1', other)).toMatch(/Cancelled schedule 1/);

    now = new Date('2026-03-05T08:05:00Z');
    const since = stack.connector.activities.length;
    await bot.services.alerts.runCycle();
    const posted = stack.connector.activities.slice(since).filter((a) => a.conversationId === chat);
    expect(posted).toHaveLength(1);
    expect(cardText(posted[0].activity)).toMatch(/^Schedule 1 · daily at 08:00/m);
    expect(await bot.services.schedules.store.all()).toHaveLength(1);
    expect(await bot.services.alerts.subscriptions.all()).toEqual([]);
    // Damaged entries stay stored, as they were, for someone to look at.
    const after = (await state.read<Record<string, unknown>>('schedules/all'))!.value;
    expect(after.nothing).toBeNull();
    expect(logLines.filter((l) => l.includes('stored schedule skipped'))).toHaveLength(5);
  });

  test('a null in alerts/subscriptions does not stop the alert cycle, alerts status or alerts check', async () => {
    expect(await say(bot, 'alerts on', chat)).toMatch(/Alerts are on/);
    const { state } = bot.services;
    const stored = (await state.read<Record<string, unknown>>('alerts/subscriptions'))!;
    await state.write('alerts/subscriptions', { ...stored.value, broken: null, [other]: { conversationId: other, by: null } }, stored.eTag);

    expect(await say(bot, 'alerts status', chat)).toMatch(/Alerts are on in this chat/);
    const report = await bot.services.alerts.runCycle();
    expect(report).toMatchObject({ ran: true, conversations: 1, failed: 0 });
    expect(await say(bot, 'alerts check', chat)).toMatch(/Checking the tenant now/);
    await stack.connector.waitFor(() =>
      stack.connector.activities.find((a) => a.conversationId === chat && /Checked: nothing new/.test(cardText(a.activity))),
    );
    expect(logLines.filter((l) => l.includes('stored alert subscription skipped'))).toHaveLength(2);
  });
});
