// A report built from Microsoft 365's usage report keeps working after a restart and on a second
// instance: the downloaded copy is kept in Blob Storage beside the snapshot, so a Next click made
// on either bot (each with its own memory, one Azurite) pages the same rows, with no new download.
import { randomUUID } from 'node:crypto';
import { startStack, type Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
import { cardText } from '../../support/connector';
import { cardActions } from '../../support/card-actions';
import { visible } from '../../support/tenant-facts';

let first: Stack;
let second: Stack;
const container = `kept${randomUUID().replace(/-/g, '').slice(0, 12)}`;

beforeAll(async () => {
  first = await startStack({ tenant: 'demo', env: { STORAGE_CONTAINER: container }, usageReport: { threshold: 50, recheckMs: 0 } });
  second = await startStack({
    tenant: 'demo',
    storage: first.storage,
    env: { STORAGE_CONTAINER: container },
    usageReport: { threshold: 50, recheckMs: 0 },
  });
}, 120_000);
afterAll(async () => {
  await second?.stop();
  await first?.stop();
});

const actions = cardActions;
const text = (card: any) => visible(cardText({ attachments: [{ content: card }] }));

test('Next on a usage-report card works after a restart and on a second instance', async () => {
  const answer = await askBot(first, 'mailboxes', { ownConversation: true, first: /Reading/, timeoutMs: 60_000 });
  expect(answer.text).toMatch(/Usage data of/);
  const next = actions(answer.activity.attachments[0].content).find((a) => a.title === 'Next ▶');
  expect(next).toBeDefined();
  const expectPage = (res: { body: any }) => {
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const t = text(res.body.value);
    expect(t).not.toMatch(/needs a refresh/);
    expect(t).toMatch(new RegExp(`${next.data.o + 1}–\\d+ of \\d+`));
  };

  // Another instance: its own memory, the same storage.
  expectPage(await second.click(next.verb, next.data, { conversationId: answer.conversationId }));
  // The same instance after a restart.
  await first.restartBot();
  expectPage(await first.click(next.verb, next.data, { conversationId: answer.conversationId }));
  // Neither downloaded the report again to answer a click.
  expect(first.bot.services.usage.reports.downloadCount).toBe(0);
  expect(second.bot.services.usage.reports.downloadCount).toBe(0);
}, 300_000);
