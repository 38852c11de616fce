// `licenses` in money over real HTTP: list prices with their source by default, the tenant's own
// price once `price` sets it (kept in Blob Storage), and every waste figure as the arithmetic says.
import { startStack, Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
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
