// While the tenant conceals names in its usage reports, the report cannot be joined to mailboxes:
// the history stores what a check cycle read live instead, and `history` says it is limited to that.
import { randomUUID } from 'node:crypto';
import { startStack, type Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
import { mailboxUsers } from '../../support/tenant-facts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo', usageReport: { recheckMs: 0 } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const ask = async (text: string) =>
  (await askBot(stack, text, { ownConversation: true, timeoutMs: 60_000, final: /Last collection/ })).text;

test('concealed names: nothing joined from the report, the live read stored, the card says history is limited', async () => {
  const res = await fetch(`${stack.sim.controlUrl}/_sim/tenant`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reportSettings: { displayConcealedNames: true } }),
  });
  expect(res.status).toBe(200);
  expect(await ask('history collect')).toMatch(/conceals names/);
  expect(await ask('history')).toMatch(/Days\s*0\b/);

  const conversationId = `conv-${randomUUID()}`;
  expect(await stack.say('alerts on quota', { conversationId })).toBe(200);
  await stack.connector.waitFor(() => stack.connector.activities.find((a) => a.conversationId === conversationId && a.kind === 'send'));
  const cycle = await stack.bot.services.alerts.runCycle();
  expect(cycle.ran).toBe(true);

  const text = await ask('history');
  expect(text).toMatch(/Days\s*1\b/);
  expect(text).toMatch(/Limited: names concealed in the usage report/);
  expect(text).toMatch(/read live/);

  const someone = mailboxUsers(stack.tenant, 'UserMailbox')[0];
  const card = (await askBot(stack, `mailbox ${someone.userPrincipalName}`, { ownConversation: true, timeoutMs: 60_000 })).text;
  expect(card).toMatch(/Size trend/);
  expect(card).toMatch(/Limited to what the bot read live: names concealed in the usage report/);
}, 300_000);
