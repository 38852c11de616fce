// A tenant that throttles, fails and drops connections still gets the exact report, to the last row
// of its CSV.
import { startStack, Stack } from '../../support/stack';
import { askBot } from '../../support/ask';

let stack: Stack;

beforeAll(async () => {
  // One moment for every report: "3 d ago" and the inactive count follow the clock, and the two
  // reports compared below are read ~20 s apart (a mailbox can cross a day boundary in between).
  const frozen = new Date();
  stack = await startStack({ tenant: 'generate:150:3', clock: () => frozen });
});
afterAll(async () => {
  await stack?.setFaults([]);
  await stack?.stop();
});
beforeEach(() => stack?.setFaults([]));

/** Says `text` in a new conversation; resolves with its first message once that is final. */
const ask = (text: string, from?: string, timeoutMs = 60_000) => askBot(stack, text, { from, timeoutMs, ownConversation: true });

/** The CSV of a report: its card's Export CSV button, then the download link, fetched from the bot. */
async function csvOf(report: { activity: any; conversationId?: string }): Promise<string> {
  const exportAction = findAction(report.activity, 'report.export');
  const since = stack.connector.activities.length;
  const res = await stack.click('report.export', exportAction.data, { conversationId: report.conversationId });
  expect(res.status).toBe(200);
  const posted = await stack.connector.waitFor(() =>
    stack.connector.activities.slice(since).find((a) => /Download CSV/.test(JSON.stringify(a.activity))),
  );
  const link = new URL(findAction(posted.activity, undefined, 'Action.OpenUrl').url);
  const csv = await fetch(`${stack.bot.url}${link.pathname}${link.search}`);
  expect(csv.status).toBe(200);
  return csv.text();
}

function findAction(node: any, verb?: string, type = 'Action.Execute'): any {
  if (Array.isArray(node)) return node.map((n) => findAction(n, verb, type)).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  if (node.type === type && (verb === undefined || node.verb === verb)) return node;
  return Object.values(node)
    .map((v) => findAction(v, verb, type))
    .find(Boolean);
}

// The dates a card shows ("as of") differ between runs; nothing else may.
const withoutClock = (t: string) => t.replace(/\{\{(DATE|TIME)\([^)]*\)\}\}/g, '');

test('with 20% throttling, 5% 503s, 2% dropped connections and 300 ms latency the report equals the fault-free one', async () => {
  const clean = await ask('mailboxes all sort name top 1000');
  const cleanCsv = await csvOf(clean);
  await fetch(`${stack.sim.controlUrl}/_sim/requests`, { method: 'DELETE' });
  await stack.setFaults([
    { api: 'exchange', status: 429, retryAfterSeconds: 1, rate: 0.2 },
    { api: 'exchange', status: 503, rate: 0.05 },
    { api: 'exchange', reset: true, rate: 0.02 },
    { api: 'exchange', latencyMs: 300 },
  ]);
  const faulty = await ask('mailboxes all sort name top 1000');
  const faultyCsv = await csvOf(faulty);
  const counts = await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json();
  // The faults really happened (0 = a dropped connection).
  expect(counts.apis.exchange.statuses['429']).toBeGreaterThan(0);
  expect(counts.apis.exchange.statuses['503']).toBeGreaterThan(0);
  expect(faulty.text).not.toMatch(/partial|missing|couldn't/i);
  expect(withoutClock(faulty.text)).toEqual(withoutClock(clean.text));
  expect(faultyCsv.split('\n').length).toBeGreaterThan(150);
  expect(faultyCsv).toEqual(cleanCsv);
}, 120_000);
