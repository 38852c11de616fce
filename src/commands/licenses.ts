// `licenses [upn]`: the tenant's subscriptions as pools (bought, assigned, free) and the licences it
// pays for without use; or, with an address, one account's licences.
import { licensesCard, type LicensesCardInput } from '../cards/licensing/licenses-card';
import { readMailboxes, type MailboxInventory } from '../m365/mailbox-inventory';
import { readSharedMailboxesAtScale } from '../reads/shared-usage';
import { licensePools } from '../reports/licensing/license-pools';
import { licenseWaste } from '../reports/licensing/license-waste';
import { licenseCost } from '../reports/licensing/license-cost';
import { priceBook } from '../reports/licensing/prices';
import { PriceStore } from '../state/prices';
import { readActiveUserReport, type ActiveUserReport } from '../m365/active-users';
import { isServiceError } from '../m365/service-error';
import { listCompanySubscriptions } from '../m365/company-subscriptions';
import type { CompanySubscription } from '../model/tenant';
import type { LicensePool } from '../reports/licensing/license-pools';
import type { PriceBook } from '../reports/licensing/prices';
import { upcomingRenewals } from '../reports/licensing/renewals';
import type { RenewalsView } from '../cards/licensing/license-money';
import type { ActivityEvidence } from '../reports/licensing/license-waste';
import { parseMailboxArgument } from '../arguments/mailbox';
import { missingStatistics } from '../messages/card-notice';
import type { TableSnapshotData } from '../exports/serve';
import type { ReportSpec } from '../runner/report-runner';
import { startReport } from './reports';
import { licenseGroupsTable, licensesTable } from '../reports/licensing/license-csv';
import { GROUP_WORDS, licenseGroups, type GroupProperty } from '../reports/licensing/license-groups';
import { licenseGroupsCard } from '../cards/licensing/license-groups-card';
import { errorMessage, exportButton, progressMessage, runButton } from '../messages/replies';
import type { Command, ReportContext } from '../dispatch/types';
import { userLicensesMessage } from '../messages/user-licenses-message';

const USAGE = 'licenses [upn | by department|country|company]';
const READING = 'Reading licences and mailboxes…';
/** What waste needs of each account: whether it can sign in and what it holds. */
const WASTE_USER_FIELDS = ['id', 'displayName', 'userPrincipalName', 'accountEnabled', 'assignedLicenses', 'usageLocation'];

export const licensesCommand: Command = {
  name: 'licenses',
  aliases: ['licences'],
  usage: USAGE,
  summary: "The tenant's subscriptions, what they cost and waste, and renewals; or one user's licences and Exchange plan.",
  details:
    "The tenant view adds the monthly cost of each subscription, the waste in money under three headings (unassigned seats; seats on disabled or inactive accounts; licences on shared mailboxes that need none), each split into reassign now and cut at renewal, and renewals in the next 90 days. `licenses by department|country|company` groups cost and waste by the accounts' directory property. Export CSV.",
  examples: ['licenses', 'licenses by department', 'licenses alex@contoso.com'],
  run: async (ctx) => {
    if (!ctx.args || /^by\b/i.test(ctx.args)) return startReport(ctx, licensesCommand.report!(ctx, ctx.args));
    const arg = parseMailboxArgument(ctx.args);
    if (!arg.ok || arg.kind === 'name') {
      const message = arg.ok
        ? "Type the account's address (its UPN) or object id: names can match several people."
        : arg.message.replace('Try: mailbox', 'Try: licenses');
      await ctx.reply(errorMessage("I couldn't read that", message, undefined, `Usage: ${USAGE}`));
      return;
    }
    const ref = await ctx.reply(progressMessage('Looking up the account…', 0, null, 'account'));
    ctx.later(async (outbox) => outbox.update(ref, await userLicensesMessage(ctx.services.tenant, arg.identity, ctx.log)));
  },
  /** The tenant view (`licenses`, `licenses by …`); one account's licences are no report. */
  report: (ctx, args) => {
    if (!args) return licenseReport(ctx);
    const by = /^by(?:\s+(.*))?$/i.exec(args);
    const property = by ? GROUP_WORDS[(by[1] ?? '').trim().toLowerCase()] : undefined;
    if (!property) return errorMessage("I couldn't read that", `Group by department, country or company.`, undefined, `Usage: ${USAGE}`);
    return licenseGroupReport(ctx, property);
  },
};

/**
 * Pools need only the subscriptions; waste needs every licensed account and the last use of every
 * user and shared mailbox. That is one Get-MailboxStatistics per mailbox (10 per $batch): about a
 * minute for 10,000 mailboxes, more for 100,000. Accepted for now; a cached usage report would be
 * the cheaper source for very large tenants.
 */
type LicenseReportData = Awaited<ReturnType<typeof readLicenseReport>>;

/** The licence report as the report runner runs it. */
export function licenseReport(ctx: ReportContext): ReportSpec<LicenseReportData> {
  return {
    commandText: 'licenses',
    reading: READING,
    failure: "I couldn't read the licences",
    logName: 'licence report',
    read: (onProgress, onStage) => readLicenseReport(ctx, onProgress, onStage),
    snapshot: ({ pools, waste, cost, inventory }) => ({
      kind: 'licenses',
      complete: inventory.complete,
      data: { table: licensesTable(pools, waste, cost) } satisfies TableSnapshotData,
    }),
    result: ({ pools, waste, cost, renewals, inventory, now }, snapshotId) => {
      const notice = partialNotice(inventory);
      const input: LicensesCardInput = {
        pools,
        waste,
        cost,
        renewals,
        asOf: now.toISOString(),
        lines: { notice },
        actions: [...(snapshotId ? [exportButton(snapshotId)] : []), runButton(inventory.complete ? 'Refresh' : 'Retry', 'licenses')],
      };
      const exhausted = input.pools.filter((p) => p.level === 'exhausted').length;
      return {
        card: licensesCard(input).card,
        text: `${input.pools.length} subscriptions, ${exhausted} exhausted${notice ? ' (partial)' : ''}`,
      };
    },
    logFields: ({ pools, inventory }) => ({ subscriptions: pools.length, mailboxes: inventory.mailboxes.length }),
  };
}

/** `licenses by department|country|company` as the report runner runs it. */
export function licenseGroupReport(ctx: ReportContext, by: GroupProperty): ReportSpec<LicenseReportData> {
  const word = by === 'companyName' ? 'company' : by;
  return {
    commandText: `licenses by ${word}`,
    reading: READING,
    failure: "I couldn't read the licences",
    logName: 'licence groups report',
    read: (onProgress, onStage) => readLicenseReport(ctx, onProgress, onStage, by),
    snapshot: (data) => ({
      kind: 'licenses',
      complete: data.inventory.complete,
      data: { table: licenseGroupsTable(groupsOf(data, by)) } satisfies TableSnapshotData,
    }),
    result: (data, snapshotId) => {
      const groups = groupsOf(data, by);
      const notice = partialNotice(data.inventory);
      const fitted = licenseGroupsCard({
        groups,
        cost: data.cost,
        asOf: data.now.toISOString(),
        lines: { notice },
        actions: [...(snapshotId ? [exportButton(snapshotId)] : []), runButton('Refresh', `licenses by ${word}`)],
      });
      return {
        card: fitted.card,
        text: `Licences by ${word}: ${groups.groups.length} groups${notice ? ' (partial)' : ''}`,
      };
    },
    logFields: ({ pools, inventory }) => ({ subscriptions: pools.length, mailboxes: inventory.mailboxes.length, by }),
  };
}

/** What a licence card says when some mailboxes' statistics are missing; '' when none are. */
function partialNotice(inventory: MailboxInventory): string {
  const partial = missingStatistics(inventory.mailboxes, 'mailboxes');
  return partial && `${partial} Their last use is unknown, so idle mailboxes among them are not counted.`;
}

function groupsOf(data: LicenseReportData, by: GroupProperty) {
  return licenseGroups(by, data.users, data.pools, data.waste, data.cost, data.prices);
}

/**
 * The licence report's data: pools from the subscriptions, waste from the accounts and their use.
 * With Microsoft 365's active-user report in hand, who is inactive comes from it and only shared
 * mailboxes are read from Exchange (by the usage report on a large tenant, as `shared` does): on
 * 100,000 mailboxes a live Get-MailboxStatistics each would take the better part of an hour. Without
 * it (names concealed, refused, failing) every mailbox is read live.
 */
async function readLicenseReport(
  ctx: ReportContext,
  onProgress?: (done: number, total: number) => void,
  onStage?: (title: string) => void,
  groupBy?: GroupProperty,
) {
  const { graph } = ctx.services.tenant;
  // 100,000 accounts come 999 a page, one page after another: only what is used is selected.
  const usersRead = graph.listUsers(groupBy ? [...WASTE_USER_FIELDS, groupBy] : WASTE_USER_FIELDS);
  const directory = Promise.all([graph.listSubscribedSkus(), usersRead]);
  const subscriptionsRead = listCompanySubscriptions(graph);
  subscriptionsRead.catch(() => undefined);
  // Raised after the mailboxes are read; until then nothing must be left unobserved.
  directory.catch(() => undefined);
  // Shared mailboxes are read whatever the active-user report says, so both start at once.
  const sharedRead = readSharedMailboxesAtScale(ctx.services, onProgress, onStage, usersRead);
  sharedRead.catch(() => undefined);
  const activity = await activityEvidence(readActiveUserReport(graph), ctx);
  // Without the report, who is inactive needs every user mailbox's last interaction, read live.
  const [shared, userMailboxes] = await Promise.all([
    sharedRead,
    activity.activity ? undefined : readMailboxes(ctx.services.tenant, { types: ['UserMailbox'], onProgress }),
  ]);
  const inventory: MailboxInventory = userMailboxes
    ? {
        mailboxes: [...userMailboxes.mailboxes, ...shared.inventory.mailboxes],
        failures: [...userMailboxes.failures, ...shared.inventory.failures],
        complete: userMailboxes.complete && shared.inventory.complete,
      }
    : shared.inventory;
  const sharedVerdicts = shared.verdicts;
  const [skus, users] = await directory;
  const now = ctx.now();
  const pools = licensePools(skus);
  const waste = licenseWaste({ users, mailboxes: inventory.mailboxes, skus, now, sharedVerdicts, ...activity });
  const prices = priceBook(await new PriceStore(ctx.services.state).all(), now.toISOString().slice(0, 10));
  const renewals = await renewalsView(subscriptionsRead, pools, prices, now, ctx);
  return { pools, waste, cost: licenseCost(pools, waste, prices), renewals, inventory, now, users, prices };
}

/**
 * The active-user report as waste evidence, or why it cannot be: a report that fails, is refused or
 * conceals names leaves "inactive" to the mailbox's own last interaction, and the card says so.
 */
async function activityEvidence(
  read: Promise<ActiveUserReport>,
  ctx: ReportContext,
): Promise<{ activity: ActivityEvidence | null; activityUnavailable?: string }> {
  try {
    const report = await read;
    if (report.concealed) {
      return {
        activity: null,
        activityUnavailable: 'the tenant conceals names in usage reports (Microsoft 365 admin center › Settings › Org settings › Reports)',
      };
    }
    return {
      activity: { byUpn: report.latest, refreshDate: report.refreshDate },
    };
  } catch (err) {
    const status = isServiceError(err) ? err.status : 0;
    ctx.log.warn('active-user report unreadable', { status, error: err instanceof Error ? err.message : String(err) });
    const why =
      status === 401 || status === 403
        ? 'the bot may not read usage reports (Graph Reports.Read.All)'
        : status === 429
          ? 'Graph is throttling report downloads'
          : 'the active-user report could not be read';
    return { activity: null, activityUnavailable: why };
  }
}

/** How far ahead the card lists renewals. */
const RENEWALS_WITHIN_DAYS = 90;

/** Renewals are worth showing but not worth failing the report for: a refusal is said on the card. */
async function renewalsView(
  read: Promise<CompanySubscription[]>,
  pools: LicensePool[],
  prices: PriceBook,
  now: Date,
  ctx: ReportContext,
): Promise<RenewalsView> {
  try {
    return { ok: true, renewals: upcomingRenewals(await read, pools, now, RENEWALS_WITHIN_DAYS, prices), withinDays: RENEWALS_WITHIN_DAYS };
  } catch (err) {
    const status = isServiceError(err) ? err.status : 0;
    ctx.log.warn('subscriptions unreadable', { status, error: err instanceof Error ? err.message : String(err) });
    return {
      ok: false,
      why:
        status === 401 || status === 403
          ? "the bot may not read the tenant's subscriptions (Graph Organization.Read.All; run doctor)"
          : 'the subscriptions could not be read',
    };
  }
}
