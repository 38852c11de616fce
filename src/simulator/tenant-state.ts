// The live tenant behind every simulated service: the fixture, indexed so that one lookup or one
// page costs the same whether the tenant has ten mailboxes or a hundred thousand.
import { createHash } from 'node:crypto';
import type { FixtureGroupMailbox, FixtureMailbox, FixtureUser, TenantFixture } from './tenant/fixture';
import { dayNumber, TenantClock } from './tenant-clock';
import { archiveCapBytes } from './tenant/archive-quota';

/** A uuid that is always the same for the same seed, for ids the fixture leaves out. */
export function stableGuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

export type MailboxUser = FixtureUser & { mailbox: FixtureMailbox };

export class LicenseError extends Error {
  constructor(
    readonly kind: 'no-usage-location' | 'no-free-units' | 'unknown-sku',
    message: string,
  ) {
    super(message);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays, scalars and null replace what was there. */
export function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(patch)) {
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') continue;
    const current = target[name];
    if (isPlainObject(value) && isPlainObject(current)) deepMerge(current, value);
    else if (isPlainObject(value)) {
      const fresh: Record<string, unknown> = {};
      deepMerge(fresh, value);
      target[name] = fresh;
    } else target[name] = value;
  }
}

/** A growing mailbox's figures on the day `day`, from which its rates count. */
interface GrowthBase {
  day: number;
  items: number;
  bytes: number;
  archiveBytes: number;
}

export interface DayFigures {
  items: number;
  bytes: number;
}

function grows(m: FixtureMailbox): boolean {
  return Boolean(m.growthBytesPerDay || m.itemsPerDay || m.archive?.growthBytesPerDay);
}

export const GROUP_MAILBOX: string = 'GroupMailbox';
const GROUP_MAILBOX_QUOTA_BYTES = 50 * 1024 ** 3;

/** A group's mailbox as the mailbox records read it: no Entra user behind it, no licence, no hold. */
function groupMailboxUser(id: string, displayName: string, g: FixtureGroupMailbox): MailboxUser {
  const quota = g.prohibitSendReceiveQuotaBytes === undefined ? GROUP_MAILBOX_QUOTA_BYTES : g.prohibitSendReceiveQuotaBytes;
  return {
    id,
    userPrincipalName: g.primarySmtpAddress,
    displayName,
    mail: g.primarySmtpAddress,
    accountEnabled: false,
    assignedLicenses: [],
    mailbox: {
      recipientTypeDetails: GROUP_MAILBOX as FixtureMailbox['recipientTypeDetails'],
      primarySmtpAddress: g.primarySmtpAddress,
      itemCount: g.itemCount,
      totalItemSizeBytes: g.totalItemSizeBytes,
      issueWarningQuotaBytes: quota === null ? null : Math.round(quota * 0.98),
      prohibitSendQuotaBytes: quota === null ? null : Math.round(quota * 0.99),
      prohibitSendReceiveQuotaBytes: quota,
      lastInteractionTime: g.lastInteractionTime ?? null,
      lastLogonTime: null,
      litigationHoldEnabled: false,
      archiveStatus: 'None',
      whenMailboxCreated: g.whenMailboxCreated,
    },
  };
}

export class TenantState {
  readonly fixture: TenantFixture;
  readonly clock: TenantClock;
  /** The day the fixture's figures describe (YYYY-MM-DD). */
  readonly asOf: string;
  private growthBase = new WeakMap<FixtureMailbox, GrowthBase>();
  private grownTo = 0;
  /** Bumped on every change, so cached query results know they are stale. */
  version = 0;
  private byId = new Map<string, FixtureUser>();
  private byUpn = new Map<string, FixtureUser>();
  private mailboxKeys = new Map<string, MailboxUser[]>();
  private mailboxList: MailboxUser[] = [];
  private groupMailboxList: MailboxUser[] = [];
  private guidCache = new Map<string, string>();
  private queryCache = new Map<string, { version: number; items: unknown[] }>();

  constructor(fixture: TenantFixture, clock = new TenantClock()) {
    this.fixture = structuredClone(fixture);
    this.fixture.users ??= [];
    this.fixture.groups ??= [];
    this.clock = clock;
    this.asOf = this.fixture.asOf ?? clock.today();
    const asOf = dayNumber(this.asOf);
    for (const user of this.fixture.users) {
      const m = user.mailbox;
      if (m && grows(m)) this.growthBase.set(m, this.baseOf(m, asOf));
    }
    this.grownTo = asOf;
    this.reindex();
    this.grow();
  }

  private baseOf(m: FixtureMailbox, day: number): GrowthBase {
    return { day, items: m.itemCount, bytes: m.totalItemSizeBytes, archiveBytes: m.archive?.totalItemSizeBytes ?? 0 };
  }

  /** Moves the tenant to another date: growing mailboxes take that day's figures. */
  setToday(today: string): void {
    this.clock.set(today);
    this.grow();
  }

  /** The report's day: the fixture's (moved as far as the clock was), else two days before today. */
  reportRefreshDate(): string {
    const fixed = this.fixture.reportRefreshDate;
    const now = this.clock.now();
    if (!fixed) return new Date(now.getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
    return new Date((dayNumber(fixed) + this.clock.shiftDays) * 86_400_000).toISOString().slice(0, 10);
  }

  /** A growing mailbox's figures on `day` (YYYY-MM-DD); null for one without growth rates. */
  figuresOn(m: FixtureMailbox, day: string): DayFigures | null {
    const base = this.growthBase.get(m);
    if (!base) return null;
    const days = dayNumber(day) - base.day;
    let bytes = Math.max(0, Math.round(base.bytes + (m.growthBytesPerDay ?? 0) * days));
    // A full mailbox receives nothing more: growth stops at its prohibit send/receive quota.
    const quota = m.prohibitSendReceiveQuotaBytes;
    if (quota !== null && bytes > quota && bytes > base.bytes) bytes = Math.max(quota, base.bytes);
    return { items: Math.max(0, Math.round(base.items + (m.itemsPerDay ?? 0) * days)), bytes };
  }

  /**
   * A growing archive's size on `day`; null for one without a rate. Like a mailbox at its quota, an
   * archive at the most it can reach (archive-quota.ts) takes nothing more.
   */
  archiveBytesOn(m: FixtureMailbox, day: string): number | null {
    const base = this.growthBase.get(m);
    const rate = m.archive?.growthBytesPerDay;
    if (!base || !rate) return null;
    const bytes = Math.max(0, Math.round(base.archiveBytes + rate * (dayNumber(day) - base.day)));
    const cap = archiveCapBytes(m);
    return bytes > cap && bytes > base.archiveBytes ? Math.max(cap, base.archiveBytes) : bytes;
  }

  /** Live figures follow the clock (also when the real date turns). */
  private grow(): void {
    const today = this.clock.today();
    const day = dayNumber(today);
    if (day === this.grownTo) return;
    this.grownTo = day;
    for (const user of this.fixture.users) {
      const m = user.mailbox;
      const base = m && this.growthBase.get(m);
      if (!m || !base) continue;
      const now = this.figuresOn(m, today)!;
      m.itemCount = now.items;
      m.totalItemSizeBytes = now.bytes;
      const archive = this.archiveBytesOn(m, today);
      if (m.archive && archive !== null) m.archive.totalItemSizeBytes = archive;
    }
    this.version++;
    this.queryCache.clear();
  }

  get tenantId(): string {
    return this.fixture.tenant.id;
  }

  get users(): readonly FixtureUser[] {
    return this.fixture.users;
  }

  /** Microsoft 365 group mailboxes, as a mailbox record reads them (Get-Mailbox -GroupMailbox). */
  get groupMailboxes(): readonly MailboxUser[] {
    return this.groupMailboxList;
  }

  /** Mailboxes in a stable order (the fixture's), which paging relies on. */
  get mailboxes(): readonly MailboxUser[] {
    this.grow();
    return this.mailboxList;
  }

  private reindex(): void {
    this.version++;
    this.byId.clear();
    this.byUpn.clear();
    this.mailboxKeys.clear();
    this.mailboxList = [];
    this.groupMailboxList = [];
    this.queryCache.clear();
    const groupMailboxes = (this.fixture.groups ?? []).flatMap((g) =>
      g.mailbox ? [groupMailboxUser(g.id, g.displayName, g.mailbox)] : [],
    );
    for (const user of [...this.fixture.users, ...groupMailboxes]) {
      const isGroup = user.mailbox?.recipientTypeDetails === GROUP_MAILBOX;
      if (!isGroup) {
        this.byId.set(user.id.toLowerCase(), user);
        this.byUpn.set(user.userPrincipalName.toLowerCase(), user);
      }
      if (!user.mailbox) continue;
      const withMailbox = user as MailboxUser;
      (isGroup ? this.groupMailboxList : this.mailboxList).push(withMailbox);
      const keys = new Set(
        [
          user.userPrincipalName,
          this.primarySmtpAddress(withMailbox),
          this.alias(withMailbox),
          user.displayName,
          user.id,
          this.mailboxGuid(withMailbox),
        ].map((k) => k.toLowerCase()),
      );
      for (const k of keys) {
        const list = this.mailboxKeys.get(k);
        if (list) list.push(withMailbox);
        else this.mailboxKeys.set(k, [withMailbox]);
      }
    }
  }

  findUser(idOrUpn: string): FixtureUser | undefined {
    this.grow();
    const k = idOrUpn.toLowerCase();
    return this.byId.get(k) ?? this.byUpn.get(k);
  }

  /** Every mailbox that an Exchange -Identity value names (several means it is ambiguous). */
  findMailboxes(identity: string): MailboxUser[] {
    this.grow();
    return this.mailboxKeys.get(identity.trim().toLowerCase()) ?? [];
  }

  primarySmtpAddress(user: MailboxUser): string {
    return user.mailbox.primarySmtpAddress ?? user.mail ?? user.userPrincipalName;
  }

  alias(user: MailboxUser): string {
    return user.mailbox.alias ?? user.userPrincipalName.split('@')[0];
  }

  mailboxGuid(user: FixtureUser): string {
    return this.guid(`mailbox:${user.id}`);
  }

  archiveGuid(user: MailboxUser): string {
    return user.mailbox.archiveStatus === 'Active' ? this.guid(`archive:${user.id}`) : EMPTY_GUID;
  }

  guid(seed: string): string {
    let g = this.guidCache.get(seed);
    if (!g) {
      g = stableGuid(seed);
      this.guidCache.set(seed, g);
    }
    return g;
  }

  /** The result of a query, computed once per tenant version (pages 2..n reuse page 1's work). */
  cachedQuery<T>(key: string, run: () => T[]): T[] {
    const hit = this.queryCache.get(key);
    if (hit && hit.version === this.version) return hit.items as T[];
    const items = run();
    if (this.queryCache.size > 64) this.queryCache.clear();
    this.queryCache.set(key, { version: this.version, items });
    return items;
  }

  patchUser(idOrUpn: string, patch: Record<string, unknown>): FixtureUser | undefined {
    const user = this.findUser(idOrUpn);
    if (!user) return undefined;
    this.grow();
    deepMerge(user as unknown as Record<string, unknown>, patch);
    // What a patch sets is today's figure: the rates count on from it.
    const m = user.mailbox;
    if (m && grows(m)) this.growthBase.set(m, this.baseOf(m, dayNumber(this.clock.today())));
    this.reindex();
    return user;
  }

  patchTenant(patch: Record<string, unknown>): void {
    deepMerge(this.fixture as unknown as Record<string, unknown>, patch);
    this.reindex();
  }

  consumedUnits(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const user of this.fixture.users) {
      for (const license of user.assignedLicenses) counts.set(license.skuId, (counts.get(license.skuId) ?? 0) + 1);
    }
    return counts;
  }

  /** Graph's assignLicense: all or nothing, refused like Entra refuses it. */
  assignLicense(user: FixtureUser, add: { skuId: string; disabledPlans?: string[] }[], remove: string[]): void {
    const skus = new Map(this.fixture.subscribedSkus.map((s) => [s.skuId.toLowerCase(), s]));
    for (const id of [...add.map((a) => a.skuId), ...remove]) {
      if (!skus.has(String(id).toLowerCase()))
        throw new LicenseError('unknown-sku', `License ${id} does not correspond to a valid company License.`);
    }
    if (add.length && !user.usageLocation) {
      throw new LicenseError('no-usage-location', 'License assignment cannot be done for user with invalid usage location.');
    }
    const consumed = this.consumedUnits();
    for (const a of add) {
      const sku = skus.get(a.skuId.toLowerCase())!;
      const already = user.assignedLicenses.some((l) => l.skuId.toLowerCase() === sku.skuId.toLowerCase());
      if (!already && (consumed.get(sku.skuId) ?? 0) >= sku.prepaidUnits.enabled) {
        // Wording as the brief records it; Entra's exact text for a full subscription is unverified.
        throw new LicenseError('no-free-units', 'License assignment failed because there are no available licenses.');
      }
    }
    const removed = new Set(remove.map((r) => r.toLowerCase()));
    const next = user.assignedLicenses.filter((l) => !removed.has(l.skuId.toLowerCase()));
    for (const a of add) {
      const sku = skus.get(a.skuId.toLowerCase())!;
      const existing = next.find((l) => l.skuId.toLowerCase() === sku.skuId.toLowerCase());
      if (existing) existing.disabledPlans = a.disabledPlans ?? [];
      else next.push({ skuId: sku.skuId, disabledPlans: a.disabledPlans ?? [] });
    }
    user.assignedLicenses = next;
    this.reindex();
  }
}
