// Who may use the bot: BOT_ADMINS, members of BOT_ADMIN_GROUP_ID (asked of Graph, cached briefly),
// nobody from another tenant; and a refusal that tells the caller nothing about the tenant.
import { AdminPolicy, refusalText, AccessDecision } from '../../../src/access/admins';
import type { Conversation } from '../../../src/dispatch/types';

const TENANT = 'aaaaaaaa-0000-0000-0000-000000000001';
const ADMIN = '00000000-0000-0000-0000-00000000000a';
const MEMBER = '00000000-0000-0000-0000-00000000000b';
const OTHER = '00000000-0000-0000-0000-00000000000c';
const GROUP = 'gggggggg-0000-0000-0000-000000000001';

const here: Conversation = { id: 'c', type: 'personal', tenantId: TENANT };
const caller = (id: string) => ({ aadObjectId: id, name: 'Someone' });

function policy(extra: Partial<ConstructorParameters<typeof AdminPolicy>[0]> = {}) {
  const asked: string[] = [];
  let clock = 1_000_000;
  const p = new AdminPolicy({
    admins: [ADMIN.toUpperCase()],
    groupId: GROUP,
    tenantId: TENANT.toUpperCase(),
    isGroupMember: async (user, group) => {
      asked.push(user);
      return group === GROUP && user === MEMBER;
    },
    now: () => clock,
    memberCacheMs: 5 * 60_000,
    nonMemberCacheMs: 60_000,
    ...extra,
  });
  return { p, asked, advance: (ms: number) => (clock += ms) };
}

test('a listed admin gets in, whatever the case of the id', async () => {
  const { p } = policy();
  expect(await p.check(caller(ADMIN), here)).toEqual({ allowed: true, via: 'list' });
});

test('a member of the admin group gets in; someone else does not', async () => {
  const { p } = policy();
  expect(await p.check(caller(MEMBER), here)).toEqual({ allowed: true, via: 'group' });
  expect(await p.check(caller(OTHER), here)).toEqual({ allowed: false, reason: 'not-admin' });
});

test('membership answers are cached briefly, then asked again', async () => {
  const { p, asked, advance } = policy();
  await p.check(caller(MEMBER), here);
  await p.check(caller(MEMBER), here);
  await p.check(caller(OTHER), here);
  await p.check(caller(OTHER), here);
  expect(asked).toEqual([MEMBER, OTHER]);
  advance(61_000); // a refusal is remembered for a shorter time than an admission
  await p.check(caller(OTHER), here);
  await p.check(caller(MEMBER), here);
  expect(asked).toEqual([MEMBER, OTHER, OTHER]);
  advance(5 * 60_000);
  await p.check(caller(MEMBER), here);
  expect(asked).toEqual([MEMBER, OTHER, OTHER, MEMBER]);
});

test('activities from another tenant, or naming none, are refused even for a listed admin', async () => {
  const { p, asked } = policy();
  expect(await p.check(caller(ADMIN), { ...here, tenantId: 'bbbbbbbb-0000-0000-0000-000000000001' })).toEqual({
    allowed: false,
    reason: 'wrong-tenant',
  });
  expect(await p.check(caller(MEMBER), { ...here, tenantId: undefined })).toEqual({ allowed: false, reason: 'wrong-tenant' });
  expect(asked).toEqual([]); // no Graph call on behalf of a stranger's tenant
});

test('a caller with no Entra id is refused', async () => {
  const { p } = policy();
  expect(await p.check(caller(''), here)).toEqual({ allowed: false, reason: 'unknown-user' });
});

test('when Graph cannot answer, the caller is refused (never let in) and nothing is cached', async () => {
  let fail = true;
  const p = new AdminPolicy({
    admins: [],
    groupId: GROUP,
    isGroupMember: async () => {
      if (fail) throw new Error('Graph is down');
      return true;
    },
  });
  expect(await p.check(caller(MEMBER), here)).toEqual({ allowed: false, reason: 'cannot-verify' });
  fail = false;
  expect(await p.check(caller(MEMBER), here)).toEqual({ allowed: true, via: 'group' });
});

test('every refusal but "cannot verify" reads the same, and none names the tenant or the reason', () => {
  const reasons: Exclude<AccessDecision, { allowed: true }>['reason'][] = ['not-admin', 'wrong-tenant', 'unknown-user'];
  const texts = new Set(reasons.map((reason) => refusalText({ allowed: false, reason })));
  expect(texts.size).toBe(1);
  const all = [...texts, refusalText({ allowed: false, reason: 'cannot-verify' })].join(' ');
  expect(all).not.toMatch(/tenant|group|BOT_ADMIN|[0-9a-f]{8}-/i);
});

test('with no admins and no group, someone of the tenant is told what to set, with their own object id', async () => {
  const p = new AdminPolicy({ admins: [], tenantId: TENANT });
  const decision = await p.check(caller(MEMBER), here);
  expect(decision).toEqual({ allowed: false, reason: 'no-admins', callerId: MEMBER });
  const text = refusalText(decision as Exclude<AccessDecision, { allowed: true }>);
  expect(text).toMatch(/BOT_ADMINS/);
  expect(text).toContain(`BOT_ADMINS=${MEMBER}`);
  // Someone of another tenant learns nothing.
  expect(await p.check(caller(MEMBER), { ...here, tenantId: 'other-tenant' })).toEqual({ allowed: false, reason: 'wrong-tenant' });
});
