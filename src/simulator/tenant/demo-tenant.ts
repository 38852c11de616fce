// The built-in demo tenant, Contoso: about 200 mailboxes in which every report, verdict and alert
// of the bot has something to show. Hand-written people and shared mailboxes carry the cases;
// generated colleagues fill the lists. Deterministic for the day of `now`.

import type { FixtureUser, TenantFixture } from './fixture';
import {
  ADMIN_GROUP_NAME,
  before,
  contents,
  archiveContents,
  created,
  DAY,
  GB,
  grantedIdentity,
  QUOTA_100GB,
  QUOTA_50GB,
  resourceMailboxUser,
  startDraft,
  userMailboxUser,
  type MailboxQuota,
  type TenantDraft,
  groupMailboxes,
} from './generate';
import { EXCHANGE_PLAN, SKU, type CatalogSku } from './skus';
import { consumedUnits, subscribedSku } from './subscriptions';

/** The Microsoft 365 Agents Playground's signed-in user: 13 digits in the last group, but it is theirs. */
export const PLAYGROUND_USER_ID = '00000000-0000-0000-0000-0000000000020';
export const DEMO_DOMAIN = 'contoso.onmicrosoft.com';
/** Fixed so the demo is the same tenant every run; only its dates follow `now`. */
const DEMO_SEED = 20_240_611;
const FILLER_PEOPLE = 140;

type License = FixtureUser['assignedLicenses'][number];
const assign = (sku: CatalogSku, disabledPlans: string[] = []): License => ({ skuId: sku.skuId, disabledPlans });

interface MailboxSpec {
  alias: string;
  displayName: string;
  licenses?: License[];
  /** Primary mailbox size in GB; a share of the quota when `quotaShare` is given instead. */
  sizeGB?: number;
  quotaShare?: number;
  /** Defaults to the quota the licences give. */
  quota?: MailboxQuota;
  archive?: 'archive' | 'auto-expanding';
  hold?: boolean;
  accountEnabled?: boolean;
  /** Days since last use; null: never used. Default: within the last day. */
  idleDays?: number | null;
  usageLocation?: string | null;
  id?: string;
}

/** Plan 2 anywhere in the licences (not disabled) gives 100 GB; otherwise Exchange gives 50 GB. */
function quotaFor(licenses: readonly License[]): MailboxQuota {
  const plan2 = licenses.some((l) => {
    const sku = Object.values(SKU).find((s) => s.skuId === l.skuId);
    return (
      sku?.servicePlans.some((p) => p.servicePlanId === EXCHANGE_PLAN.enterprise) && !l.disabledPlans?.includes(EXCHANGE_PLAN.enterprise)
    );
  });
  return plan2 ? QUOTA_100GB : QUOTA_50GB;
}

function mailboxUser(draft: TenantDraft, kind: 'UserMailbox' | 'SharedMailbox', spec: MailboxSpec): FixtureUser {
  const { rng } = draft;
  const upn = `${spec.alias}@${draft.domain}`;
  draft.nextSuffix.set(spec.alias, 2);
  const licenses = spec.licenses ?? [];
  const quota = spec.quota ?? quotaFor(licenses);
  const bytes =
    spec.quotaShare !== undefined
      ? Math.round(quota.prohibitSendReceiveQuotaBytes * spec.quotaShare)
      : Math.round((spec.sizeGB ?? rng.lognormal(kind === 'SharedMailbox' ? 0.4 : 2, 1)) * GB);
  const idleMs =
    spec.idleDays === null ? null : spec.idleDays !== undefined ? spec.idleDays * DAY + rng.between(0, DAY / 2) : rng.between(600_000, DAY);
  const dates = created(draft, spec.idleDays ? spec.idleDays + 30 : 30);
  const autoExpanding = spec.archive === 'auto-expanding';
  return {
    id: spec.id ?? rng.guid(),
    userPrincipalName: upn,
    displayName: spec.displayName,
    mail: upn,
    accountEnabled: spec.accountEnabled ?? kind === 'UserMailbox',
    userType: 'Member',
    usageLocation: spec.usageLocation === undefined ? 'US' : spec.usageLocation,
    createdDateTime: dates.createdDateTime,
    assignedLicenses: licenses,
    mailbox: {
      recipientTypeDetails: kind,
      primarySmtpAddress: upn,
      alias: spec.alias,
      whenMailboxCreated: dates.whenMailboxCreated,
      ...contents(rng, bytes),
      ...quota,
      lastInteractionTime: idleMs === null ? null : before(draft, idleMs),
      lastLogonTime: idleMs === null || kind === 'SharedMailbox' ? null : before(draft, idleMs + 3_600_000),
      litigationHoldEnabled: spec.hold ?? false,
      archiveStatus: spec.archive ? 'Active' : 'None',
      autoExpandingArchiveEnabled: autoExpanding,
      archive: spec.archive ? archiveContents(rng, autoExpanding) : null,
    },
  };
}

/** Shared mailboxes, one for every licensing case the `shared` command and its alerts explain. */
function sharedMailboxes(draft: TenantDraft): FixtureUser[] {
  const specs: MailboxSpec[] = [
    // Needs a licence and lacks it.
    { alias: 'sales', displayName: 'Sales', sizeGB: 62.4, quota: QUOTA_100GB },
    { alias: 'legal', displayName: 'Legal', sizeGB: 8.2, hold: true },
    { alias: 'legal-archive', displayName: 'Legal Archive', sizeGB: 71.3, quota: QUOTA_100GB, archive: 'archive', hold: true },
    { alias: 'hr-records', displayName: 'HR Records', sizeGB: 23.9, archive: 'auto-expanding' },
    { alias: 'projects', displayName: 'Projects', sizeGB: 12.5, archive: 'archive', licenses: [assign(SKU.ExchangePlan1)] },
    {
      alias: 'board',
      displayName: 'Board Office',
      sizeGB: 4.1,
      archive: 'archive',
      licenses: [assign(SKU.E3, [EXCHANGE_PLAN.enterprise])],
    },
    // The one whose account has no usage location: assigning it a licence fails until one is set.
    { alias: 'orders-apac', displayName: 'Orders (APAC)', sizeGB: 18.6, archive: 'archive', usageLocation: null },
    // Licensed as they must be.
    {
      alias: 'finance',
      displayName: 'Finance',
      sizeGB: 16.7,
      archive: 'archive',
      licenses: [assign(SKU.ExchangePlan1), assign(SKU.ExchangeArchiving)],
    },
    { alias: 'compliance', displayName: 'Compliance', sizeGB: 58.2, hold: true, archive: 'archive', licenses: [assign(SKU.M365E5)] },
    { alias: 'payroll', displayName: 'Payroll', sizeGB: 9.8, hold: true, licenses: [assign(SKU.ExchangePlan2)] },
    // Licensed, but the subscription's Exchange plan is still being provisioned.
    { alias: 'records', displayName: 'Records Management', sizeGB: 31.0, hold: true, licenses: [assign(SKU.O365E5)] },
    // Licensed without needing it.
    { alias: 'marketing', displayName: 'Marketing', sizeGB: 2.3, licenses: [assign(SKU.ExchangePlan1)] },
    { alias: 'careers', displayName: 'Careers', sizeGB: 0.6, licenses: [assign(SKU.E3)] },
    // Needs nothing yet.
    { alias: 'press', displayName: 'Press Office', sizeGB: 50, quota: QUOTA_100GB },
    { alias: 'reception', displayName: 'Reception', sizeGB: 3.2, quota: QUOTA_100GB },
    { alias: 'invoices', displayName: 'Invoices', sizeGB: 47.3 },
    { alias: 'accounts-payable', displayName: 'Accounts Payable', sizeGB: 45.6 },
    { alias: 'info', displayName: 'Info', sizeGB: 1.4 },
    { alias: 'helpdesk', displayName: 'IT Helpdesk', sizeGB: 6.8 },
    // An account that can sign in: a security finding, whatever the licence.
    { alias: 'support', displayName: 'Customer Support', sizeGB: 11.2, accountEnabled: true },
    { alias: 'events', displayName: 'Events', sizeGB: 0.3, idleDays: 240 },
  ];
  return specs.map((spec) => mailboxUser(draft, 'SharedMailbox', spec));
}

/** People who each show something: the admins, quotas, idle and disabled accounts, scripts, hostile names. */
function people(draft: TenantDraft): FixtureUser[] {
  const e5 = [assign(SKU.M365E5)];
  const e3 = [assign(SKU.E3)];
  const specs: MailboxSpec[] = [
    { id: PLAYGROUND_USER_ID, alias: 'alexw', displayName: 'Alex Wilber', licenses: e5, sizeGB: 3.4 },
    { alias: 'meganb', displayName: 'Megan Bowen', licenses: e5, sizeGB: 7.9 },
    { alias: 'irvins', displayName: 'Irvin Sayers', licenses: e3, sizeGB: 1.2 },
    // Near quota.
    { alias: 'lynner', displayName: 'Lynne Robbins', licenses: [assign(SKU.BusinessPremium)], quotaShare: 0.962 },
    { alias: 'gradya', displayName: 'Grady Archer', licenses: e3, quotaShare: 0.917, archive: 'archive' },
    { alias: 'diegos', displayName: 'Diego Siciliani', licenses: e5, quotaShare: 0.985 },
    { alias: 'leeg', displayName: 'Lee Gu', licenses: [assign(SKU.ExchangePlan1)], quotaShare: 0.9 },
    // Idle for months, or never used.
    { alias: 'johannal', displayName: 'Johanna Lorenz', licenses: e3, sizeGB: 0.8, idleDays: 213 },
    { alias: 'pradeepg', displayName: 'Pradeep Gupta', licenses: e3, sizeGB: 0.02, idleDays: null },
    // Disabled accounts still holding licences.
    { alias: 'nestorw', displayName: 'Nestor Wilke', licenses: e3, sizeGB: 5.5, accountEnabled: false, idleDays: 128 },
    {
      alias: 'isaiahl',
      displayName: 'Isaiah Langer',
      licenses: [assign(SKU.M365E5), assign(SKU.ExchangeArchiving)],
      sizeGB: 2.2,
      accountEnabled: false,
      idleDays: null,
    },
    // Holds and archives on people.
    { alias: 'henrietta.muller', displayName: 'Henriëtta Müller', licenses: e5, sizeGB: 38.5, hold: true, archive: 'auto-expanding' },
    {
      alias: 'christie.cline',
      displayName: 'Christie Cline',
      licenses: [assign(SKU.E3, [EXCHANGE_PLAN.enterprise]), assign(SKU.ExchangePlan1)],
      sizeGB: 4.4,
    },
    // Names in several scripts.
    { alias: 'jose.nunez', displayName: 'José Núñez', licenses: e3, sizeGB: 2.9, usageLocation: 'ES' },
    { alias: 'zoe.bronte', displayName: 'Zoë Brontë', licenses: e3, sizeGB: 1.7, usageLocation: 'GB' },
    { alias: 'dmitriy.sokolov', displayName: 'Дмитрий Соколов', licenses: [assign(SKU.BusinessPremium)], sizeGB: 6.3, usageLocation: 'UA' },
    { alias: 'olympia.papadopoulou', displayName: 'Ολυμπία Παπαδοπούλου', licenses: e3, sizeGB: 3.6, usageLocation: 'GR' },
    { alias: 'fatima.alzahra', displayName: 'فاطمة الزهراء', licenses: e3, sizeGB: 2.4, usageLocation: 'AE' },
    { alias: 'noa.cohen', displayName: 'נועה כהן', licenses: e3, sizeGB: 1.9, usageLocation: 'IL' },
    { alias: 'wang.fang', displayName: '王芳', licenses: e5, sizeGB: 12.1, usageLocation: 'CN' },
    { alias: 'sato.hina', displayName: '佐藤 陽菜', licenses: e3, sizeGB: 5.0, usageLocation: 'JP' },
    { alias: 'kim.minjun', displayName: '김민준', licenses: e3, sizeGB: 2.6, usageLocation: 'KR' },
    { alias: 'priya.sharma', displayName: 'प्रिया शर्मा', licenses: e3, sizeGB: 1.1, usageLocation: 'IN' },
    { alias: 'ravi.nolocation', displayName: 'Ravi Menon', licenses: [assign(SKU.ExchangePlan1)], sizeGB: 0.9, usageLocation: null },
    // Names that must be shown as plain text.
    { alias: 'mallory', displayName: '**bold** Mallory', licenses: e3, sizeGB: 0.4 },
    { alias: 'trudy', displayName: '<b>html</b> Trudy', licenses: e3, sizeGB: 0.5 },
    { alias: 'owner.template', displayName: '${owner}', licenses: e3, sizeGB: 0.3 },
    { alias: 'date.template', displayName: '{{DATE(2020-01-01T00:00:00Z)}}', licenses: e3, sizeGB: 0.3 },
    { alias: 'hyperlink', displayName: '=HYPERLINK("http://x")', licenses: e3, sizeGB: 0.2 },
    { alias: 'plus1', displayName: '+1-555 Reception', licenses: e3, sizeGB: 0.2 },
    { alias: 'atsum', displayName: '@sum(A1:A9)', licenses: e3, sizeGB: 0.2 },
    { alias: 'minus', displayName: '-2+3 Minus', licenses: e3, sizeGB: 0.2 },
    { alias: 'party', displayName: 'Party 🎉 Planner 👩‍💻', licenses: e3, sizeGB: 0.7 },
    { alias: 'obrien', displayName: 'O\'Brien "Bob"', licenses: e3, sizeGB: 1.3 },
    { alias: 'clickme', displayName: '[click me](http://x) Eve', licenses: e3, sizeGB: 0.1 },
    { alias: 'backslash', displayName: 'Back\\slash\ttab Dan', licenses: e3, sizeGB: 0.1 },
  ];
  return specs.map((spec) => mailboxUser(draft, 'UserMailbox', spec));
}

/** Accounts with no mailbox: Office without Exchange, and a guest. */
function withoutMailbox(draft: TenantDraft): FixtureUser[] {
  const { rng } = draft;
  return [
    {
      id: rng.guid(),
      userPrincipalName: `patti.fernandez@${draft.domain}`,
      displayName: 'Patti Fernandez',
      mail: null,
      accountEnabled: true,
      userType: 'Member',
      usageLocation: 'US',
      createdDateTime: before(draft, 400 * DAY),
      assignedLicenses: [assign(SKU.E3, [EXCHANGE_PLAN.enterprise])],
      mailbox: null,
    },
    {
      id: rng.guid(),
      userPrincipalName: `adele.vance_fabrikam.com#EXT#@${draft.domain}`,
      displayName: 'Adele Vance (Fabrikam)',
      mail: 'adele.vance@fabrikam.com',
      accountEnabled: true,
      userType: 'Guest',
      usageLocation: null,
      createdDateTime: before(draft, 90 * DAY),
      assignedLicenses: [],
      mailbox: null,
    },
  ];
}

export function demoTenant(now = new Date()): TenantFixture {
  const draft = startDraft(DEMO_SEED, now, DEMO_DOMAIN);
  const { rng } = draft;
  const tenantId = rng.guid();
  const identity = grantedIdentity(rng);
  const groupId = rng.guid();
  const named = people(draft);
  const shared = sharedMailboxes(draft);
  const filler: FixtureUser[] = [];
  for (let i = 0; i < FILLER_PEOPLE; i++) filler.push(userMailboxUser(draft));
  const resources = [
    resourceMailboxUser(draft, 'RoomMailbox', 0),
    resourceMailboxUser(draft, 'RoomMailbox', 1),
    resourceMailboxUser(draft, 'RoomMailbox', 2),
    resourceMailboxUser(draft, 'EquipmentMailbox', 0),
    resourceMailboxUser(draft, 'EquipmentMailbox', 1),
  ];
  const users = [...named, ...shared, ...filler, ...resources, ...withoutMailbox(draft)];
  const consumed = consumedUnits(users);
  const seats = (sku: CatalogSku, free: number): number => (consumed.get(sku.skuId) ?? 0) + free;
  const admins = ['alexw', 'meganb', 'irvins'].map((alias) => named.find((u) => u.mailbox?.alias === alias)!.id);
  const fixture: TenantFixture = {
    tenant: { id: tenantId, initialDomain: DEMO_DOMAIN, displayName: 'Contoso' },
    identity,
    reportSettings: { displayConcealedNames: false },
    reportRefreshDate: before(draft, 2 * DAY).slice(0, 10),
    subscribedSkus: [
      subscribedSku(SKU.E3, seats(SKU.E3, 12)),
      subscribedSku(SKU.M365E5, seats(SKU.M365E5, 1)),
      subscribedSku(SKU.O365E5, seats(SKU.O365E5, 4), [EXCHANGE_PLAN.enterprise]),
      subscribedSku(SKU.BusinessPremium, seats(SKU.BusinessPremium, 5)),
      subscribedSku(SKU.ExchangePlan1, seats(SKU.ExchangePlan1, 6)),
      subscribedSku(SKU.ExchangePlan2, seats(SKU.ExchangePlan2, 10)),
      subscribedSku(SKU.ExchangeArchiving, seats(SKU.ExchangeArchiving, 0)),
    ],
    groups: [{ id: groupId, displayName: ADMIN_GROUP_NAME, members: admins }],
    users,
  };
  fixture.groups!.push(...groupMailboxes(draft, 8));
  return fixture;
}
