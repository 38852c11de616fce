// The mailbox usage report's CSV (getMailboxUsageDetail), as Microsoft 365 produces it: UTF-8 with
// a BOM, the documented v1.0 columns, names hashed while the tenant conceals them.
import { createHash } from 'node:crypto';
import type { TenantState } from '../tenant-state';
import type { FixtureMailbox } from '../tenant/fixture';

export const MAILBOX_USAGE_COLUMNS = [
  'Report Refresh Date',
  'User Principal Name',
  'Display Name',
  'Is Deleted',
  'Deleted Date',
  'Created Date',
  'Last Activity Date',
  'Item Count',
  'Storage Used (Byte)',
  'Issue Warning Quota (Byte)',
  'Prohibit Send Quota (Byte)',
  'Prohibit Send/Receive Quota (Byte)',
  'Deleted Item Count',
  'Deleted Item Size (Byte)',
  'Deleted Item Quota (Byte)',
  'Has Archive',
  'Report Period',
] as const;

const RECOVERABLE_ITEMS_QUOTA = 32212254720; // 30 GB, what the service shows for every mailbox
const DAY_MS = 86_400_000;

/**
 * How concealed names look. Both are seen live: 32 upper-case hex characters (an MD5 of the name;
 * microsoft-graph-explorer-v4 issue #1129) and `<PII:H105(…)>@domain` (microsoft-graph-docs-contrib
 * issue #3420, 2021-06).
 */
export type ConcealedForm = 'hex' | 'pii';

export interface UsageReportOptions {
  concealedForm?: ConcealedForm;
}

/** Microsoft 365's 32-hex concealed form, stable per name. */
export function concealedName(value: string): string {
  return createHash('md5').update(value).digest('hex').toUpperCase();
}

function piiName(value: string, domain: string | null): string {
  const hash = createHash('sha256').update(value).digest('base64');
  return `<PII:H105(${hash})>${domain ? `@${domain}` : ''}`;
}

function conceal(value: string, form: ConcealedForm, isUpn: boolean): string {
  if (form === 'hex') return concealedName(value);
  const at = value.lastIndexOf('@');
  return piiName(isUpn && at > 0 ? value.slice(0, at) : value, isUpn && at > 0 ? value.slice(at + 1) : null);
}

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');

/** A report row's User Principal Name and Display Name, concealed while the tenant asks for it. */
export function reportNames(
  user: { userPrincipalName: string; displayName: string },
  concealed: boolean,
  form: ConcealedForm,
): [string, string] {
  return concealed
    ? [conceal(user.userPrincipalName, form, true), conceal(user.displayName, form, false)]
    : [user.userPrincipalName, user.displayName];
}

/** The data's day: the fixture's (moved with the tenant's clock), else two days before its today (the report lags 24–48 h). */
export function reportRefreshDate(state: TenantState): string {
  return state.reportRefreshDate();
}

/**
 * How many days of growth separate the report's figures from live ones: one to three, as Microsoft
 * 365's report lags 24–48 h (a fixture's refresh date may be older; its live figures are still today's).
 */
export function reportLagDays(refreshDate: string, now: Date): number {
  const days = Math.round((now.getTime() - Date.parse(`${refreshDate}T00:00:00Z`)) / DAY_MS);
  return Math.min(3, Math.max(1, Number.isFinite(days) ? days : 1));
}

/** Changes when the report would: a new day of data, or names concealed or shown. */
export function usageReportEtag(state: TenantState, period: string, now: Date, options: UsageReportOptions = {}): string {
  const conceal = state.fixture.reportSettings?.displayConcealedNames === true;
  const key = `${reportRefreshDate(state)}|${period}|${conceal ? (options.concealedForm ?? 'hex') : 'plain'}`;
  return `"${createHash('sha256').update(key).digest('hex').slice(0, 32)}"`;
}

/** A stable number in [0, 1) per mailbox and purpose: the drift below is the same on every download. */
function unit(text: string, salt: string): number {
  return createHash('md5').update(salt).update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * A mailbox's figures as they stood on the report's day, from its live ones: mailboxes grow a
 * little every day (0.1–0.5%), and a few (3%) changed a lot since — a clean-up (live 40% smaller)
 * or an import (live 30% larger) — which is what a report a day or two old shows beside live figures.
 */
export function figuresOnReportDay(
  upn: string,
  live: { items: number; bytes: number; deletedItems: number; deletedBytes: number; quotaBytes?: number | null },
  lagDays: number,
) {
  const change = unit(upn, 'change');
  let factor: number;
  // A mailbox cannot have held more than its prohibit send/receive quota: no clean-up from above it.
  if (change < 0.015 && (live.quotaBytes == null || live.bytes * 1.6 <= live.quotaBytes)) factor = 1.6;
  else if (change < 0.03) factor = 1 / 1.3;
  else factor = 1 / (1 + (0.001 + 0.004 * unit(upn, 'growth')) * Math.max(1, lagDays));
  return {
    items: Math.max(0, Math.round(live.items * factor)),
    bytes: Math.max(0, Math.round(live.bytes * factor)),
    deletedItems: Math.max(0, Math.round(live.deletedItems * factor)),
    deletedBytes: Math.max(0, Math.round(live.deletedBytes * factor)),
  };
}

export function mailboxUsageCsv(state: TenantState, period: number, now: Date, options: UsageReportOptions = {}): string {
  const fixture = state.fixture;
  const refresh = reportRefreshDate(state);
  const refreshEnd = `${refresh}T23:59:59.999Z`;
  const lagDays = reportLagDays(refresh, now);
  const concealed = fixture.reportSettings?.displayConcealedNames === true;
  const form = options.concealedForm ?? 'hex';
  const lines = [MAILBOX_USAGE_COLUMNS.join(',')];
  for (const user of state.mailboxes) {
    const m = user.mailbox;
    const created = m.whenMailboxCreated ?? user.createdDateTime;
    // A mailbox made after the report's day is not in it yet.
    if (created && created > refreshEnd) continue;
    // A mailbox with growth rates has exact figures for any day; others drift from their live ones.
    const exact = state.figuresOn(m, refresh);
    const drifted = figuresOnReportDay(
      user.userPrincipalName,
      {
        items: m.itemCount,
        bytes: m.totalItemSizeBytes,
        deletedItems: m.deletedItemCount ?? 0,
        deletedBytes: m.totalDeletedItemSizeBytes ?? 0,
        quotaBytes: m.prohibitSendReceiveQuotaBytes,
      },
      lagDays,
    );
    const then = exact ? { ...drifted, items: exact.items, bytes: exact.bytes } : drifted;
    const lastActivity = m.lastInteractionTime ? (m.lastInteractionTime > refreshEnd ? refresh : day(m.lastInteractionTime)) : '';
    const row = [
      refresh,
      ...reportNames(user, concealed, form),
      false,
      null,
      day(created),
      lastActivity,
      then.items,
      then.bytes,
      m.issueWarningQuotaBytes ?? null,
      m.prohibitSendQuotaBytes ?? null,
      m.prohibitSendReceiveQuotaBytes,
      then.deletedItems,
      then.deletedBytes,
      RECOVERABLE_ITEMS_QUOTA,
      m.archiveStatus === 'Active',
      period,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * getMailboxUsageStorage's CSV: the tenant's mailbox storage on each day of the period, up to the
 * report's day. Columns as Graph documents them (mailboxUsageStorage resource; the CLI for
 * Microsoft 365's `outlook report mailboxusagestorage` shows the CSV): Report Refresh Date, Storage
 * Used (Byte), Report Date, Report Period. Past days come from the mailboxes' growth rates.
 */
export function mailboxUsageStorageCsv(state: TenantState, period: number): string {
  const refresh = reportRefreshDate(state);
  const end = Date.parse(`${refresh}T00:00:00Z`);
  const lines = ['Report Refresh Date,Storage Used (Byte),Report Date,Report Period'];
  // Mailboxes without growth rates weigh the same every day: summed once, so 100,000 mailboxes
  // over D180 stay a few thousand growing ones per day rather than 18 million look-ups.
  let still = 0;
  const growing: FixtureMailbox[] = [];
  for (const user of state.mailboxes) {
    if (state.figuresOn(user.mailbox, refresh) === null) still += user.mailbox.totalItemSizeBytes;
    else growing.push(user.mailbox);
  }
  for (let back = 0; back < period; back++) {
    const day = new Date(end - back * DAY_MS).toISOString().slice(0, 10);
    let total = still;
    for (const m of growing) total += state.figuresOn(m, day)!.bytes;
    lines.push([refresh, total, day, period].join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * getOffice365GroupsActivityDetail's documented v1.0 columns (microsoft-graph-docs-contrib
 * reportroot-getoffice365groupsactivitydetail.md). Its Exchange columns are what the admin center's
 * groups activity report shows of a group's mailbox; it has no quota column.
 */
export const GROUPS_ACTIVITY_COLUMNS = [
  'Report Refresh Date',
  'Group Display Name',
  'Is Deleted',
  'Owner Principal Name',
  'Last Activity Date',
  'Group Type',
  'Member Count',
  'External Member Count',
  'Exchange Received Email Count',
  'SharePoint Active File Count',
  'Yammer Posted Message Count',
  'Yammer Read Message Count',
  'Yammer Liked Message Count',
  'Exchange Mailbox Total Item Count',
  'Exchange Mailbox Storage Used (Byte)',
  'SharePoint Total File Count',
  'SharePoint Site Storage Used (Byte)',
  'Group Id',
  'Report Period',
] as const;

export function groupsActivityCsv(state: TenantState, period: number, now: Date, options: UsageReportOptions = {}): string {
  const refresh = reportRefreshDate(state);
  const refreshEnd = `${refresh}T23:59:59.999Z`;
  const lagDays = reportLagDays(refresh, now);
  const concealed = state.fixture.reportSettings?.displayConcealedNames === true;
  const form = options.concealedForm ?? 'hex';
  const lines = [GROUPS_ACTIVITY_COLUMNS.join(',')];
  for (const group of state.groupMailboxes) {
    const m = group.mailbox;
    if (m.whenMailboxCreated && m.whenMailboxCreated > refreshEnd) continue;
    const then = figuresOnReportDay(
      group.userPrincipalName,
      { items: m.itemCount, bytes: m.totalItemSizeBytes, deletedItems: 0, deletedBytes: 0, quotaBytes: m.prohibitSendReceiveQuotaBytes },
      lagDays,
    );
    const lastActivity = m.lastInteractionTime ? (m.lastInteractionTime > refreshEnd ? refresh : day(m.lastInteractionTime)) : '';
    const members = (state.fixture.groups ?? []).find((g) => g.id === group.id)?.members.length ?? 0;
    const row = [
      refresh,
      concealed ? conceal(group.displayName, form, false) : group.displayName,
      false,
      '',
      lastActivity,
      'Private',
      members,
      0,
      0,
      0,
      0,
      0,
      0,
      then.items,
      then.bytes,
      0,
      0,
      group.id,
      period,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
