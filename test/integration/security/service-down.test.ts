// A service that stays down: the admin hears so, in words that name it, once the module's patience
// (about a minute of backoff, EXCHANGE_PATIENCE) has run out, while the bot keeps answering everyone
// else; a shorter outage is ridden out; the managed-identity endpoint being down is named as such.
import { randomUUID } from 'node:crypto';
import { startStack, Stack, ADMIN_ID } from '../../support/stack';
import { cardText } from '../../support/connector';
import { visible } from '../../support/tenant-facts';
import { askBot, isProgress } from '../../support/ask';

let stack: Stack;
const OTHER_ADMIN = '00000000-0000-0000-0000-0000000000aa';

beforeAll(async () => {
  stack = await startStack({ tenant: 'generate:60:5', config: { admins: [ADMIN_ID, OTHER_ADMIN] } });
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => stack.setFaults([]));

/** Says `text` in a new conversation; resolves with the final text of its first message. */
const ask = async (text: string, from: string, timeoutMs = 30_000): Promise<string> =>
  (await askBot(stack, text, { from, timeoutMs, ownConversation: true })).text;

test("Exchange staying down: a clear message after the module's minute of patience, and other people are answered meanwhile", async () => {
  await stack.setFaults([{ api: 'exchange', status: 503, rate: 1 }]);
  const started = Date.now();
  const conversationId = `conv-${randomUUID()}`;
  expect(await stack.say('mailboxes', { conversationId })).toBe(200);
  const first = await stack.connector.waitFor(() =>
    stack.connector.activities.find((a) => a.conversationId === conversationId && a.kind === 'send'),
  );

  // Someone else asks while the report is waiting on Exchange.
  const other = await ask('help', OTHER_ADMIN, 5_000);
  expect(other).toMatch(/mailboxes/);
  expect(isProgress(stack.connector.messages.get(first.id))).toBe(true);

  const final = await stack.connector.waitFor(
    () => {
      const latest = stack.connector.messages.get(first.id);
      return !isProgress(latest) && latest;
    },
    90_000 - (Date.now() - started),
  );
  const text = visible(cardText(final));
  expect(text).toMatch(/Exchange Online/);
  expect(text).toMatch(/busy or unreachable|try again/i);
  // Not before the module would have given up: its waits add up to about a minute.
  expect(Date.now() - started).toBeGreaterThan(50_000);
}, 120_000);

test('a 50 s Exchange outage: the report waits it out and completes, and the chat answers at once meanwhile', async () => {
  await stack.setFaults([{ api: 'exchange', status: 503, rate: 1 }]);
  const started = Date.now();
  const outage = setTimeout(() => void stack.setFaults([]), 50_000);
  try {
    const conversationId = `conv-${randomUUID()}`;
    expect(await stack.say('mailboxes', { conversationId })).toBe(200);
    const first = await stack.connector.waitFor(() =>
      stack.connector.activities.find((a) => a.conversationId === conversationId && a.kind === 'send'),
    );
    // The chat turn was answered at once, with the report still reading.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(isProgress(stack.connector.messages.get(first.id))).toBe(true);

    // Twenty seconds into the outage, someone else asks and is answered at once.
    await new Promise((r) => setTimeout(r, 20_000));
    const asked = Date.now();
    expect(await ask('help', OTHER_ADMIN, 5_000)).toMatch(/mailboxes/);
    expect(Date.now() - asked).toBeLessThan(5_000);

    const final = await stack.connector.waitFor(
      () => {
        const latest = stack.connector.messages.get(first.id);
        return !isProgress(latest) && latest;
      },
      100_000 - (Date.now() - started),
    );
    const text = visible(cardText(final));
    expect(Date.now() - started).toBeGreaterThan(50_000);
    expect(text).not.toMatch(/busy or unreachable|try again|partial/i);
    expect(text).toMatch(/mailbox/i);
  } finally {
    clearTimeout(outage);
  }
}, 130_000);
