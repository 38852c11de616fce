// Graph's JSON and CSV answers as the bot's typed records.
import type { DirectoryUser, GroupActivityDetail, MailboxUsageDetail, SubscribedSku } from '../model/tenant';

type Json = any;

export function toDirectoryUser(u: Json): DirectoryUser {
  return {
    id: String(u.id ?? ''),
    displayName: u.displayName ?? '',
    userPrincipalName: u.userPrincipalName ?? '',
    mail: u.mail ?? null,
    accountEnabled: u.accountEnabled === true,
    userType: u.userType ?? undefined,
    usageLocation: u.usageLocation ?? null,
    assignedLicenses: Array.isArray(u.assignedLicenses)
      ? u.assignedLicenses.map((l: Json) => ({
          skuId: String(l.skuId),
          disabledPlans: Array.isArray(l.disabledPlans) ? l.disabledPlans.map(String) : [],
        }))
      : [],
    ...directoryProperties(u),
  };
}

/** department, country and companyName, only when the answer carries them (they come on $select only). */
function directoryProperties(u: Json): Pick<DirectoryUser, 'department' | 'country' | 'companyName'> {
  const out: Pick<DirectoryUser, 'department' | 'country' | 'companyName'> = {};
  for (const key of ['department', 'country', 'companyName'] as const) if (key in u) out[key] = u[key] ?? null;
  return out;
}

export function toSubscribedSku(s: Json): SubscribedSku {
  const units = s.prepaidUnits ?? {};
  return {
    skuId: String(s.skuId),
    skuPartNumber: s.skuPartNumber ?? '',
    capabilityStatus: s.capabilityStatus ?? 'Enabled',
    consumedUnits: Number(s.consumedUnits ?? 0),
    prepaidUnits: {
      enabled: Number(units.enabled ?? 0),
      suspended: Number(units.suspended ?? 0),
      warning: Number(units.warning ?? 0),
      lockedOut: Number(units.lockedOut ?? 0),
    },
    servicePlans: Array.isArray(s.servicePlans)
      ? s.servicePlans.map((p: Json) => ({
          servicePlanId: String(p.servicePlanId),
          servicePlanName: p.servicePlanName ?? '',
          provisioningStatus: p.provisioningStatus ?? undefined,
          appliesTo: p.appliesTo ?? undefined,
        }))
      : [],
  };
}

/** One CSV row, read by column name; missing or empty cells become null. */
/** One row of the Microsoft 365 groups activity report, by column name. */
export function toGroupActivityDetail(row: Record<string, string>): GroupActivityDetail {
  const cell = (name: string): string | undefined => {
    const v = row[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const num = (name: string): number | null => {
    const n = Number(cell(name) ?? NaN);
    return Number.isFinite(n) ? n : null;
  };
  return {
    reportRefreshDate: cell('Report Refresh Date') ?? null,
    groupId: (cell('Group Id') ?? '').toLowerCase(),
    displayName: detached(cell('Group Display Name') ?? ''),
    isDeleted: cell('Is Deleted')?.toLowerCase() === 'true',
    lastActivityDate: cell('Last Activity Date') ?? null,
    itemCount: num('Exchange Mailbox Total Item Count'),
    storageUsedBytes: num('Exchange Mailbox Storage Used (Byte)'),
  };
}

export function toMailboxUsageDetail(row: Record<string, string>): MailboxUsageDetail {
  const cell = (name: string): string | undefined => {
    const v = row[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const num = (name: string): number | null => {
    const v = cell(name);
    if (v === undefined) return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  };
  const bool = (name: string): boolean | null => {
    const v = cell(name)?.toLowerCase();
    return v === 'true' ? true : v === 'false' ? false : null;
  };
  const detail: MailboxUsageDetail = {
    reportRefreshDate: cell('Report Refresh Date') ?? null,
    userPrincipalName: detached(cell('User Principal Name') ?? ''),
    displayName: detached(cell('Display Name') ?? ''),
    isDeleted: bool('Is Deleted') === true,
    lastActivityDate: cell('Last Activity Date') ?? null,
    itemCount: num('Item Count'),
    storageUsedBytes: num('Storage Used (Byte)'),
    issueWarningQuotaBytes: num('Issue Warning Quota (Byte)'),
    prohibitSendQuotaBytes: num('Prohibit Send Quota (Byte)'),
    prohibitSendReceiveQuotaBytes: num('Prohibit Send/Receive Quota (Byte)'),
    deletedItemCount: num('Deleted Item Count'),
    deletedItemSizeBytes: num('Deleted Item Size (Byte)'),
    hasArchive: bool('Has Archive'),
  };
  const recipientType = cell('Recipient Type');
  if (recipientType) detail.recipientType = recipientType;
  return detail;
}

/**
 * A kept cell as a string of its own: a substring can keep the whole downloaded chunk it was cut
 * from alive, and a 100,000-row report would then hold all its chunks through its names.
 */
function detached(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8');
}

export type ConcealedForm = 'hex' | 'pii' | 'unknown';

/**
 * While the tenant conceals names in reports (admin centre › Settings › Org settings › Services ›
 * Reports), names come hashed, in two forms seen live:
 * - 32 hex characters (an MD5), e.g. 22C5B5A0E3BB38EA4BB5B8CCEEEEA51D — microsoftgraph/microsoft-graph-explorer-v4
 *   issue #1129 (getMailboxUsageDetail, 2021-09); CIPP tests /^[0-9A-F]{32}$/i (CippAnonymizedReportAlert.jsx);
 * - <PII:H105(se/njcX9qwMG…8mXJy0s+hqA0Iw=)>@domain.com — microsoftgraph/microsoft-graph-docs-contrib
 *   issue #3420 (getMailboxUsageDetail, 2021-06);
 * - the literal `(Unknown)` in place of the name — microsoftgraph/microsoft-graph-docs-contrib
 *   issues #2687 and #8980 (usage reports whose user columns read "(Unknown)").
 */
export function concealedForm(value: string): ConcealedForm | null {
  if (/^[0-9A-F]{32}$/i.test(value)) return 'hex';
  if (/^<PII:[^>]*>/i.test(value)) return 'pii';
  if (/^\(unknown\)$/i.test(value.trim())) return 'unknown';
  return null;
}

/** While the tenant conceals names, reports show hashes instead of UPNs and names (either form). */
export function isConcealedName(value: string): boolean {
  return concealedForm(value) !== null;
}
