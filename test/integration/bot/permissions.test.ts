// When the managed identity lacks Exchange.ManageAsApp, the admin is told exactly that and the fix.
// (A file of its own: @azure/identity caches tokens per process, and jest gives each file its own.)
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { loadTenant } from '../../../src/simulator/tenant/load';
import { visible } from '../../support/tenant-facts';

let stack: Stack;

beforeAll(async () => {
  const tenant = loadTenant('generate:40:7');
  tenant.identity.exchangeAppRoles = [];
  stack = await startStack({ tenant });
});
afterAll(async () => {
  await stack?.stop();
});

test('mailboxes names the missing Exchange.ManageAsApp role and how to grant it', async () => {
  const since = stack.connector.activities.length;
  await stack.say('mailboxes');
  const text = await stack.connector.waitFor(() => {
    const sent = stack.connector.activities.slice(since).find((a) => a.kind === 'send');
    const latest = sent && visible(cardText(stack.connector.messages.get(sent.id)));
    return latest && !/Reading/.test(latest) ? latest : undefined;
  });
  expect(text).toMatch(/Exchange\.ManageAsApp/);
  expect(text).toMatch(/npm run grant/);
  expect(text).toMatch(/Retry/);
  // The log says it too, without any token.
  const lines = stack.logLines.join('\n');
  expect(lines).toMatch(/mailbox report failed/);
  expect(lines).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
});
