// A tenant that throttles, fails and drops connections still gets the exact report; one that stays
// down gets a clear message within 30 s while the bot keeps answering everyone else.
import { randomUUID } from 'node:crypto';
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { visible } from '../../support/tenant-facts';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'generate:300:3' });
});
afterAll(async () => {
  await setFaults([]);
  await stack?.stop();
});
beforeEach(() => setFaults([]));

async function setFaults(rules: object[]): Promise<void> {
  if (!stack) return;
  const res = await fetch(`${stack.sim.controlUrl}/_sim/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });
  expect(res.status).toBe(200);
}

const BUSY = /Reading|Looking up|Preparing/;

/** Says `text` in a new conversation; resolves with the final text of its first message. */
async function ask(text: string, from?: string, timeoutMs = 60_000): Promise<{ text: string; activity: any }> {
  const conversationId = `conv-${randomUUID()}`;
  expect(await stack.say(text, { conversationId, from })).toBe(200);
  const first = await stack.connector.waitFor(() => stack.connector.activities.find((a) => a.conversationId === conversationId && a.kind === 'send'), timeoutMs);
  const activity = await stack.connector.waitFor(() => {
    const latest = stack.connector.messages.get(first.id);
    return !BUSY.test(cardText(latest)) && latest;
  }, timeoutMs);
  return { text: visible(cardText(activity)), activity };
}

/** The CSV behind an export's Download button, fetched from the bot itself. */
async function exportCsv(): Promise<string> {
  const { activity, text } = await ask('export mailboxes all sort name');
  const link = JSON.stringify(activity).match(/"url":"([^"]+)"/)?.[1];
  if (!link) throw new Error(`no download link in: ${text}`);
  const url = new URL(link);
  const res = await fetch(`${stack.bot.url}${url.pathname}${url.search}`);
  expect(res.status).toBe(200);
  return res.text();
}

// The dates a card shows ("as of") differ between runs; nothing else may.
const withoutClock = (t: string) => t.replace(/\{\{(DATE|TIME)\([^)]*\)\}\}/g, '');

test('with 20% throttling, 5% 503s, 2% dropped connections and 300 ms latency the report equals the fault-free one', async () => {
  const clean = await ask('mailboxes all sort name top 1000');
  const cleanCsv = await exportCsv();
  await fetch(`${stack.sim.controlUrl}/_sim/requests`, { method: 'DELETE' });
  await setFaults([
    { api: 'exchange', status: 429, retryAfterSeconds: 1, rate: 0.2 },
    { api: 'exchange', status: 503, rate: 0.05 },
    { api: 'exchange', reset: true, rate: 0.02 },
    { api: 'exchange', latencyMs: 300 },
    { api: 'graph', status: 429, retryAfterSeconds: 1, rate: 0.2 },
    { api: 'graph', latencyMs: 300 },
  ]);
  const faulty = await ask('mailboxes all sort name top 1000');
  const faultyCsv = await exportCsv();
  const counts = await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json();
  // The faults really happened (0 = a dropped connection).
  expect(counts.apis.exchange.statuses['429']).toBeGreaterThan(0);
  expect(counts.apis.exchange.statuses['503']).toBeGreaterThan(0);
  expect(faulty.text).not.toMatch(/partial|missing|couldn't/i);
  expect(withoutClock(faulty.text)).toEqual(withoutClock(clean.text));
  expect(faultyCsv.split('\n').length).toBeGreaterThan(300);
  expect(faultyCsv).toEqual(cleanCsv);
}, 120_000);

test('Exchange staying down: a clear message within 30 s, and other people are answered meanwhile', async () => {
  await setFaults([{ api: 'exchange', status: 503, rate: 1 }]);
  const started = Date.now();
  const conversationId = `conv-${randomUUID()}`;
  expect(await stack.say('mailboxes', { conversationId })).toBe(200);
  const first = await stack.connector.waitFor(() => stack.connector.activities.find((a) => a.conversationId === conversationId && a.kind === 'send'));

  // Someone else asks while the report is waiting on Exchange.
  const other = await ask('help', undefined, 5_000);
  expect(other.text).toMatch(/mailboxes/);
  expect(BUSY.test(cardText(stack.connector.messages.get(first.id)))).toBe(true);

  const final = await stack.connector.waitFor(() => {
    const latest = stack.connector.messages.get(first.id);
    return !BUSY.test(cardText(latest)) && latest;
  }, 30_000 - (Date.now() - started));
  const text = visible(cardText(final));
  expect(text).toMatch(/Exchange Online/);
  expect(text).toMatch(/busy or unreachable|try again/i);
}, 60_000);
