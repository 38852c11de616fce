// Graph's active-user report (getOffice365ActiveUserDetail CSV) and directory/subscriptions
// (companySubscription JSON) as the bot's typed records.
import type { ActiveUserDetail, CompanySubscription, LatestActivity, M365Service } from '../model/tenant';

type Json = any;

/** The CSV's service names, as its columns spell them (reportroot-getoffice365activeuserdetail.md). */
const SERVICE_COLUMNS: Record<M365Service, string> = {
  exchange: 'Exchange',
  oneDrive: 'OneDrive',
  sharePoint: 'SharePoint',
  skypeForBusiness: 'Skype For Business',
  yammer: 'Yammer',
  teams: 'Teams',
};
export const M365_SERVICES = Object.keys(SERVICE_COLUMNS) as M365Service[];

export function toActiveUserDetail(row: Record<string, string>): ActiveUserDetail {
  const cell = (name: string): string | null => {
    const v = row[name]?.trim();
    return v ? v : null;
  };
  const lastActivity = {} as Record<M365Service, string | null>;
  const hasLicense = {} as Record<M365Service, boolean>;
  for (const service of M365_SERVICES) {
    lastActivity[service] = cell(`${SERVICE_COLUMNS[service]} Last Activity Date`);
    hasLicense[service] = cell(`Has ${SERVICE_COLUMNS[service]} License`)?.toLowerCase() === 'true';
  }
  return {
    reportRefreshDate: cell('Report Refresh Date'),
    userPrincipalName: cell('User Principal Name') ?? '',
    displayName: cell('Display Name') ?? '',
    isDeleted: cell('Is Deleted')?.toLowerCase() === 'true',
    lastActivity,
    hasLicense,
  };
}

/** The latest activity of a report row across every service, and the service it was in; null when never. */
export function latestActivity(row: ActiveUserDetail): LatestActivity | null {
  let best: LatestActivity | null = null;
  for (const service of M365_SERVICES) {
    const day = row.lastActivity[service];
    if (day && (!best || day > best.day)) best = { day, service };
  }
  return best;
}

export function toCompanySubscription(s: Json): CompanySubscription {
  return {
    id: String(s.id ?? ''),
    skuId: String(s.skuId ?? ''),
    skuPartNumber: s.skuPartNumber ?? '',
    status: s.status ?? 'Enabled',
    isTrial: s.isTrial === true,
    totalLicenses: Number(s.totalLicenses ?? 0),
    createdDateTime: s.createdDateTime ?? null,
    nextLifecycleDateTime: s.nextLifecycleDateTime ?? null,
  };
}
