// A synthetic tenant of any size, shaped like real ones: most mailboxes small with a long tail,
// a few percent shared, some archived, on hold, near quota, idle for months, and shared mailboxes
// in every licensing state. Deterministic for a count, a seed and the day of `now`, so a failing
// test or a demo can be rebuilt exactly.

import type { FixtureMailbox, FixtureUser, TenantFixture } from './fixture';
import { SeededRandom } from './random';
import { EXCHANGE_PLAN, SKU, type CatalogSku } from './skus';
import { consumedUnits, subscribedSku } from './subscriptions';
import {
  EQUIPMENT_KINDS,
  HOSTILE_DISPLAY_NAMES,
  NAME_CULTURES,
  REGIONS,
  ROOM_BUILDINGS,
  SHARED_MAILBOX_NAMES,
  TOTAL_CULTURE_WEIGHT,
} from './names';

export const GB = 1024 ** 3;
const MB = 1024 ** 2;
export const DAY = 86_400_000;

export interface MailboxQuota {
  issueWarningQuotaBytes: number;
  prohibitSendQuotaBytes: number;
  prohibitSendReceiveQuotaBytes: number;
}
/** Exchange Online Plan 1, unlicensed shared mailboxes, rooms. */
export const QUOTA_50GB: MailboxQuota = {
  issueWarningQuotaBytes: 49 * GB,
  prohibitSendQuotaBytes: 49.5 * GB,
  prohibitSendReceiveQuotaBytes: 50 * GB,
};
/** Exchange Online Plan 2, and shared mailboxes created before July 2018. */
export const QUOTA_100GB: MailboxQuota = {
  issueWarningQuotaBytes: 98 * GB,
  prohibitSendQuotaBytes: 99 * GB,
  prohibitSendReceiveQuotaBytes: 100 * GB,
};

export const GRAPH_APP_ROLES = [
  'User.Read.All',
  'Reports.Read.All',
  'Organization.Read.All',
  'GroupMember.Read.All',
  'LicenseAssignment.ReadWrite.All',
  'ReportSettings.Read.All',
];
export const ADMIN_GROUP_NAME = 'M365 Bot Admins';

/** The bot's managed identity with every permission it needs: the starting point of every tenant. */
export function grantedIdentity(rng: SeededRandom): TenantFixture['identity'] {
  return {
    clientId: rng.guid(),
    principalId: rng.guid(),
    graphAppRoles: [...GRAPH_APP_ROLES],
    exchangeAppRoles: ['Exchange.ManageAsApp'],
    // What infra/main.bicep assigns: read-only Global Reader (docs/deploy.md step 4).
    directoryRoles: ['Global Reader'],
  };
}

export const MAX_GENERATED_MAILBOXES = 1_000_000;

/** Everything one generation run shares; passed along instead of closures per user. */
export interface TenantDraft {
  rng: SeededRandom;
  /** Start of the UTC day of `now`: every date is relative to it, so a whole day builds one tenant. */
  anchor: number;
  domain: string;
  nextSuffix: Map<string, number>;
}

export function startDraft(seed: number, now: Date, domain: string): TenantDraft {
  const day = Math.floor(now.getTime() / DAY) * DAY;
  return { rng: new SeededRandom(seed), anchor: day, domain, nextSuffix: new Map() };
}

/** An ISO date-time `ms` before the draft's day, without milliseconds, as Graph and Exchange write them. */
export function before(draft: TenantDraft, ms: number): string {
  const t = Math.floor((draft.anchor - ms) / 1000) * 1000;
  return new Date(t).toISOString().slice(0, 19) + 'Z';
}

/** A sign-in name not yet taken in this tenant: `base`, then base2, base3… */
export function uniqueLocalPart(draft: TenantDraft, base: string): string {
  const next = draft.nextSuffix.get(base);
  if (next === undefined) {
    draft.nextSuffix.set(base, 2);
    return base;
  }
  let n = next;
  while (draft.nextSuffix.has(base + n)) n++;
  draft.nextSuffix.set(base, n + 1);
  draft.nextSuffix.set(base + n, 2);
  return base + n;
}

function pickCulture(rng: SeededRandom) {
  let roll = rng.next() * TOTAL_CULTURE_WEIGHT;
  for (const culture of NAME_CULTURES) {
    roll -= culture.weight;
    if (roll < 0) return culture;
  }
  return NAME_CULTURES[0];
}

export function personName(rng: SeededRandom): { displayName: string; localBase: string; usageLocation: string } {
  const culture = pickCulture(rng);
  const [given, givenAscii] = rng.pick(culture.given);
  const [family, familyAscii] = rng.pick(culture.family);
  const displayName = culture.familyFirst ? family + (culture.separator ?? ' ') + given : given + ' ' + family;
  return { displayName, localBase: `${givenAscii}.${familyAscii}`, usageLocation: rng.pick(culture.usageLocations) };
}

function license(sku: CatalogSku, disabledPlans?: string[]): FixtureUser['assignedLicenses'][number] {
  return disabledPlans ? { skuId: sku.skuId, disabledPlans } : { skuId: sku.skuId, disabledPlans: [] };
}

type ExchangePlan = 'plan2' | 'plan1' | 'none';

function userLicenses(rng: SeededRandom): { licenses: FixtureUser['assignedLicenses']; plan: ExchangePlan; archiving: boolean } {
  const r = rng.next();
  if (r < 0.4) {
    // A few tenants switch Teams off in E3 for some people: disabledPlans that are not Exchange.
    return {
      licenses: [license(SKU.E3, rng.chance(0.05) ? ['57ff2da0-773e-42df-b2af-ffb7a2317929'] : undefined)],
      plan: 'plan2',
      archiving: true,
    };
  }
  if (r < 0.54) return { licenses: [license(SKU.M365E5)], plan: 'plan2', archiving: true };
  if (r < 0.72) return { licenses: [license(SKU.BusinessPremium)], plan: 'plan1', archiving: true };
  if (r < 0.8) return { licenses: [license(SKU.ExchangePlan1)], plan: 'plan1', archiving: false };
  if (r < 0.84) return { licenses: [license(SKU.ExchangePlan1), license(SKU.ExchangeArchiving)], plan: 'plan1', archiving: true };
  if (r < 0.93) return { licenses: [license(SKU.ExchangePlan2)], plan: 'plan2', archiving: true };
  if (r < 0.97) {
    // Office from E3, mail from the cheaper Plan 1: E3's Exchange plan switched off.
    return { licenses: [license(SKU.E3, [EXCHANGE_PLAN.enterprise]), license(SKU.ExchangePlan1)], plan: 'plan1', archiving: false };
  }
  if (r < 0.985) return { licenses: [license(SKU.E3, [EXCHANGE_PLAN.enterprise])], plan: 'none', archiving: false };
  return { licenses: [], plan: 'none', archiving: false };
}

/** Mailbox size in bytes and a matching item count (typical items are 50–120 KB). */
export function contents(
  rng: SeededRandom,
  bytes: number,
): { itemCount: number; totalItemSizeBytes: number; deletedItemCount: number; totalDeletedItemSizeBytes: number } {
  const totalItemSizeBytes = Math.max(Math.round(bytes), 40_000);
  const itemCount = Math.max(1, Math.round(totalItemSizeBytes / rng.lognormal(75_000, 0.4)));
  const deletedShare = rng.between(0.005, 0.08);
  return {
    itemCount,
    totalItemSizeBytes,
    deletedItemCount: Math.round(itemCount * deletedShare),
    totalDeletedItemSizeBytes: Math.round(totalItemSizeBytes * deletedShare),
  };
}

export function archiveContents(rng: SeededRandom, autoExpanding: boolean): { itemCount: number; totalItemSizeBytes: number } {
  const cap = autoExpanding ? 1500 * GB : 95 * GB;
  const totalItemSizeBytes = Math.round(Math.min(rng.lognormal(autoExpanding ? 40 * GB : 6 * GB, 1), cap));
  return { itemCount: Math.max(1, Math.round(totalItemSizeBytes / rng.lognormal(90_000, 0.4))), totalItemSizeBytes };
}

/** When the mailbox was last used: mostly within days, some idle for months, a few never. */
function activity(
  draft: TenantDraft,
  accountEnabled: boolean,
): { lastInteractionTime: string | null; lastLogonTime: string | null; idleDays: number } {
  const { rng } = draft;
  let idleMs: number | null;
  if (!accountEnabled) idleMs = rng.chance(0.3) ? null : rng.between(60, 540) * DAY;
  else {
    const r = rng.next();
    if (r < 0.01) idleMs = null;
    else if (r < 0.06) idleMs = rng.between(45, 400) * DAY;
    else idleMs = Math.min(-Math.log(1 - rng.next()) * 1.5 * DAY, 30 * DAY);
  }
  if (idleMs === null) return { lastInteractionTime: null, lastLogonTime: null, idleDays: 0 };
  return {
    lastInteractionTime: before(draft, idleMs),
    lastLogonTime: rng.chance(0.15) ? null : before(draft, idleMs + rng.between(0, 2) * DAY),
    idleDays: Math.ceil(idleMs / DAY) + 2,
  };
}

export function created(draft: TenantDraft, idleDays: number): { createdDateTime: string; whenMailboxCreated: string } {
  const ageMs = Math.max(idleDays + 1, draft.rng.between(20, 3650)) * DAY;
  return { createdDateTime: before(draft, ageMs), whenMailboxCreated: before(draft, ageMs - draft.rng.between(60_000, 3_600_000)) };
}

export function userMailboxUser(draft: TenantDraft): FixtureUser {
  const { rng } = draft;
  const name = personName(rng);
  const local = uniqueLocalPart(draft, name.localBase);
  const upn = `${local}@${draft.domain}`;
  const { licenses, plan, archiving } = userLicenses(rng);
  const quota = plan === 'plan2' ? QUOTA_100GB : QUOTA_50GB;
  const limit = quota.prohibitSendReceiveQuotaBytes;
  const bytes = rng.chance(0.015) ? limit * rng.between(0.85, 0.99) : Math.min(rng.lognormal(2 * GB, 1.35), limit * 0.995);
  const hasArchive = plan === 'plan2' ? rng.chance(0.18) : archiving ? rng.chance(0.35) : plan === 'plan1' && rng.chance(0.06);
  const autoExpanding = hasArchive && (plan === 'plan2' || archiving) && rng.chance(0.25);
  const accountEnabled = !rng.chance(0.035);
  const seen = activity(draft, accountEnabled);
  const dates = created(draft, seen.idleDays);
  const mailbox: FixtureMailbox = {
    recipientTypeDetails: 'UserMailbox',
    primarySmtpAddress: upn,
    alias: local,
    whenMailboxCreated: dates.whenMailboxCreated,
    ...contents(rng, bytes),
    ...quota,
    lastInteractionTime: seen.lastInteractionTime,
    lastLogonTime: seen.lastLogonTime,
    litigationHoldEnabled: (plan === 'plan2' || archiving) && rng.chance(0.05),
    archiveStatus: hasArchive ? 'Active' : 'None',
    autoExpandingArchiveEnabled: autoExpanding,
    archive: hasArchive ? archiveContents(rng, autoExpanding) : null,
  };
  return {
    id: rng.guid(),
    userPrincipalName: upn,
    displayName: name.displayName,
    mail: upn,
    accountEnabled,
    userType: 'Member',
    usageLocation: rng.chance(0.97) ? name.usageLocation : null,
    createdDateTime: dates.createdDateTime,
    assignedLicenses: licenses,
    mailbox,
  };
}

function sharedMailboxName(draft: TenantDraft, sharedIndex: number): { alias: string; displayName: string } {
  const [alias, displayName] = SHARED_MAILBOX_NAMES[sharedIndex % SHARED_MAILBOX_NAMES.length];
  const round = Math.floor(sharedIndex / SHARED_MAILBOX_NAMES.length);
  if (round === 0) return { alias: uniqueLocalPart(draft, alias), displayName };
  const [suffix, label] = REGIONS[(round - 1) % REGIONS.length];
  const lap = Math.floor((round - 1) / REGIONS.length);
  const team = lap === 0 ? '' : ` ${lap + 1}`;
  return { alias: uniqueLocalPart(draft, `${alias}-${suffix}`), displayName: `${displayName} (${label}${team})` };
}

/**
 * A shared mailbox in one of the licensing states admins meet: most unlicensed and small; some
 * needing a licence they lack (over 50 GB on a legacy 100 GB quota, archive, hold); some licensed
 * properly; some licensed for nothing; some about to reach 50 GB.
 */
function sharedMailboxUser(draft: TenantDraft, sharedIndex: number): FixtureUser {
  const { rng } = draft;
  const name = sharedMailboxName(draft, sharedIndex);
  const upn = `${name.alias}@${draft.domain}`;
  let licenses: FixtureUser['assignedLicenses'] = [];
  let quota = QUOTA_50GB;
  let bytes = Math.min(rng.lognormal(400 * MB, 1.3), 30 * GB);
  let hasArchive = false;
  let hold = false;
  const r = rng.next();
  if (r < 0.05) {
    quota = QUOTA_100GB;
    bytes = rng.chance(0.4) ? rng.between(50.5, 95) * GB : Math.min(rng.lognormal(3 * GB, 1), 45 * GB);
  } else if (r < 0.09) {
    hasArchive = true;
  } else if (r < 0.12) {
    hold = true;
  } else if (r < 0.15) {
    const roll = rng.next();
    licenses = [license(roll < 0.6 ? SKU.ExchangePlan2 : roll < 0.8 ? SKU.M365E5 : SKU.E3)];
    quota = QUOTA_100GB;
    bytes = rng.chance(0.4) ? rng.between(50.5, 90) * GB : Math.min(rng.lognormal(5 * GB, 1), 45 * GB);
    hasArchive = rng.chance(0.5);
    hold = rng.chance(0.4);
  } else if (r < 0.17) {
    licenses = [license(SKU.ExchangePlan1), license(SKU.ExchangeArchiving)];
    bytes = Math.min(rng.lognormal(3 * GB, 1), 45 * GB);
    hasArchive = true;
    hold = rng.chance(0.3);
  } else if (r < 0.2) {
    const plan1 = rng.chance(0.5);
    licenses = [license(plan1 ? SKU.ExchangePlan1 : SKU.E3)];
    quota = plan1 ? QUOTA_50GB : QUOTA_100GB;
  } else if (r < 0.22) {
    bytes = rng.between(45, 49) * GB;
  }
  const autoExpanding = hasArchive && rng.chance(0.2);
  const accountEnabled = rng.chance(0.06);
  const seen = activity(draft, true);
  const dates = created(draft, seen.idleDays);
  return {
    id: rng.guid(),
    userPrincipalName: upn,
    displayName: name.displayName,
    mail: upn,
    accountEnabled,
    userType: 'Member',
    usageLocation: rng.chance(0.6) ? rng.pick(['US', 'GB', 'DE', 'FR', 'JP']) : null,
    createdDateTime: dates.createdDateTime,
    assignedLicenses: licenses,
    mailbox: {
      recipientTypeDetails: 'SharedMailbox',
      primarySmtpAddress: upn,
      alias: name.alias,
      whenMailboxCreated: dates.whenMailboxCreated,
      ...contents(rng, bytes),
      ...quota,
      lastInteractionTime: seen.lastInteractionTime,
      lastLogonTime: null,
      litigationHoldEnabled: hold,
      archiveStatus: hasArchive ? 'Active' : 'None',
      autoExpandingArchiveEnabled: autoExpanding,
      archive: hasArchive ? archiveContents(rng, autoExpanding) : null,
    },
  };
}

export function resourceMailboxUser(draft: TenantDraft, kind: 'RoomMailbox' | 'EquipmentMailbox', index: number): FixtureUser {
  const { rng } = draft;
  const displayName =
    kind === 'RoomMailbox'
      ? `Room ${ROOM_BUILDINGS[index % ROOM_BUILDINGS.length]} ${Math.floor(index / ROOM_BUILDINGS.length) + 1}.${rng.int(1, 9)}0${rng.int(1, 9)}`
      : `${EQUIPMENT_KINDS[index % EQUIPMENT_KINDS.length]} ${Math.floor(index / EQUIPMENT_KINDS.length) + 1}`;
  const alias = uniqueLocalPart(draft, displayName.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
  const upn = `${alias}@${draft.domain}`;
  const seen = activity(draft, true);
  const dates = created(draft, seen.idleDays);
  return {
    id: rng.guid(),
    userPrincipalName: upn,
    displayName,
    mail: upn,
    accountEnabled: false,
    userType: 'Member',
    usageLocation: null,
    createdDateTime: dates.createdDateTime,
    assignedLicenses: [],
    mailbox: {
      recipientTypeDetails: kind,
      primarySmtpAddress: upn,
      alias,
      whenMailboxCreated: dates.whenMailboxCreated,
      ...contents(rng, Math.min(rng.lognormal(15 * MB, 1), 2 * GB)),
      ...QUOTA_50GB,
      lastInteractionTime: seen.lastInteractionTime,
      lastLogonTime: null,
      litigationHoldEnabled: false,
      archiveStatus: 'None',
      autoExpandingArchiveEnabled: false,
      archive: null,
    },
  };
}

/** Guests, people whose licence has no Exchange, and unlicensed accounts: users with no mailbox. */
function mailboxlessUser(draft: TenantDraft): FixtureUser {
  const { rng } = draft;
  const name = personName(rng);
  const r = rng.next();
  const createdDateTime = before(draft, rng.between(1, 2000) * DAY);
  if (r < 0.4) {
    // A guest's sign-in name is its home address with @ turned into _ and #EXT# appended.
    const home = uniqueLocalPart(draft, `guest:${name.localBase}`).slice('guest:'.length);
    return {
      id: rng.guid(),
      userPrincipalName: `${home}_fabrikam.com#EXT#@${draft.domain}`,
      displayName: `${name.displayName} (Fabrikam)`,
      mail: `${home}@fabrikam.com`,
      accountEnabled: true,
      userType: 'Guest',
      usageLocation: null,
      createdDateTime,
      assignedLicenses: [],
      mailbox: null,
    };
  }
  const local = uniqueLocalPart(draft, name.localBase);
  const licensed = r < 0.7;
  return {
    id: rng.guid(),
    userPrincipalName: `${local}@${draft.domain}`,
    displayName: name.displayName,
    mail: null,
    accountEnabled: licensed || rng.chance(0.5),
    userType: 'Member',
    usageLocation: licensed ? name.usageLocation : null,
    createdDateTime,
    assignedLicenses: licensed ? [license(SKU.E3, [EXCHANGE_PLAN.enterprise])] : [],
    mailbox: null,
  };
}

/** Builds `count` mailboxes of every kind (plus a few users without one) into `users`. */
export function generateUsers(draft: TenantDraft, count: number): FixtureUser[] {
  const { rng } = draft;
  const users: FixtureUser[] = [];
  let shared = 0;
  let rooms = 0;
  let equipment = 0;
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    if (r < 0.04) users.push(sharedMailboxUser(draft, shared++));
    else if (r < 0.047) users.push(resourceMailboxUser(draft, 'RoomMailbox', rooms++));
    else if (r < 0.05) users.push(resourceMailboxUser(draft, 'EquipmentMailbox', equipment++));
    else users.push(userMailboxUser(draft));
  }
  const withoutMailbox = Math.max(1, Math.round(count * 0.005));
  for (let i = 0; i < withoutMailbox; i++) {
    users.splice(rng.int(0, users.length), 0, mailboxlessUser(draft));
  }
  const hostile = Math.min(HOSTILE_DISPLAY_NAMES.length, Math.floor(count / 20));
  for (let given = 0, tries = 0; given < hostile && tries < 1000; tries++) {
    const user = users[rng.int(0, users.length - 1)];
    if (user.mailbox?.recipientTypeDetails === 'UserMailbox' && !HOSTILE_DISPLAY_NAMES.includes(user.displayName)) {
      user.displayName = HOSTILE_DISPLAY_NAMES[given++];
    }
  }
  return users;
}

/**
 * A synthetic tenant with `count` mailboxes. Same count, seed and UTC day of `now` give the same
 * tenant; dates are relative to that day.
 */
export function generateTenant(count: number, seed = 1, now = new Date()): TenantFixture {
  if (!Number.isInteger(count) || count < 1 || count > MAX_GENERATED_MAILBOXES) {
    throw new RangeError(`generateTenant: count must be a whole number from 1 to ${MAX_GENERATED_MAILBOXES}, not ${count}`);
  }
  if (!Number.isInteger(seed)) throw new RangeError(`generateTenant: seed must be a whole number, not ${seed}`);
  const draft = startDraft(seed, now, 'litware.onmicrosoft.com');
  const { rng } = draft;
  const tenantId = rng.guid();
  const identity = grantedIdentity(rng);
  const groupId = rng.guid();
  const users = generateUsers(draft, count);
  const admins = users.filter((u) => u.accountEnabled && u.mailbox?.recipientTypeDetails === 'UserMailbox').slice(0, 3);
  const consumed = consumedUnits(users);
  const pool = (sku: CatalogSku): number => consumed.get(sku.skuId) ?? 0;
  const roomy = (sku: CatalogSku): number => pool(sku) + Math.max(2, Math.round(pool(sku) * rng.between(0.03, 0.12)));
  const fixture: TenantFixture = {
    tenant: { id: tenantId, initialDomain: draft.domain, displayName: `Litware (generated: ${count} mailboxes, seed ${seed})` },
    identity,
    reportSettings: { displayConcealedNames: false },
    reportRefreshDate: before(draft, 2 * DAY).slice(0, 10),
    subscribedSkus: [
      subscribedSku(SKU.E3, roomy(SKU.E3)),
      // Nearly exhausted: about 1% free.
      subscribedSku(SKU.M365E5, pool(SKU.M365E5) + Math.max(1, Math.floor(pool(SKU.M365E5) * 0.01))),
      subscribedSku(SKU.BusinessPremium, roomy(SKU.BusinessPremium)),
      subscribedSku(SKU.ExchangePlan1, roomy(SKU.ExchangePlan1)),
      subscribedSku(SKU.ExchangePlan2, roomy(SKU.ExchangePlan2)),
      // Exhausted: every seat taken.
      subscribedSku(SKU.ExchangeArchiving, pool(SKU.ExchangeArchiving)),
    ],
    groups: [{ id: groupId, displayName: ADMIN_GROUP_NAME, members: admins.map((u) => u.id) }],
    users,
  };
  // About one Microsoft 365 group mailbox per 50 mailboxes.
  fixture.groups!.push(...groupMailboxes(draft, Math.max(1, Math.round(count / 50))));
  return fixture;
}

// Microsoft 365 groups with mailboxes, for the demo and generated tenants: team names, sizes from
// nearly empty to near the 50 GB a group mailbox holds, activity from today to months ago. Drawn
// after everything else, so adding them left every other generated figure as it was.
const TEAMS = ['Sales', 'Marketing', 'Finance', 'Legal', 'Support', 'Engineering', 'Design', 'Operations', 'HR', 'Research'];
const KINDS = ['Team', 'Project', 'Leads', 'Programme', 'Taskforce'];

export function groupMailboxes(draft: TenantDraft, count: number): NonNullable<TenantFixture['groups']> {
  const { rng } = draft;
  return Array.from({ length: count }, (_, i) => {
    const name = `${TEAMS[i % TEAMS.length]} ${KINDS[Math.floor(i / TEAMS.length) % KINDS.length]}${i >= TEAMS.length * KINDS.length ? ` ${Math.floor(i / (TEAMS.length * KINDS.length)) + 1}` : ''}`;
    const alias = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    // Most group mailboxes are small; one in twenty is near its quota.
    const full = rng.chance(0.05) ? rng.between(0.85, 0.99) : Math.pow(rng.next(), 3) * 0.6;
    const bytes = Math.round(full * 50 * GB);
    return {
      id: rng.guid(),
      displayName: name,
      members: [],
      mailbox: {
        primarySmtpAddress: `${alias}@${draft.domain}`,
        itemCount: Math.round(bytes / rng.between(60_000, 250_000)),
        totalItemSizeBytes: bytes,
        lastInteractionTime: before(draft, Math.floor(rng.next() * rng.next() * 200) * DAY),
        whenMailboxCreated: before(draft, rng.int(200, 2000) * DAY),
      },
    };
  });
}
