// The mailbox usage report's CSV (getMailboxUsageDetail), as Microsoft 365 produces it: UTF-8 with
// a BOM, the documented v1.0 columns, names hashed while the tenant conceals them.
import { createHash } from 'node:crypto';
import type { TenantState } from '../tenant-state';

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

/** Microsoft 365's concealed form: 32 upper-case hex characters, stable per name. */
export function concealedName(value: string): string {
  return createHash('md5').update(value).digest('hex').toUpperCase();
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');

export function mailboxUsageCsv(state: TenantState, period: number, now: Date): string {
  const fixture = state.fixture;
  const refresh = fixture.reportRefreshDate ?? new Date(now.getTime() - 2 * 86400000).toISOString().slice(0, 10);
  const conceal = fixture.reportSettings?.displayConcealedNames === true;
  const lines = [MAILBOX_USAGE_COLUMNS.join(',')];
  for (const user of state.mailboxes) {
    const m = user.mailbox;
    const row = [
      refresh,
      conceal ? concealedName(user.userPrincipalName) : user.userPrincipalName,
      conceal ? concealedName(user.displayName) : user.displayName,
      false,
      null,
      day(m.whenMailboxCreated ?? user.createdDateTime),
      day(m.lastInteractionTime),
      m.itemCount,
      m.totalItemSizeBytes,
      m.issueWarningQuotaBytes ?? null,
      m.prohibitSendQuotaBytes ?? null,
      m.prohibitSendReceiveQuotaBytes,
      m.deletedItemCount ?? 0,
      m.totalDeletedItemSizeBytes ?? 0,
      RECOVERABLE_ITEMS_QUOTA,
      m.archiveStatus === 'Active',
      period,
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
