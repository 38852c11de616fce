// The logs: one JSON object a line, a request id on every line of a turn, and never an access token,
// the IDENTITY_HEADER secret, an export link's signature or CSV content, whatever happened.
import { startStack, Stack } from '../../support/stack';
import { askBot } from '../../support/ask';

let stack: Stack;
const logLines: string[] = [];
let csv = '';
let exportLink = '';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ask = async (text: string): Promise<any> => (await askBot(stack, text, { ownConversation: true })).activity;

/** A token the simulator's identity endpoint issues, as a tool or a careless paste would hold it. */
async function realToken(): Promise<string> {
  const res = await fetch(`${stack.sim.info.identityEndpoint}?api-version=2019-08-01&resource=https://graph.microsoft.com`, {
    headers: { 'x-identity-header': stack.sim.info.identityHeader },
  });
  return (await res.json()).access_token;
}

beforeAll(async () => {
  stack = await startStack({ tenant: 'generate:40:11', simulator: { tokenLifetimeSeconds: 3 }, logLines });
  // A day in the bot's life: reports, a lookup, an export and its download…
  await ask('help');
  await ask('mailboxes all');
  await ask(`mailbox ${stack.tenant.users.find((u) => u.mailbox)!.userPrincipalName}`);
  const exported = await ask('export mailboxes all');
  exportLink = JSON.stringify(exported).match(/"url":"([^"]+)"/)![1];
  const url = new URL(exportLink);
  csv = await (await fetch(`${stack.bot.url}${url.pathname}${url.search}`)).text();
  // …a forged and an expired-looking download…
  await fetch(`${stack.bot.url}${url.pathname}?exp=1&sig=${'A'.repeat(43)}`);
  // …failures: Exchange refusing, then the managed-identity endpoint down…
  await stack.setFaults([{ api: 'exchange', status: 403, rate: 1 }]);
  await ask('mailboxes');
  await stack.setFaults([{ api: 'identity', status: 500, rate: 1 }]);
  await sleep(4000);
  await ask('mailboxes shared');
  await stack.setFaults([]);
  // …and people pasting secrets into the chat.
  const token = await realToken();
  await ask(token);
  await ask(`Bearer ${token}`);
  await ask(`mailbox ${token}`);
  await ask(url.search);
  await ask(`${url.search.slice(1)} please`);
  await ask(stack.sim.info.identityHeader);
  await ask(`mailbox ${stack.sim.info.identityHeader}`);
  await stack.post({ type: 'message', text: token, serviceUrl: 5 });
  await stack.bot.server.bot.idle();
}, 90_000);
afterAll(async () => {
  await stack?.stop();
});

test('the day produced logs (or the scan below would prove nothing)', () => {
  expect(csv.split('\n').length).toBeGreaterThan(10);
  expect(logLines.length).toBeGreaterThan(10);
  expect(logLines.some((l) => /"level":"(warn|error)"/.test(l))).toBe(true);
});

test('every line is one JSON object with a time, a level and a message', () => {
  for (const line of logLines) {
    const record = JSON.parse(line);
    expect(typeof record.time).toBe('string');
    expect(['debug', 'info', 'warn', 'error']).toContain(record.level);
    expect(typeof record.msg).toBe('string');
  }
});

test("every line written during a turn carries that turn's request id, one per turn", () => {
  const records = logLines.map((l) => JSON.parse(l));
  const commands = records.filter((r) => r.msg === 'command' || r.msg === 'unknown command');
  expect(commands.length).toBeGreaterThan(8);
  for (const r of commands) expect(r.turn).toMatch(/^[0-9a-f-]{36}$/);
  expect(new Set(commands.map((r) => r.turn)).size).toBe(commands.length);
  // Later lines of a turn (a failed report) carry the id of the turn that started it; a background
  // job's lines (the archive refresh, the schedule tick) belong to no turn and say which job they are.
  const failures = records.filter((r) => r.level === 'warn' && /failed/.test(r.msg) && r.err && !r.job);
  expect(failures.length).toBeGreaterThan(0);
  for (const r of failures) expect(commands.map((c) => c.turn)).toContain(r.turn);
});

test('no access token, identity secret, link signature or CSV content appears in any line', () => {
  const all = logLines.join('\n');
  const signature = new URL(exportLink).searchParams.get('sig')!;
  expect(signature.length).toBeGreaterThan(10);
  expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/); // a JWT, or its first two parts
  expect(all).not.toContain(stack.sim.info.identityHeader);
  expect(all).not.toContain(stack.sim.info.identityHeader.slice(0, 16));
  expect(all).not.toMatch(/Bearer (?!\[redacted\])/i);
  expect(all).not.toContain(signature);
  expect(all).not.toMatch(/[?&]sig=(?!\[redacted\])/);
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  expect(all).not.toContain(header);
  for (const row of rows.slice(0, 50)) expect(all).not.toContain(row);
});
