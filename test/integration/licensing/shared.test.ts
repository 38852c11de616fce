// `shared` and the Assign licence buttons over real HTTP, remediation on: the bot on a free port, the
// simulated demo tenant over HTTPS, Azurite, and a local connector receiving what the bot posts.
import { startStack, Stack, ADMIN_ID } from '../../support/stack';
import { cardText } from '../../support/connector';
import { mailboxUsers, visible } from '../../support/tenant-facts';
import { EXCHANGE_PLAN } from '../../../src/simulator/tenant/skus';
import type { FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';
import { askBot } from '../../support/ask';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ tenant: 'demo', config: { remediation: true } });
});
afterAll(async () => {
  await stack?.stop();
});

const GB = 1024 ** 3;
const ask = (text: string, first: RegExp, final?: RegExp) => askBot(stack, text, { first, final });

/** Every Action.Execute in a card (or an activity holding cards) with this verb. */
function buttons(node: any, verb: string, found: any[] = []): any[] {
  if (Array.isArray(node)) node.forEach((n) => buttons(n, verb, found));
  else if (node && typeof node === 'object') {
    if (node.type === 'Action.Execute' && node.verb === verb) found.push(node);
    for (const v of Object.values(node)) buttons(v, verb, found);
  }
  return found;
}

const cardOf = (res: { body: any }) => visible(cardText({ attachments: [{ content: res.body.value }] }));

/** Exchange plans in effect for a fixture user, worked out from the fixture alone. */
function plansOf(tenant: TenantFixture, user: FixtureUser) {
  const inEffect = new Set<string>();
  for (const license of user.assignedLicenses) {
    const sku = tenant.subscribedSkus.find((s) => s.skuId === license.skuId)!;
    for (const p of sku.servicePlans) {
      if ((p.provisioningStatus ?? 'Success') === 'Success' && !(license.disabledPlans ?? []).includes(p.servicePlanId))
        inEffect.add(p.servicePlanId);
    }
  }
  return {
    plan2: inEffect.has(EXCHANGE_PLAN.enterprise),
    plan1: inEffect.has(EXCHANGE_PLAN.standard),
    archiving: inEffect.has(EXCHANGE_PLAN.archiveAddon),
  };
}

/** Shared mailboxes that need a licence and lack it: over 50 GB needs Plan 2; an archive or a hold needs Plan 2 or Plan 1 + Archiving. */
function lacking(tenant: TenantFixture): FixtureUser[] {
  return mailboxUsers(tenant, 'SharedMailbox').filter((u) => {
    const m = u.mailbox!;
    const plans = plansOf(tenant, u);
    if (m.totalItemSizeBytes > 50 * GB) return !plans.plan2;
    const extras = m.archiveStatus === 'Active' || m.autoExpandingArchiveEnabled || m.litigationHoldEnabled;
    return extras && !(plans.plan2 || (plans.plan1 && plans.archiving));
  });
}

async function simUser(upn: string): Promise<FixtureUser> {
  return (await fetch(`${stack.sim.controlUrl}/_sim/users/${encodeURIComponent(upn)}`)).json();
}

test('shared counts the mailboxes that need a licence and names those over 50 GB without Plan 2', async () => {
  await fetch(`${stack.sim.controlUrl}/_sim/requests`, { method: 'DELETE' });
  const { text, activity } = await ask('shared', /Reading shared mailboxes/);
  const shared = mailboxUsers(stack.tenant, 'SharedMailbox');
  const needs = lacking(stack.tenant);
  const canSignIn = shared.filter((u) => u.accountEnabled);
  expect(needs.length).toBeGreaterThan(3);
  expect(text).toMatch(new RegExp(`\\b${needs.length}\\s+need a licence now`));
  expect(text).toMatch(new RegExp(`\\b${canSignIn.length}\\s+can sign in`));
  expect(text).toContain(`${shared.length} shared mailboxes`);

  const over50 = shared.filter((u) => u.mailbox!.totalItemSizeBytes > 50 * GB && !plansOf(stack.tenant, u).plan2);
  expect(over50.length).toBeGreaterThan(0);
  for (const u of over50) {
    const start = text.indexOf(u.userPrincipalName);
    expect(start).toBeGreaterThan(-1);
    expect(text.slice(start, text.indexOf('Details', start))).toMatch(/over 50 GB/);
  }
  // A mailbox within the rules that cannot sign in gets no line.
  const info = shared.find((u) => u.mailbox!.alias === 'info')!;
  expect(text).not.toContain(info.userPrincipalName);
  // Remediation is on: mailboxes with a licence to give get an Assign licence button.
  const assign = buttons(activity, 'licence.assign.confirm');
  expect(assign.length).toBeGreaterThan(0);
  expect(assign.map((b) => b.data.upn)).toEqual(expect.arrayContaining([over50[0].userPrincipalName]));

  // Statistics only of shared mailboxes (and their archives), and their accounts by id, not every user.
  const counts = await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json();
  const archives = shared.filter((u) => u.mailbox!.archiveStatus === 'Active').length;
  expect(counts.apis.exchange.cmdlets['Get-MailboxStatistics']).toBe(shared.length + archives);
  expect(counts.apis.graph.paths['GET /v1.0/users'] ?? 0).toBe(0);
  expect(counts.apis.graph.paths['POST /v1.0/$batch']).toBe(Math.ceil(shared.length / 20));
});

test('statistics that cannot be read make the report say it is partial', async () => {
  // Only the $batch of statistics fails; Get-Mailbox pages come through.
  await stack.setFaults([{ api: 'exchange', path: '\\$batch', status: 500 }]);
  try {
    const { text } = await ask('shared', /Reading shared mailboxes/);
    const shared = mailboxUsers(stack.tenant, 'SharedMailbox');
    expect(text).toMatch(new RegExp(`Partial: statistics could not be read for ${shared.length} of ${shared.length} shared mailboxes`));
    expect(text).toMatch(/Retry/);
  } finally {
    await stack.setFaults([]);
  }
});

test('Assign licence, then Confirm, licenses the mailbox in the tenant and logs who asked', async () => {
  const { activity } = await ask('shared', /Reading shared mailboxes/);
  // The card's first row, the mailbox most at risk: over 50 GB, with an archive and on litigation hold.
  const legal = mailboxUsers(stack.tenant, 'SharedMailbox').find((u) => u.mailbox!.alias === 'legal-archive')!;
  expect((await simUser(legal.userPrincipalName)).assignedLicenses).toEqual([]);
  const button = buttons(activity, 'licence.assign.confirm').find((b) => b.data.upn === legal.userPrincipalName);
  expect(button).toBeDefined();

  const confirm = await stack.click(button.verb, button.data, { replyToId: 'shared-card' });
  expect(confirm.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardOf(confirm)).toContain(legal.userPrincipalName);
  expect(cardOf(confirm)).toMatch(/litigation hold/);
  const [ok] = buttons(confirm.body.value, 'licence.assign');
  expect(ok.data.skuIds.length).toBeGreaterThan(0);

  const done = await stack.click(ok.verb, ok.data, { replyToId: 'shared-card' });
  expect(done.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardOf(done)).toMatch(/Licence assigned/);
  expect(cardOf(done)).toMatch(/Test Admin/);
  const after = await simUser(legal.userPrincipalName);
  expect(after.assignedLicenses.map((l) => l.skuId).sort()).toEqual([...ok.data.skuIds].sort());
  const logged = stack.logLines
    .map((l) => JSON.parse(l))
    .find((l) => l.msg === 'licence change' && l.userPrincipalName === legal.userPrincipalName);
  expect(logged).toMatchObject({ outcome: 'assigned', requestedBy: { aadObjectId: ADMIN_ID }, addSkuIds: ok.data.skuIds });

  // Confirming the same card again: the mailbox has its licence now, so nothing more is assigned.
  const again = await stack.click(ok.verb, ok.data);
  expect(again.body.type).toBe('application/vnd.microsoft.activity.message');
  expect(again.body.value).toMatch(/Nothing to assign/);
  expect((await simUser(legal.userPrincipalName)).assignedLicenses).toEqual(after.assignedLicenses);
});

test('Graph refuses a mailbox whose account has no usage location, and the card says how to fix it', async () => {
  const apac = mailboxUsers(stack.tenant, 'SharedMailbox').find((u) => u.mailbox!.alias === 'orders-apac')!;
  expect(apac.usageLocation ?? null).toBeNull();
  const { activity } = await ask('shared', /Reading shared mailboxes/);
  const button = buttons(activity, 'licence.assign.confirm').find((b) => b.data.upn === apac.userPrincipalName);
  const confirm = await stack.click(button.verb, button.data);
  expect(cardOf(confirm)).toMatch(/no usage location/);
  const [ok] = buttons(confirm.body.value, 'licence.assign');
  const done = await stack.click(ok.verb, ok.data);
  expect(cardOf(done)).toMatch(/refused/i);
  expect(cardOf(done)).toMatch(/Usage location/i);
  expect(cardOf(done)).toMatch(/Nothing was changed/);
  expect((await simUser(apac.userPrincipalName)).assignedLicenses).toEqual([]);
  const logged = stack.logLines
    .map((l) => JSON.parse(l))
    .find((l) => l.msg === 'licence change' && l.userPrincipalName === apac.userPrincipalName);
  expect(logged).toMatchObject({ outcome: 'refused', refusal: { status: 400 } });
});

test("a forged Confirm gets the bot's own proposal back, not the licence it asked for", async () => {
  const sales = mailboxUsers(stack.tenant, 'SharedMailbox').find((u) => u.mailbox!.alias === 'sales')!;
  const e5 = stack.tenant.subscribedSkus.find((s) => s.skuPartNumber === 'SPE_E5')!;
  const forged = await stack.click('licence.assign', {
    upn: sales.userPrincipalName,
    skuId: e5.skuId,
    skuIds: [e5.skuId],
    removeSkuIds: [],
  });
  expect(forged.body.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardOf(forged)).toMatch(/tenant changed/);
  expect(buttons(forged.body.value, 'licence.assign')[0].data.skuIds).not.toContain(e5.skuId);
  expect((await simUser(sales.userPrincipalName)).assignedLicenses).toEqual([]);

  for (const data of [
    { upn: sales.userPrincipalName, skuIds: ['not-a-guid'] },
    { upn: 'Sales', skuIds: [e5.skuId] },
    { upn: sales.userPrincipalName, skuIds: [] },
    { upn: sales.userPrincipalName, skuIds: [e5.skuId], removeSkuIds: 'all' },
  ]) {
    for (const verb of ['licence.assign.confirm', 'licence.assign']) {
      const res = await stack.click(verb, data);
      expect(res.body.statusCode).toBe(400);
    }
  }
  // A user mailbox is not a shared one: no licence from this button.
  const megan = mailboxUsers(stack.tenant, 'UserMailbox').find((u) => u.mailbox!.alias === 'meganb')!;
  const user = await stack.click('licence.assign.confirm', { upn: megan.userPrincipalName, skuIds: [e5.skuId], removeSkuIds: [] });
  expect(user.body.statusCode).toBe(400);
});

test('Cancel changes nothing and says so', async () => {
  const sales = mailboxUsers(stack.tenant, 'SharedMailbox').find((u) => u.mailbox!.alias === 'sales')!;
  const res = await stack.click('licence.assign.cancel', { upn: sales.userPrincipalName });
  expect(cardOf(res)).toMatch(/Cancelled/);
  expect(cardOf(res)).toMatch(/Nothing was changed/);
  expect((await simUser(sales.userPrincipalName)).assignedLicenses).toEqual([]);
});
