// Storage down: a turn's answer does not wait on the conversation-reference write (Teams gives a bot
// 15 s; the storage client's retries take longer than that). Alerts need the reference, a reply doesn't.
import { randomUUID } from 'node:crypto';
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo' });
});
afterAll(async () => {
  await stack?.stop();
}, 120_000);

test('with Azurite gone, help is answered while the reference write is still failing in the background', async () => {
  await stack.storage.stop();
  const conversationId = `conv-${randomUUID()}`;
  const since = stack.connector.activities.length;
  expect(await stack.say('help', { conversationId })).toBe(200);
  await stack.connector.waitFor(() =>
    stack.connector.activities.slice(since).find((a) => a.conversationId === conversationId && a.kind === 'send'),
  );
  // The reply came first: the write it no longer waits on has not even given up yet.
  expect(stack.logLines.some((l) => /conversation reference not saved/.test(l))).toBe(false);
  await stack.bot.server.bot.idle();
  expect(stack.logLines.some((l) => /conversation reference not saved/.test(l) && /"level":"warn"/.test(l))).toBe(true);
}, 120_000);

test('with Azurite gone, alerts status says at once that it cannot read its storage, instead of holding the turn', async () => {
  const conversationId = `conv-${randomUUID()}`;
  const since = stack.connector.activities.length;
  // The turn's HTTP answer waits for its reply, so the clock starts with the post.
  const posting = stack.say('alerts status', { conversationId });
  const reply = await stack.connector.waitFor(
    () => stack.connector.activities.slice(since).find((a) => a.conversationId === conversationId && a.kind === 'send'),
    8_000,
  );
  expect(await posting).toBe(200);
  expect(cardText(reply.activity)).toMatch(/can't read my storage right now/);
  expect(cardText(reply.activity)).not.toMatch(/Alerts are on|Alerts are off/);
}, 120_000);
