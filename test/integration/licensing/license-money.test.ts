// `licenses` in money over real HTTP: list prices with their source by default, the tenant's own
// price once `price` sets it (kept in Blob Storage), and every waste figure as the arithmetic says.
import { startStack, Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
import { cardText } from '../../support/connector';
import { pricedTenant } from './priced-tenant';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: pricedTenant() });
});
afterAll(async () => {
  await stack?.stop();
});

const ask = (text: string, first: RegExp, final?: RegExp) => askBot(stack, text, { first, final, ownConversation: true });
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

test('without prices of its own, licenses shows Microsoft list prices in USD with their source and date', async () => {
  const { text } = await ask('licenses', /Reading licences/);
  const card = oneLine(text);
  // Office 365 E3: $26 from 2026-07-01; 11 seats bought, 7 wasted. Microsoft 365 E5: $60, 2 seats.
  expect(card).toContain('11 seats · $26.00 each (list) $286.00 $182.00');
  expect(card).toContain('2 seats · $60.00 each (list) $120.00 $0.00');
  expect(card).toContain('Seats bought $406.00/month');
  expect(card).toMatch(/Microsoft list prices in USD per user per month, annual commitment, effective 2026-07-01/);
  expect(card).toContain('https://www.microsoft.com/en-us/licensing/news/2026-m365-packaging-pricing-updates');
});

test('price ENTERPRISEPACK 10 EUR monthly: the card shows each waste figure as the arithmetic says', async () => {
  const set = await ask('price ENTERPRISEPACK 10 EUR monthly', /ENTERPRISEPACK/);
  expect(set.text).toContain('now costs €10.00/user/month · monthly');

  const card = oneLine((await ask('licenses', /Reading licences/)).text);
  // E3: 11 bought × €10 = €110; wasted 4 free + 1 disabled + 1 inactive + 1 shared = 7 → €70.
  expect(card).toContain('11 seats · €10.00 each (your price) €110.00 €70.00');
  expect(card).toContain('Seats bought €110.00 + $120.00/month');
  expect(card).toContain('Waste €70.00/month · €840.00/year');
  // Unassigned: 4 seats; Legal (on hold, unlicensed) needs one now, the other 3 can go at renewal.
  expect(card).toMatch(
    /Unassigned seats 4 seats €40\.00\/month €480\.00\/year Reassign now 1 seat · €10\.00\/month Cut at renewal 3 seats · €30\.00\/month/,
  );
  expect(card).toMatch(
    /Seats on disabled or inactive accounts 2 accounts, 2 seats €20\.00\/month €240\.00\/year Reassign now none Cut at renewal 2 seats · €20\.00\/month/,
  );
  expect(card).toMatch(
    /Licences on shared mailboxes that need none 1 mailbox, 1 seat €10\.00\/month €120\.00\/year Reassign now none Cut at renewal 1 seat · €10\.00\/month/,
  );
  expect(card).toMatch(/your prices for ENTERPRISEPACK \(set by .+ on \d{4}-\d{2}-\d{2}\)/);
});

test('price list shows every price with its source; price reset brings the list price back', async () => {
  await ask('price ENTERPRISEPACK 10 EUR monthly', /ENTERPRISEPACK/);
  const list = oneLine((await ask('price list', /Licence prices/)).text);
  expect(list).toMatch(/Office 365 E3 \(ENTERPRISEPACK\) Your price, set by .+ €10\.00\/user\/month · monthly/);
  expect(list).toMatch(/Microsoft 365 E5 \(SPE_E5\) Microsoft list price from 2026-07-01 .+ \$60\.00\/user\/month · annual/);

  const reset = await ask('price reset ENTERPRISEPACK', /ENTERPRISEPACK/);
  expect(reset.text).toContain('the list price $26.00/user/month · annual applies');
  const card = oneLine((await ask('licenses', /Reading licences/)).text);
  expect(card).toContain('11 seats · $26.00 each (list)');
});

test('a user active only in Teams is not inactive; one inactive everywhere is, with the signal named', async () => {
  const card = oneLine((await ask('licenses', /Reading licences/)).text);
  expect(card).toMatch(/Inactive 90\+ days \(every Microsoft 365 service, active-user report of \d{4}-\d{2}-\d{2}\)/);
  expect(card).toMatch(/Ida Idle · no activity in any Microsoft 365 service for (199|200) days \(last: Exchange\)/);
  expect(card).not.toContain('Tom Teams');
  expect(card).toMatch(/Inactive 90\+ days 1 account/);
});

test('licenses by department: cost and waste per department at list prices, costliest first', async () => {
  const card = oneLine((await ask('licenses by department', /Reading licences/)).text);
  // Board: 2 × $60; Sales: Ann, Ben, Dan (disabled), Ida (inactive) × $26, 2 wasted; Engineering: Cat, Tom;
  // the shared mailbox Info has no department.
  expect(card).toContain('Licences by department');
  expect(card).toMatch(
    /Board 2 seats, 0 wasted 2 \$120\.00 \$0\.00 Sales 4 seats, 2 wasted 4 \$104\.00 \$52\.00 Engineering 2 seats, 0 wasted 2 \$52\.00 \$0\.00 \(no department\) 1 seat, 1 wasted 1 \$26\.00 \$26\.00/,
  );
  expect(card).toContain('assigned to nobody belong to no department: 4 seats, $104.00/month');
  expect((await ask('licenses by hat size', /couldn't read/)).text).toMatch(/department, country or company/);
});

test('export licenses: every row carries its price, currency, monthly cost and waste category', async () => {
  const since = stack.connector.activities.length;
  await stack.say('export licenses');
  const sent = await stack.connector.waitFor(() => stack.connector.activities.slice(since).find((a) => a.kind === 'send'));
  const done = await stack.connector.waitFor(() => {
    const a = stack.connector.messages.get(sent.id);
    return a && /Download CSV/.test(cardText(a)) ? a : undefined;
  });
  const link = JSON.stringify(done).match(/"url":"(https?:[^"]+)"/)![1];
  const csv = await (await fetch(link.replace(/^https?:\/\/[^/]+/, stack.bot.url))).text();
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe(
    'Row,Subscription or account,Part number or UPN,Bought,Assigned,Free,Status or reason,Licences,Price per user per month,Currency,Monthly cost,Waste category',
  );
  expect(lines).toContain('Subscription,Office 365 E3,ENTERPRISEPACK,11,7,4,Enabled,,26,USD,286,');
  expect(lines).toContain(
    'Waste: unassigned seats,Office 365 E3,ENTERPRISEPACK,,,4,"bought, assigned to nobody",Office 365 E3,26,USD,104,unassigned seats',
  );
  expect(lines.find((l) => l.includes('dan@contoso.example'))).toMatch(/,26,USD,26,disabled or inactive account$/);
  expect(lines.find((l) => l.includes('info@contoso.example'))).toMatch(/,26,USD,26,shared mailbox that needs no licence$/);
});

test('with names concealed in reports, inactive falls back to mailbox use and the card says why', async () => {
  // A stack of its own: the bot keeps the active-user report it read for 30 minutes.
  const tenant = pricedTenant();
  tenant.reportSettings = { displayConcealedNames: true };
  const concealed = await startStack({ tenant });
  try {
    const card = oneLine((await askBot(concealed, 'licenses', { first: /Reading licences/, ownConversation: true })).text);
    expect(card).toMatch(/Inactive 90\+ days \(mailbox use only: the tenant conceals names in usage reports/);
    // Without the report, Tom's 200 days without mail make him inactive: the fallback is named.
    expect(card).toMatch(/Tom Teams · no mailbox interaction for 20\d days/);
  } finally {
    await concealed.stop();
  }
});
