// What a check cycle reads from the tenant: only what the subscribed kinds need (each kind's spec
// says what it reads), once per cycle for every conversation. Mailbox statistics that fail stay
// unknown (never "resolved"); anything else that fails ends the cycle before a single alert goes out.
// On a tenant above the usage-report threshold, quota and inactivity checks take their figures from
// Microsoft 365's usage report (daily) and read live only the mailboxes near the quota line, which
// are the ones an alert would name.
import { readMailboxes } from '../m365/mailbox-inventory';
import { listCompanySubscriptions } from '../m365/company-subscriptions';
import { usersById } from '../m365/directory-users';
import { NON_USER_TYPES, readLiveFigures, readMailboxesByType } from '../m365/mailbox-figures';
import type { TenantClients } from '../m365/tenant-clients';
import type { ArchiveFigures, MailboxWithStatistics, RecipientTypeDetails } from '../model/tenant';
import type { TenantFacts } from '../reports/alerts/findings';
import { ALERT_KIND_SPECS, type AlertKind } from '../reports/alerts/kinds';
import { percentOf } from '../reports/mailbox-report';
import { joinUsage, withLive } from '../reports/usage-figures';
import type { UsageServices } from '../m365/mailbox-usage';
import type { GrowthTable } from '../reports/growth';

/**
 * Mailboxes from this share of their quota are read live: quota alerts start at 90% by default and
 * a conversation rarely sets them below 80%; the margin covers a day of growth since the report.
 */
const LIVE_FROM_PERCENT = 75;
/** At most this many live reads per cycle (150 $batch calls); past it the usage figures stand. */
const LIVE_AT_MOST = 1_500;

export async function readAlertFacts(
  tenant: TenantClients,
  kinds: AlertKind[],
  usage?: UsageServices & { tenantId: string },
  growthForAll?: () => Promise<GrowthTable>,
  storedArchives?: () => Promise<ArchiveFigures[]>,
): Promise<TenantFacts> {
  const reads = ALERT_KIND_SPECS.filter((s) => kinds.includes(s.kind)).map((s) => s.reads);
  const growthRead = reads.some((r) => r.growth) && growthForAll ? growthForAll() : undefined;
  growthRead?.catch(() => undefined);
  // Archives come from the stored readings the background refresh keeps (one cmdlet per archive).
  const archivesRead = reads.some((r) => r.archives) && storedArchives ? storedArchives() : Promise.resolve(undefined);
  archivesRead.catch(() => undefined);
  const allMailboxes = reads.some((r) => r.mailboxes === 'all');
  const types: RecipientTypeDetails[] | 'all' | null = allMailboxes
    ? 'all'
    : reads.some((r) => r.mailboxes === 'SharedMailbox')
      ? ['SharedMailbox']
      : null;
  const accounts = reads.some((r) => r.sharedMailboxAccounts);
  const skusRead = reads.some((r) => r.skus) ? tenant.graph.listSubscribedSkus() : Promise.resolve([]);
  skusRead.catch(() => undefined);
  const subscriptionsRead = reads.some((r) => r.subscriptions) ? listCompanySubscriptions(tenant.graph) : Promise.resolve(undefined);
  subscriptionsRead.catch(() => undefined);
  let mailboxes: MailboxWithStatistics[] = [];
  let usageDate: string | null | undefined;
  const fromUsage = types === 'all' && usage ? await readFromUsage(tenant, usage) : null;
  if (fromUsage) {
    mailboxes = fromUsage.mailboxes;
    usageDate = fromUsage.usageDate;
  } else if (types) {
    mailboxes = (await readMailboxes(tenant, { types })).mailboxes;
  }
  const shared = accounts ? mailboxes.filter((m) => m.recipientTypeDetails === 'SharedMailbox') : [];
  const [users, skus, subscriptions] = await Promise.all([
    usersById(
      tenant.graph,
      shared.map((m) => m.userId),
    ),
    skusRead,
    subscriptionsRead,
  ]);
  const growth = growthRead ? await growthRead : undefined;
  const archives = await archivesRead;
  return {
    mailboxes,
    users,
    skus,
    ...(subscriptions ? { subscriptions } : {}),
    ...(usageDate !== undefined ? { usageDate } : {}),
    ...(growth ? { growth } : {}),
    ...(archives ? { archives } : {}),
  };
}

async function readFromUsage(
  tenant: TenantClients,
  usage: UsageServices & { tenantId: string },
): Promise<{ mailboxes: MailboxWithStatistics[]; usageDate: string | null } | null> {
  const lookup = await usage.reports.get(usage.tenantId, tenant.graph);
  if (!lookup.ok || lookup.usage.concealed || lookup.usage.rows.length < usage.threshold) return null;
  const known = await readMailboxesByType(tenant.exchange, NON_USER_TYPES);
  const { mailboxes } = joinUsage(lookup.usage.rows, known, lookup.usage.refreshDate);
  const line = LIVE_FROM_PERCENT;
  const near: number[] = [];
  mailboxes.forEach((m, i) => {
    const p = m.statistics ? percentOf(m.statistics.totalItemSizeBytes, m.prohibitSendReceiveQuotaBytes) : null;
    if (p !== null && p >= line) near.push(i);
  });
  near.sort((a, b) => size(mailboxes[b]) - size(mailboxes[a]));
  const targets = near.slice(0, LIVE_AT_MOST);
  const live = await readLiveFigures(
    tenant.exchange,
    targets.map((i) => mailboxes[i]),
  );
  for (const i of targets) {
    const f = live.get(mailboxes[i].userPrincipalName.toLowerCase());
    if (f) mailboxes[i] = withLive(mailboxes[i], f);
  }
  return { mailboxes, usageDate: lookup.usage.refreshDate };
}

function size(m: MailboxWithStatistics): number {
  return m.statistics && m.prohibitSendReceiveQuotaBytes ? m.statistics.totalItemSizeBytes / m.prohibitSendReceiveQuotaBytes : 0;
}
