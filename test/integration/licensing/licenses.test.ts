// `licenses [upn]` over real HTTP, and the licence buttons refused while remediation is off (the
// default): the bot on a free port, the simulated demo tenant over HTTPS, Azurite, a local connector.
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { mailboxUsers, visible } from '../../support/tenant-facts';
import type { FixtureUser } from '../../../src/simulator/tenant/fixture';
import { askBot } from '../../support/ask';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo', config: { remediation: false } });
});
afterAll(async () => {
  await stack?.stop();
});

const ask = (text: string, first: RegExp, final?: RegExp) => askBot(stack, text, { first, final });

async function simUser(upn: string): Promise<FixtureUser> {
  return (await fetch(`${stack.sim.controlUrl}/_sim/users/${encodeURIComponent(upn)}`)).json();
}

test('licenses calls out the subscriptions with no licence left', async () => {
  const { text } = await ask('licenses', /Reading licences/);
  const assigned = (skuId: string) => stack.tenant.users.filter((u) => u.assignedLicenses.some((l) => l.skuId === skuId)).length;
  const exhausted = stack.tenant.subscribedSkus.filter((s) => s.prepaidUnits.enabled > 0 && assigned(s.skuId) >= s.prepaidUnits.enabled);
  expect(exhausted.length).toBeGreaterThan(0);
  // The callout is a bold label and a run of text: two lines of the card's text.
  expect(text).toContain('Exhausted:');
  const callout = text.slice(text.indexOf('Exhausted:')).split('\n').slice(0, 2).join(' ');
  for (const s of exhausted) expect(callout).toContain(`(${assigned(s.skuId)} of ${s.prepaidUnits.enabled} assigned)`);
  expect(text).toContain(`${stack.tenant.subscribedSkus.length} subscriptions`);
  // Waste: the disabled accounts that still hold licences are named.
  const disabled = stack.tenant.users.filter(
    (u) => !u.accountEnabled && u.assignedLicenses.length > 0 && u.mailbox?.recipientTypeDetails === 'UserMailbox',
  );
  expect(text).toMatch(new RegExp(`Accounts that cannot sign in\\s+${disabled.length} accounts?`));
});

test('the alias licences gives the same report', async () => {
  const { text } = await ask('licences', /Reading licences/);
  expect(text).toMatch(/Exhausted:/);
});

test('licenses <upn> shows one account: its licences by name, Exchange plan and mailbox fit', async () => {
  const megan = mailboxUsers(stack.tenant, 'UserMailbox').find((u) => u.mailbox!.alias === 'meganb')!;
  const { text } = await ask(`licenses ${megan.userPrincipalName}`, /Looking up the account/);
  expect(text).toContain(megan.userPrincipalName);
  expect(text).toContain('Microsoft 365 E5');
  expect(text).toMatch(/Exchange Online \(Plan 2\)/);
  expect(text).toMatch(/fits its plan/);
});

test('licenses for an account nobody has, or with a name instead of an address, says what to type', async () => {
  const unknown = await ask('licenses nobody.here@contoso.onmicrosoft.com', /Looking up the account/);
  expect(unknown.text).toMatch(/No such account/);
  expect(unknown.text).toContain('nobody.here@contoso.onmicrosoft.com');
  const name = await ask('licenses Megan', /couldn't read that/, /UPN/);
  expect(name.text).toMatch(/licenses \[upn \| by department\|country\|company\]/);
});

test('with remediation off, shared offers no Assign licence and the buttons are refused', async () => {
  const { activity } = await ask('shared', /Reading shared mailboxes/);
  expect(JSON.stringify(activity)).not.toContain('licence.assign.confirm');

  const sales = mailboxUsers(stack.tenant, 'SharedMailbox').find((u) => u.mailbox!.alias === 'sales')!;
  const plan2 = stack.tenant.subscribedSkus.find((s) => s.skuPartNumber === 'EXCHANGEENTERPRISE')!;
  const data = { upn: sales.userPrincipalName, skuId: plan2.skuId, skuIds: [plan2.skuId], removeSkuIds: [] };
  const confirm = await stack.click('licence.assign.confirm', data);
  expect(confirm.body.statusCode).toBe(403);
  expect(confirm.body.value.message).toMatch(/REMEDIATION=on/);

  const assign = await stack.click('licence.assign', data);
  expect(visible(cardText({ attachments: [{ content: assign.body.value }] }))).toMatch(/Not allowed[\s\S]*REMEDIATION=on/);
  expect((await simUser(sales.userPrincipalName)).assignedLicenses).toEqual([]);
  const logged = stack.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'licence change');
  expect(logged).toMatchObject({ outcome: 'not-allowed', userPrincipalName: sales.userPrincipalName });
});
