// Renewals over real HTTP with the bot's clock under the test's control: the licences card lists the
// renewals of the next 90 days with the seats and money at stake, and `alerts on renewals` warns once,
// 30 days before a paid subscription renews with unused seats, and not again for that renewal.
import { randomUUID } from 'node:crypto';
import { startStack, Stack } from '../../support/stack';
import { askBot } from '../../support/ask';
import { cardText } from '../../support/connector';
import { M365_E5, O365_E3, pricedTenant } from './priced-tenant';

const DAY = 86_400_000;
const RENEWAL = new Date(Date.UTC(new Date().getUTCFullYear() + 1, 0, 15));
let now = new Date(RENEWAL.getTime() - 40 * DAY);
let stack: Stack;

beforeAll(async () => {
  const tenant = pricedTenant();
  tenant.subscriptions = [
    { skuId: O365_E3, totalLicenses: 11, nextLifecycleDateTime: RENEWAL.toISOString() },
    { skuId: M365_E5, totalLicenses: 2, nextLifecycleDateTime: RENEWAL.toISOString() },
    { skuId: O365_E3, totalLicenses: 25, isTrial: true, nextLifecycleDateTime: new Date(RENEWAL.getTime() - 35 * DAY).toISOString() },
  ];
  stack = await startStack({ tenant, clock: () => now });
});
afterAll(async () => {
  await stack?.stop();
});

const conversationId = `a:${randomUUID()}`;
const isRenewalAlert = (text: string) => /RENEWAL ALERT/.test(text);

/** `alerts check` in the test's conversation: the renewal alerts it posted and its closing line. */
async function check(): Promise<{ alerts: string[]; summary: string }> {
  const since = stack.connector.activities.length;
  expect(await stack.say('alerts check', { conversationId })).toBe(200);
  const done = await stack.connector.waitFor(() =>
    stack.connector.activities
      .slice(since)
      .find((a) => a.conversationId === conversationId && /^Checked|already running/.test(cardText(a.activity))),
  );
  const posted = stack.connector.activities.slice(since).filter((a) => a.conversationId === conversationId && a.kind === 'send');
  return { alerts: posted.map((a) => cardText(a.activity)).filter(isRenewalAlert), summary: cardText(done.activity) };
}

test('the licences card lists renewals in the next 90 days with unused seats and money at stake', async () => {
  now = new Date(RENEWAL.getTime() - 30 * DAY);
  const card = (await askBot(stack, 'licenses', { first: /Reading licences/, ownConversation: true })).text.replace(/\s+/g, ' ');
  const day = RENEWAL.toISOString().slice(0, 10);
  // E3: 11 seats, 4 free at $26 (list) = $104 a month at stake; E5: all used.
  expect(card).toContain(
    `Renewals in the next 90 days Office 365 E3 renews ${day}, in 30 days · Enabled 4 of 11 seats unused $104.00/month`,
  );
  expect(card).toContain(`Microsoft 365 E5 renews ${day}, in 30 days · Enabled 0 of 2 seats unused $0.00/month`);
  // A trial that ended five days ago is not listed.
  expect(card).not.toContain('trial ends');
});

test('alerts on renewals: nothing 40 days before, one alert 30 days before, none after for that renewal', async () => {
  now = new Date(RENEWAL.getTime() - 40 * DAY);
  expect(await stack.say('alerts on renewals', { conversationId })).toBe(200);
  const early = await check();
  expect(early.alerts).toEqual([]);
  expect(early.summary).toMatch(/nothing new/);

  now = new Date(RENEWAL.getTime() - 30 * DAY);
  const due = await check();
  expect(due.alerts).toHaveLength(1);
  expect(due.alerts[0]).toContain('Office 365 E3 renews in 30 days with 4 unused seats');
  expect(due.alerts[0]).toContain(`Lower the seat count before ${RENEWAL.toISOString().slice(0, 10)}`);

  for (const daysBefore of [29, 20, 2]) {
    now = new Date(RENEWAL.getTime() - daysBefore * DAY);
    const later = await check();
    expect(later.alerts).toEqual([]);
    expect(later.summary).toMatch(/nothing new/);
  }
});
