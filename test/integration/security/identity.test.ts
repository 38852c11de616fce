// The managed identity's tokens: one that expires is renewed without the admin noticing, and an
// identity endpoint that is down is named as such, not reported as a Graph or Exchange failure.
import { startStack, Stack } from '../../support/stack';
import { askBot } from '../../support/ask';

let stack: Stack;
const TOKEN_SECONDS = 3;

beforeAll(async () => {
  stack = await startStack({ tenant: 'generate:40:7', simulator: { tokenLifetimeSeconds: TOKEN_SECONDS } });
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(() => stack.setFaults([]));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Says `text` in a new conversation; resolves with the final text of its first message. */
const ask = async (text: string): Promise<string> => (await askBot(stack, text, { ownConversation: true, timeoutMs: 30_000 })).text;

async function identityCalls(): Promise<{ total: number; statuses: Record<string, number> }> {
  const counts = await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json();
  return counts.apis.identity;
}

test('an expired token is renewed: two reports a token lifetime apart both succeed', async () => {
  const first = await ask('mailboxes all');
  expect(first).toMatch(/\d+ of \d+/);
  const before = (await identityCalls()).total;
  await sleep((TOKEN_SECONDS + 1) * 1000);
  const second = await ask('mailboxes all');
  expect(second).toMatch(/\d+ of \d+/);
  expect(second).not.toMatch(/couldn't|failed|token/i);
  expect((await identityCalls()).total).toBeGreaterThan(before);
});

test.each([
  ['answers 503', { api: 'identity', status: 503, rate: 1 }],
  ['drops the connection', { api: 'identity', reset: true, rate: 1 }],
])('the managed-identity endpoint that %s is named as such', async (_what, rule) => {
  await stack.setFaults([rule]);
  // Wait out the token in hand, so the next call must ask the endpoint.
  await sleep((TOKEN_SECONDS + 1) * 1000);
  const text = await ask('mailboxes');
  expect(text).toMatch(/managed identity endpoint did not answer/i);
  expect(text).not.toMatch(/Exchange Online was busy|Correlation ID/);
  // And once it is back, so is the bot.
  await stack.setFaults([]);
  expect(await ask('mailboxes')).toMatch(/\d+ of \d+/);
});
