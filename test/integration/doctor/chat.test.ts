// `doctor` typed in Teams: a progress card at once, then the checklist in its place, with the fix
// under the failure. The identity here lacks Exchange.ManageAsApp. (A file of its own: @azure/identity
// caches the bot's tokens per process, and jest gives each file its own.)
import { startStack, type Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { visible } from '../../support/tenant-facts';
import { loadTenant } from '../../../src/simulator/tenant/load';

jest.setTimeout(30_000);

let stack: Stack;

beforeAll(async () => {
  const tenant = loadTenant('generate:30:5');
  tenant.identity.exchangeAppRoles = [];
  stack = await startStack({ tenant });
});
afterAll(async () => {
  await stack?.stop();
});

test('doctor answers with a checklist card whose failure carries the exact grant command', async () => {
  const since = stack.connector.activities.length;
  expect(await stack.say('doctor')).toBeLessThan(300);
  const sent = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
  expect(visible(cardText(sent.activity))).toContain('Checking my access…');

  const final = await stack.connector.waitFor(() => {
    const text = visible(cardText(stack.connector.messages.get(sent.id)));
    return /Doctor:/.test(text) ? stack.connector.messages.get(sent.id) : undefined;
  });
  const text = visible(cardText(final));
  expect(text).toContain('Doctor: something needs fixing');
  expect(text).toContain('1 check failed: the fix is under each one.');
  expect(text).toMatch(/✗\n Token for Exchange Online/);
  expect(text).toMatch(/✓\n Microsoft Graph answers/);
  expect(text).toMatch(/–\n Exchange Online answers/);
  expect(text).toContain(`npm run grant -- --identity ${stack.sim.info.principalId}`);
  expect(text).toContain('Run doctor again');
  // The command is a run of its own, in monospace, without the backticks around it.
  const card = final.attachments[0].content;
  const runs = JSON.stringify(card);
  expect(runs).toContain(`{"type":"TextRun","text":"npm run grant -- --identity ${stack.sim.info.principalId}","fontType":"Monospace"}`);
  expect(text).not.toContain('`');
  // Never a token or the identity header, in the card or in the log.
  for (const shown of [JSON.stringify(final), stack.logLines.join('\n')]) {
    expect(shown).not.toContain(stack.sim.info.identityHeader);
    expect(shown).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  }
});
