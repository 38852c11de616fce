// Admins by group: BOT_ADMIN_GROUP_ID's members get in through Graph's checkMemberGroups, the answer
// is cached briefly, and everyone else gets one refusal that says nothing about the tenant.
import { randomUUID } from 'node:crypto';
import { startStack, Stack } from '../../support/stack';
import { cardText } from '../../support/connector';
import { visible } from '../../support/tenant-facts';
import { loadTenant } from '../../../src/simulator/tenant/load';

let stack: Stack;
let group: { id: string; displayName: string; members: string[] };
let nonMember: string;

beforeAll(async () => {
  const tenant = loadTenant('demo');
  group = tenant.groups![0];
  nonMember = tenant.users.find((u) => !group.members.includes(u.id) && u.mailbox?.recipientTypeDetails === 'UserMailbox')!.id;
  stack = await startStack({ tenant, config: { admins: [], adminGroupId: group.id.toLowerCase() } });
});
afterAll(async () => {
  await stack?.stop();
});
beforeEach(async () => {
  await stack.setFaults([]);
  await fetch(`${stack.sim.controlUrl}/_sim/requests`, { method: 'DELETE' });
});

/** The first reply to `text` from `from`, in a conversation of its own. */
async function firstReply(text: string, from: string): Promise<string> {
  const conversationId = `conv-${randomUUID()}`;
  expect(await stack.say(text, { from, conversationId })).toBe(200);
  const reply = await stack.connector.waitFor(() =>
    stack.connector.activities.find((a) => a.conversationId === conversationId && a.kind === 'send'),
  );
  return visible(cardText(reply.activity));
}

async function membershipChecks(): Promise<number> {
  const counts = await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json();
  return Object.entries(counts.apis.graph.paths as Record<string, number>)
    .filter(([p]) => /checkMemberGroups$/i.test(p))
    .reduce((n, [, c]) => n + c, 0);
}

const REFUSAL = /only for the Microsoft 365 administrators/;

test('the admin group is what the bot checks (it is not BOT_ADMINS)', () => {
  expect(stack.bot.services.config.adminGroupId).toBe(group.id.toLowerCase());
  expect(stack.bot.services.config.admins).toEqual([]);
});

test('a member of the admin group gets in; someone outside it is refused', async () => {
  expect(await firstReply('help', group.members[0])).toMatch(/mailboxes/);
  const refused = await firstReply('mailboxes', nonMember);
  expect(refused).toMatch(REFUSAL);
});

test('membership is asked of Graph once, then remembered for a while', async () => {
  const member = group.members[1];
  for (let i = 0; i < 3; i++) expect(await firstReply('help', member)).toMatch(/mailboxes/);
  for (let i = 0; i < 3; i++) expect(await firstReply('help', nonMember)).toMatch(REFUSAL);
  // The non-member may already be cached by the test above; never more than one call per person.
  expect(await membershipChecks()).toBeLessThanOrEqual(2);
  expect(await membershipChecks()).toBeGreaterThanOrEqual(1);
});

test('someone the directory does not know gets the same refusal as a non-member', async () => {
  const stranger = randomUUID();
  const text = await firstReply('mailboxes', stranger);
  expect(text).toBe(await firstReply('mailboxes', nonMember));
});

test('every refusal reveals nothing about the tenant', async () => {
  const texts = [
    await firstReply('mailboxes all', nonMember),
    await firstReply('mailbox alexw', randomUUID()),
    await firstReply('help', randomUUID()),
  ];
  const secrets = [
    stack.tenant.tenant.initialDomain,
    stack.tenant.tenant.displayName ?? 'Contoso',
    group.displayName,
    group.id,
    stack.sim.info.tenantId,
    ...stack.tenant.users.slice(0, 50).map((u) => u.userPrincipalName),
  ];
  for (const text of texts) {
    expect(text).toMatch(REFUSAL);
    for (const s of secrets) expect(text.toLowerCase()).not.toContain(s.toLowerCase());
    expect(text).not.toMatch(/mailboxes \[|licen[cs]es/i); // not even the list of commands
  }
});

test('when Graph refuses the membership check, the caller is told to try later and is not let in', async () => {
  await stack.setFaults([{ api: 'graph', path: 'checkMemberGroups', status: 403 }]);
  const text = await firstReply('mailboxes', group.members[2]);
  expect(text).toMatch(/can't confirm your admin rights/);
  expect(text).not.toMatch(/Reading mailboxes/);
  await stack.setFaults([]);
  expect(await firstReply('help', group.members[2])).toMatch(/mailboxes/);
});
