// A production bot deployed without admins (BOT_ADMINS and BOT_ADMIN_GROUP_ID empty) starts, and
// answers every message and every card button with what to set, naming the caller's own object
// id; nobody gets a report. Refusing to start would make App Service restart it forever.
import { startStack, Stack, ADMIN_ID } from '../../support/stack';
import { askBot } from '../../support/ask';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo', config: { admins: [], adminGroupId: undefined } });
});
afterAll(async () => {
  await stack?.stop();
});

test('a message gets what to set instead of a report', async () => {
  const { text } = await askBot(stack, 'mailboxes', { ownConversation: true, final: /Nobody may use this bot yet/ });
  expect(text).toMatch(/BOT_ADMINS and BOT_ADMIN_GROUP_ID are both empty/);
  expect(text).toContain(`BOT_ADMINS=${ADMIN_ID}`);
  expect(text).not.toMatch(/\d+ of [\d,]+/);
  expect(stack.logLines.some((l) => l.includes('"msg":"no admins: set BOT_ADMINS or BOT_ADMIN_GROUP_ID'))).toBe(true);
});

test('a card button gets the same answer and does nothing', async () => {
  const { status, body } = await stack.click('mailboxes.page', { page: 2 });
  expect(status).toBe(200);
  expect(JSON.stringify(body)).toMatch(/Nobody may use this bot yet/);
});
