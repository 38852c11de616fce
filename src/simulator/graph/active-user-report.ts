// Microsoft 365's active-user report (getOffice365ActiveUserDetail) as the service produces it: the
// documented v1.0 columns (microsoftgraph/microsoft-graph-docs-contrib
// api-reference/v1.0/api/reportroot-getoffice365activeuserdetail.md), UTF-8 with a BOM, one row per
// user, last activity per service, names concealed in either form while the tenant asks for it.
import { createHash } from 'node:crypto';
import type { FixtureUser } from '../tenant/fixture';
import type { TenantState } from '../tenant-state';
import { csvCell, reportNames, reportRefreshDate, type UsageReportOptions } from './usage-report';

export const ACTIVE_USER_COLUMNS = [
  'Report Refresh Date',
  'User Principal Name',
  'Display Name',
  'Is Deleted',
  'Deleted Date',
  'Has Exchange License',
  'Has OneDrive License',
  'Has SharePoint License',
  'Has Skype For Business License',
  'Has Yammer License',
  'Has Teams License',
  'Exchange Last Activity Date',
  'OneDrive Last Activity Date',
  'SharePoint Last Activity Date',
  'Skype For Business Last Activity Date',
  'Yammer Last Activity Date',
  'Teams Last Activity Date',
  'Exchange License Assign Date',
  'OneDrive License Assign Date',
  'SharePoint License Assign Date',
  'Skype For Business License Assign Date',
  'Yammer License Assign Date',
  'Teams License Assign Date',
  'Assigned Products',
] as const;

type Service = 'exchange' | 'oneDrive' | 'sharePoint' | 'skypeForBusiness' | 'yammer' | 'teams';
const SERVICES: Service[] = ['exchange', 'oneDrive', 'sharePoint', 'skypeForBusiness', 'yammer', 'teams'];
/** Which service plan names license each service (prefixes, as Microsoft's licensing CSV names them). */
const PLAN_PREFIX: Record<Service, RegExp> = {
  exchange: /^EXCHANGE_(S|L)_(ENTERPRISE|STANDARD|DESKLESS|ESSENTIALS)/,
  oneDrive: /^(SHAREPOINT|ONEDRIVE)/,
  sharePoint: /^SHAREPOINT/,
  skypeForBusiness: /^MCO/,
  yammer: /^YAMMER/,
  teams: /^TEAMS/,
};

/** A user's last activity per service: the fixture's `activity`, else Exchange from the mailbox's last interaction. */
function lastActivity(user: FixtureUser, service: Service): string | null {
  const given = user.activity?.[service];
  if (given !== undefined) return given;
  return service === 'exchange' ? (user.mailbox?.lastInteractionTime ?? null) : null;
}

export function activeUserEtag(state: TenantState, period: string, now: Date, options: UsageReportOptions = {}): string {
  const conceal = state.fixture.reportSettings?.displayConcealedNames === true;
  const key = `active|${reportRefreshDate(state)}|${period}|${conceal ? (options.concealedForm ?? 'hex') : 'plain'}`;
  return `"${createHash('sha256').update(key).digest('hex').slice(0, 32)}"`;
}

export function activeUserCsv(state: TenantState, now: Date, options: UsageReportOptions = {}): string {
  const refresh = reportRefreshDate(state);
  const refreshEnd = `${refresh}T23:59:59.999Z`;
  const concealed = state.fixture.reportSettings?.displayConcealedNames === true;
  const form = options.concealedForm ?? 'hex';
  const skus = new Map(state.fixture.subscribedSkus.map((s) => [s.skuId.toLowerCase(), s]));
  const lines = [ACTIVE_USER_COLUMNS.join(',')];
  for (const user of state.users) {
    if (user.userType === 'Guest') continue;
    const held = user.assignedLicenses.map((l) => ({ license: l, sku: skus.get(l.skuId.toLowerCase()) })).filter((h) => h.sku);
    const has = (service: Service) =>
      held.some(({ license, sku }) =>
        sku!.servicePlans.some(
          (p) => PLAN_PREFIX[service].test(p.servicePlanName) && !(license.disabledPlans ?? []).includes(p.servicePlanId),
        ),
      );
    // Activity after the report's day is not in it yet.
    const day = (iso: string | null) => (!iso ? null : iso > refreshEnd ? refresh : iso.slice(0, 10));
    const assigned = (user.createdDateTime ?? '').slice(0, 10) || null;
    const row = [
      refresh,
      ...reportNames(user, concealed, form),
      false,
      null,
      ...SERVICES.map(has),
      ...SERVICES.map((s) => day(lastActivity(user, s))),
      ...SERVICES.map((s) => (has(s) ? assigned : null)),
      held.map(({ sku }) => sku!.skuPartNumber).join('+'),
    ];
    lines.push(row.map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
