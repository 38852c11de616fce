// What a check cycle reads from the tenant: only what the subscribed kinds need (each kind's spec
// says what it reads), once per cycle for every conversation. Mailbox statistics that fail stay
// unknown (never "resolved"); anything else that fails ends the cycle before a single alert goes out.
// On a tenant above the usage-report threshold, the figures come from Microsoft 365's usage report
// (daily), and only the mailboxes an alert could name are read live: near the quota line, and shared
// mailboxes near the 50 GB line, as `shared` reads them.
import { listCompanySubscriptions } from '../m365/company-subscriptions';
import { usersById } from '../m365/directory-users';
import type { TenantClients } from '../m365/tenant-clients';
import type { ArchiveFigures, HeldMailbox, MailboxWithStatistics, RecipientTypeDetails } from '../model/tenant';
import type { TenantFacts } from '../reports/alerts/findings';
import { ALERT_KIND_SPECS, type AlertKind } from '../reports/alerts/kinds';
import { percentOf } from '../reports/mailbox-report';
import { readMailboxFigures, type LiveRowsContext } from '../reads/usage-or-live';
import { sizeDecidesVerdict } from '../reports/licensing/shared-mailbox-verdict';
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
  storedHeldMailboxes?: () => Promise<HeldMailbox[]>,
): Promise<TenantFacts> {
  const reads = ALERT_KIND_SPECS.filter((s) => kinds.includes(s.kind)).map((s) => s.reads);
  const growthRead = reads.some((r) => r.growth) && growthForAll ? growthForAll() : undefined;
  growthRead?.catch(() => undefined);
  // Archives come from the stored readings the background refresh keeps (one cmdlet per archive).
  const archivesRead = reads.some((r) => r.archives) && storedArchives ? storedArchives() : Promise.resolve(undefined);
  archivesRead.catch(() => undefined);
  const heldRead = reads.some((r) => r.heldMailboxes) && storedHeldMailboxes ? storedHeldMailboxes() : Promise.resolve(undefined);
  heldRead.catch(() => undefined);
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
  if (types) {
    const read = await readMailboxFigures(
      { tenant, usage, config: { tenantId: usage?.tenantId ?? '' } },
      { types, liveRows: alertRowsToReadLive },
    );
    mailboxes = read.mailboxes;
    if (read.figures.source === 'usage') usageDate = read.figures.usageDate ?? null;
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
  const heldMailboxes = await heldRead;
  return {
    mailboxes,
    users,
    skus,
    ...(subscriptions ? { subscriptions } : {}),
    ...(usageDate !== undefined ? { usageDate } : {}),
    ...(growth ? { growth } : {}),
    ...(archives ? { archives } : {}),
    ...(heldMailboxes ? { heldMailboxes } : {}),
  };
}

/**
 * On the usage path, the mailboxes an alert could name: those near their quota line, fullest first
 * (up to LIVE_AT_MOST), and shared mailboxes whose licence verdict turns on today's size.
 */
function alertRowsToReadLive(mailboxes: readonly MailboxWithStatistics[], { pass }: LiveRowsContext): string[] {
  if (pass > 0) return [];
  const near = mailboxes.filter((m) => {
    const p = m.statistics ? percentOf(m.statistics.totalItemSizeBytes, m.prohibitSendReceiveQuotaBytes) : null;
    return p !== null && p >= LIVE_FROM_PERCENT;
  });
  near.sort((a, b) => size(b) - size(a));
  const shared = mailboxes.filter((m) => m.recipientTypeDetails === 'SharedMailbox' && sizeDecidesVerdict(m));
  return [...near.slice(0, LIVE_AT_MOST), ...shared].map((m) => m.userPrincipalName);
}

function size(m: MailboxWithStatistics): number {
  return m.statistics && m.prohibitSendReceiveQuotaBytes ? m.statistics.totalItemSizeBytes / m.prohibitSendReceiveQuotaBytes : 0;
}
