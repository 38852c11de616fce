// Proactive alerts end to end over real HTTP: the simulated tenant, Azurite, the bot, the local
// connector. Subscribe, break the tenant through /_sim, run cycles through POST /api/alerts/run, and
// count what reaches the conversation — with two bot instances on one storage and across a restart.
import { randomUUID } from 'node:crypto';
import type { Stack } from '../../support/stack';
import { cardText, type PostedActivity } from '../../support/connector';
import { cycleStackForFile, RUNNER } from '../../support/cycle-stack';
import { startBot } from '../../../src/app';
import { Logger } from '../../../src/log';
import { alertTenant, GB, sharedUpn } from './alert-tenant';

const STRANGER = '0b0b0b0b-0000-4000-8000-00000000beef';

let stack: Stack;
const { token, runCycle, extraBots } = cycleStackForFile({ tenant: alertTenant(), config: { remediation: true } }, (s) => (stack = s));

async function setSharedSize(i: number, bytes: number): Promise<void> {
  const res = await fetch(`${stack.sim.controlUrl}/_sim/users/${sharedUpn(i)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mailbox: { totalItemSizeBytes: bytes } }),
  });
  expect(res.ok).toBe(true);
}

const isAlert = (a: PostedActivity) => a.kind === 'send' && /ALERT|Resolved|alerts resolved/.test(cardText(a.activity));
const alertsSince = (n: number, conversationId?: string) =>
  stack.connector.activities.slice(n).filter((a) => isAlert(a) && (!conversationId || a.conversationId === conversationId));

async function say(text: string, conversationId?: string, conversationType?: string): Promise<string> {
  const since = stack.connector.activities.length;
  expect(await stack.say(text, { conversationId, conversationType })).toBe(200);
  const reply = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
  return cardText(reply.activity);
}

const CHANNEL = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;

test('POST /api/alerts/run refuses callers without a valid token (401) and callers not allowed (403)', async () => {
  const url = `${stack.bot.url}/api/alerts/run?wait=1`;
  expect((await fetch(url, { method: 'POST' })).status).toBe(401);
  expect((await fetch(url, { method: 'POST', headers: { authorization: 'Bearer not.a.token' } })).status).toBe(401);
  expect(
    (await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token(RUNNER, { aud: 'api://someone-else' })}` } })).status,
  ).toBe(401);
  expect(
    (
      await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token(RUNNER, { exp: Math.floor(Date.now() / 1000) - 3600 })}` },
      })
    ).status,
  ).toBe(401);
  const forged = token(RUNNER, {}, (await import('../../support/openid-server')).newSigningKey());
  expect((await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${forged}` } })).status).toBe(401);
  expect((await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token(STRANGER)}` } })).status).toBe(403);
});

test('subscribe; a shared mailbox over 50 GB → exactly one alert; again → none; fixed → one resolved notice', async () => {
  expect(await say('alerts on', CHANNEL, 'channel')).toMatch(/Alerts are on in this channel/);
  const start = stack.connector.activities.length;
  const quiet = await runCycle();
  expect(quiet.ran).toBe(true);
  expect(alertsSince(start)).toHaveLength(0);

  await setSharedSize(0, 60_000_000_000);
  await runCycle();
  const first = alertsSince(start, CHANNEL);
  expect(first).toHaveLength(1);
  const text = cardText(first[0].activity);
  expect(text).toMatch(/Shared mailbox Shared Desk 1 needs a licence/);
  expect(text).toMatch(/over 50 GB/);
  expect(text).toMatch(/First seen|Since/);
  for (const button of ['Acknowledge', 'Snooze 1 day', 'Snooze 7 days', 'Details', 'Assign licence']) expect(text).toContain(button);

  const again = stack.connector.activities.length;
  await runCycle();
  expect(alertsSince(again)).toHaveLength(0);

  await setSharedSize(0, 20 * GB);
  const fixedAt = stack.connector.activities.length;
  await runCycle();
  const resolved = alertsSince(fixedAt, CHANNEL);
  expect(resolved).toHaveLength(1);
  expect(cardText(resolved[0].activity)).toMatch(/Resolved[\s\S]*Shared Desk 1/);
  const after = stack.connector.activities.length;
  await runCycle();
  expect(alertsSince(after)).toHaveLength(0);
});

test('Acknowledge stops reminders; a click from another conversation or for an unknown alert is refused', async () => {
  await setSharedSize(1, 61 * GB);
  const start = stack.connector.activities.length;
  await runCycle();
  const [alert] = alertsSince(start, CHANNEL);
  const ack = alert.activity.attachments[0].content.actions.find((a: any) => a.title === 'Acknowledge');
  expect(ack.verb).toBe('alert.ack');

  const elsewhere = await stack.click(ack.verb, ack.data, { conversationId: `other-${randomUUID()}` });
  expect(elsewhere.body.statusCode).toBe(404);
  const unknown = await stack.click('alert.ack', { alert: 'quota:nobody@contoso.example' }, { conversationId: CHANNEL });
  expect(unknown.body.statusCode).toBe(404);
  const forged = await stack.click('alert.ack', { alert: '../../etc' }, { conversationId: CHANNEL });
  expect(forged.body.statusCode).toBe(400);

  const done = await stack.click(ack.verb, ack.data, { conversationId: CHANNEL, replyToId: alert.id });
  expect(done.status).toBe(200);
  expect(done.body.type).toBe('application/vnd.microsoft.card.adaptive');
  const card = JSON.stringify(done.body.value);
  expect(card).toMatch(/Acknowledged by Test Admin/);
  expect(card).not.toMatch(/"Snooze 1 day"/);
  expect(await say('alerts status', CHANNEL, 'channel')).toMatch(/Open alerts: 1 \(1 acknowledged, 0 snoozed\)/);
  // Acknowledged, and still told when it clears.
  await setSharedSize(1, 20 * GB);
  const fixedAt = stack.connector.activities.length;
  await runCycle();
  expect(alertsSince(fixedAt, CHANNEL).map((a) => cardText(a.activity))).toEqual([expect.stringMatching(/Resolved[\s\S]*Shared Desk 2/)]);
});

test('two bot instances on one storage run one cycle between them: one alert', async () => {
  const second = await startBot({
    config: stack.config,
    log: new Logger('error', {}, () => undefined),
    tlsCa: stack.sim.info.caCertPem,
    bindHost: '127.0.0.1',
  });
  extraBots.push(second);
  await setSharedSize(2, 62 * GB);
  const start = stack.connector.activities.length;
  const reports = await Promise.all([runCycle(stack.bot), runCycle(second)]);
  expect(alertsSince(start, CHANNEL)).toHaveLength(1);
  // Either one instance skipped (the lease) or the second found the alert already claimed.
  expect(reports.reduce((n, r) => n + r.alerts, 0)).toBe(1);
  const again = stack.connector.activities.length;
  await Promise.all([runCycle(stack.bot), runCycle(second)]);
  expect(alertsSince(again)).toHaveLength(0);
});

test('a restart between cycles neither loses nor repeats: the new instance sends only the resolved notice', async () => {
  const before = extraBots.pop()!;
  await before.stop();
  const restarted = await startBot({
    config: stack.config,
    log: new Logger('error', {}, () => undefined),
    tlsCa: stack.sim.info.caCertPem,
    bindHost: '127.0.0.1',
  });
  extraBots.push(restarted);
  const start = stack.connector.activities.length;
  await runCycle(restarted);
  expect(alertsSince(start)).toHaveLength(0);
  await setSharedSize(2, 20 * GB);
  await runCycle(restarted);
  const resolved = alertsSince(start, CHANNEL);
  expect(resolved).toHaveLength(1);
  expect(cardText(resolved[0].activity)).toMatch(/Shared Desk 3/);
});

test('a 403 from Teams suspends that conversation and says why; alerts on resumes and delivers what was held', async () => {
  const personal = `a:${randomUUID()}`;
  expect(await say('alerts on licence', personal, 'personal')).toMatch(/Alerts are on in this chat/);
  await setSharedSize(3, 63 * GB);
  stack.connector.failWith = 403;
  try {
    const report = await runCycle();
    expect(report.suspended).toBe(2);
  } finally {
    stack.connector.failWith = null;
  }
  expect(stack.logLines.some((l) => /alerts suspended for a conversation/.test(l) && /403/.test(l))).toBe(true);
  expect(await say('alerts status', personal, 'personal')).toMatch(/suspended[\s\S]*403/);
  const start = stack.connector.activities.length;
  await runCycle();
  expect(alertsSince(start)).toHaveLength(0); // suspended: nothing sent
  await say('alerts on licence', personal, 'personal');
  await runCycle();
  const held = alertsSince(start, personal);
  expect(held).toHaveLength(1);
  expect(cardText(held[0].activity)).toMatch(/Shared Desk 4/);
});

test('alerts off stops them; alerts check runs a check for this conversation', async () => {
  const group = `19:${randomUUID()}@thread.v2`;
  expect(await say('alerts off', group, 'groupChat')).toMatch(/were not on/);
  expect(await say('alerts on quota 1', group, 'groupChat')).toMatch(/mailboxes near their quota \(from 1%\)/);
  const start = stack.connector.activities.length;
  expect(await say('alerts check', group, 'groupChat')).toMatch(/Checking/);
  await stack.connector.waitFor(() =>
    stack.connector.activities.slice(start).find((a) => /Checked: \d+ new alert/.test(cardText(a.activity))),
  );
  // Every mailbox here is over 1% of its quota: one card each.
  expect(alertsSince(start, group).filter((a) => /QUOTA ALERT/.test(cardText(a.activity))).length).toBe(5);
  expect(await say('alerts off', group, 'groupChat')).toMatch(/Alerts are off/);
  await setSharedSize(3, 20 * GB);
});
