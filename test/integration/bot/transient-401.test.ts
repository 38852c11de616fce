// Exchange answering 401 once is a passing fault: the report completes, with no permission advice
// (the module retries a 401 once too). A 401 that persists with a token asked for again still gets
// the advice. (A file of its own: @azure/identity caches tokens per process, jest one per file.)
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { visible } from '../../support/tenant-facts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'generate:40:7' });
});
afterAll(async () => {
  await stack?.stop();
});

async function report(): Promise<string> {
  const since = stack.connector.activities.length;
  await stack.say('mailboxes');
  return stack.connector.waitFor(() => {
    const sent = stack.connector.activities.slice(since).find((a) => a.kind === 'send');
    const latest = sent && visible(cardText(stack.connector.messages.get(sent.id)));
    return latest && !/Reading/.test(latest) ? latest : undefined;
  });
}

test('a 401 that passes: the report arrives, complete, with no permission advice', async () => {
  await stack.setFaults([{ api: 'exchange', status: 401, times: 1 }]);
  const text = await report();
  expect(text).not.toMatch(/ManageAsApp|npm run grant/);
  expect(text).toMatch(/User mailboxes/i);
  expect(text).not.toMatch(/partial|incomplete|couldn't/i);
});

test('a 401 that persists: the admin is told the missing Exchange.ManageAsApp role', async () => {
  await stack.setFaults([{ api: 'exchange', status: 401 }]);
  const text = await report();
  expect(text).toMatch(/Exchange\.ManageAsApp/);
  expect(text).toMatch(/npm run grant/);
});
