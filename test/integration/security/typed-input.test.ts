// What an admin types never changes the meaning of a query: quotes, OPATH operators, braces and
// wildcards reach Exchange's -Filter and Graph's URLs as plain text, and tenant names that look like
// Markdown, HTML, template expressions or formulas come back as the very same text.
import { randomUUID } from 'node:crypto';
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { visible } from '../../support/tenant-facts';
import { isProgress } from '../../support/ask';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo' });
});
afterAll(async () => {
  await stack?.stop();
});

interface Answer {
  text: string;
  cards: any[];
}

/** Everything the bot posted in answer to `text`, once its first message is final. */
async function answer(text: string): Promise<Answer> {
  const conversationId = `conv-${randomUUID()}`;
  expect(await stack.say(text, { conversationId })).toBe(200);
  const mine = () => stack.connector.activities.filter((a) => a.conversationId === conversationId);
  const first = await stack.connector.waitFor(() => mine().find((a) => a.kind === 'send'));
  await stack.connector.waitFor(() => !isProgress(stack.connector.messages.get(first.id)));
  await stack.bot.server.bot.idle();
  const ids = [...new Set(mine().map((a) => a.id))];
  const latest = ids.map((id) => stack.connector.messages.get(id));
  return { text: visible(latest.map(cardText).join('\n')), cards: latest.flatMap((a) => (a.attachments ?? []).map((x: any) => x.content)) };
}

async function exchangeStatuses(): Promise<Record<string, number>> {
  const counts = await (await fetch(`${stack.sim.controlUrl}/_sim/requests?reset=1`)).json();
  return counts.apis.exchange.statuses;
}

const NO_SUCH = /No mailbox matches/;
const mailboxCount = () => stack.tenant.users.filter((u) => u.mailbox).length;

describe('Exchange -Filter values stay values', () => {
  beforeEach(() => exchangeStatuses());

  test("a name with a quote finds that person: mailbox O'Brien", async () => {
    const brien = stack.tenant.users.find((u) => u.displayName.startsWith("O'Brien"))!;
    const { text } = await answer("mailbox O'Brien");
    expect(text).toContain(brien.userPrincipalName);
    expect(text).toContain(visible(brien.displayName));
    expect((await exchangeStatuses())['400']).toBeUndefined();
  });

  test.each([
    ["' or 1 eq 1"],
    ["x' -or Name -like 'a"],
    ["x' -or DisplayName -ne '"],
    ['x" -or Name -like "a'],
    ["') -or (Name -like 'a"],
    ['{$true}'],
    ['$(Get-Mailbox)'],
    ["Sales' -and '1' -eq '1"],
  ])('%s matches no mailbox instead of every mailbox', async (typed) => {
    const { text } = await answer(`mailbox ${typed}`);
    expect(text).toMatch(NO_SUCH);
    expect(text).not.toMatch(/mailboxes start with|Which one/);
    // The filter was understood as a filter (no "Invalid filter syntax" from Exchange).
    expect((await exchangeStatuses())['400']).toBeUndefined();
  });

  test.each([['*'], ['a*'], ['*@contoso.onmicrosoft.com']])('a wildcard (%s) is refused, not sent', async (typed) => {
    const { text } = await answer(`mailbox ${typed}`);
    expect(text).toMatch(/No wildcards/);
    expect(await exchangeStatuses()).toEqual({});
  });

  test('a report filter is plain text: quotes, operators and braces match nothing', async () => {
    for (const typed of ["' or 1 eq 1", '-or Name -like *', '{}', '${owner} -or', '*']) {
      const { text } = await answer(`mailboxes all filter ${typed}`);
      expect(text).not.toMatch(new RegExp(`of ${mailboxCount().toLocaleString('en-US')}\\b`));
      expect(text).not.toMatch(/went wrong|failed/i);
    }
  });
});

describe('arguments are checked before anything is asked of the tenant', () => {
  beforeEach(() => exchangeStatuses());

  test.each([
    ['mailboxes top 0', /top needs a whole number/],
    ['mailboxes top 1001', /at most 1,000/],
    ['mailboxes top -5', /top needs a whole number/],
    ['mailboxes top 1e3', /top needs a whole number/],
    ['mailboxes top 99999999999999999999', /top/],
    ['mailboxes sort DROP', /Unknown sort/],
    [`mailboxes filter ${'x'.repeat(101)}`, /too long/],
    [`mailbox ${'a'.repeat(300)}`, /too long/],
    ['mailbox not@an@address', /does not look like an address/],
    ['licenses Megan', /address \(its UPN\)/],
  ])('%s', async (typed, reply) => {
    const { text } = await answer(typed);
    expect(text).toMatch(reply);
    expect(await exchangeStatuses()).toEqual({});
  });
});

test('a UPN with URL and OData characters stays one path segment for Graph', async () => {
  await fetch(`${stack.sim.controlUrl}/_sim/requests`, { method: 'DELETE' });
  const { text } = await answer("licenses o'brien?$filter=true&$top=999#x@contoso.onmicrosoft.com");
  expect(text).not.toMatch(/went wrong/i);
  const counts = await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json();
  const userPaths = Object.keys(counts.apis.graph.paths).filter((p) => /\/users\//.test(p));
  // The log shows paths without their query: the whole address arrived as the path, nothing as a query.
  expect(userPaths).toEqual(["GET /v1.0/users/o'brien?$filter=true&$top=999#x@contoso.onmicrosoft.com"]);
  expect(text).toMatch(/No such account/);
});

describe('tenant names are shown as plain text in every card', () => {
  const hostile = () => stack.tenant.users.filter((u) => /[*<>${}[\]=@🎉"\\]|^[+-]/u.test(u.displayName) && u.mailbox);

  test('the demo tenant carries hostile names (or this test would prove nothing)', () => {
    expect(hostile().map((u) => u.displayName)).toEqual(expect.arrayContaining(['${owner}', '**bold** Mallory', '<b>html</b> Trudy']));
  });

  test('in the full report, each hostile name appears as typed, only in plain-text runs', async () => {
    const { cards } = await answer('mailboxes all sort name top 1000');
    const json = visible(JSON.stringify(cards));
    const onCard = hostile().filter((u) => json.includes(`"${u.userPrincipalName} `));
    expect(onCard.length).toBeGreaterThan(3);
    // Each name is shown as typed (JSON-escaped as it sits in the card; controls become spaces).
    for (const user of onCard) expect(json).toContain(JSON.stringify(visible(user.displayName).replace(/[\t\n]/g, ' ')).slice(1, -1));
    for (const card of cards)
      checkPlain(
        card,
        hostile().map((u) => u.displayName),
      );
  });

  test('in mailbox details, a template expression and Markdown stay as typed', async () => {
    for (const name of ['${owner}', '**bold** Mallory', '<b>html</b> Trudy', 'Party 🎉 Planner 👩‍💻', '[click me](http://x) Eve']) {
      const user = stack.tenant.users.find((u) => u.displayName === name);
      if (!user) continue;
      const { text, cards } = await answer(`mailbox ${user.userPrincipalName}`);
      expect(text).toContain(visible(name));
      for (const card of cards) checkPlain(card, [name]);
    }
  });

  test('right-to-left text is isolated so it cannot reorder the words around it', async () => {
    const rtl = stack.tenant.users.find((u) => /^[\u0590-\u08ff]/.test(u.displayName) && u.mailbox);
    expect(rtl).toBeDefined();
    const word = rtl!.displayName.split(' ')[0];
    const { cards } = await answer(`mailboxes all filter ${word}`);
    // The name itself, alone in its run, as in the tenant.
    expect(allText(cards)).toContain(rtl!.displayName);
    // Wherever it shares a line with the bot's own words (the "filter …" summary), it sits in an isolate.
    const names = new Set(stack.tenant.users.map((u) => u.displayName));
    const shared = allText(cards).filter((t) => t.includes(word) && !names.has(t));
    expect(shared.length).toBeGreaterThan(0);
    for (const t of shared) expect(t).toContain(`\u2068${word}\u2069`);
  });
});

/** Tenant text may sit only where Teams shows it as-is: TextRun text, action data, or Table cells' runs. */
function checkPlain(card: any, names: string[]): void {
  const walk = (node: any, path: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (typeof v !== 'string') {
        walk(v, `${path}.${k}`);
        continue;
      }
      const plain = visible(v);
      for (const name of names) {
        const core = name.slice(0, 12);
        if (!plain.includes(core)) continue;
        const markdownPlace =
          (node.type === 'TextBlock' && k === 'text') || (node.title !== undefined && k === 'value' && node.type === undefined);
        if (markdownPlace) throw new Error(`tenant text "${name}" in a Markdown field at ${path}.${k}`);
      }
      // A date function in tenant text is broken up by a zero-width space (the bot's own "As of" date stays live).
      if (v.includes('{{DATE(2020-01-01T00:00:00Z)}}')) throw new Error(`live {{DATE()}} at ${path}.${k}`);
    }
  };
  walk(card, '$');
  // The template engine did not evaluate tenant data: "${owner}" is still there, not replaced by a value.
  if (names.includes('${owner}')) expect(visible(JSON.stringify(card))).toContain('${owner}');
}

/** The text a reader sees (TextBlock and TextRun), not the data behind buttons. */
function allText(cards: any[]): string[] {
  const out: string[] = [];
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if ((n.type === 'TextBlock' || n.type === 'TextRun') && typeof n.text === 'string') out.push(n.text);
      Object.values(n).forEach(walk);
    }
  };
  walk(cards);
  return out;
}
