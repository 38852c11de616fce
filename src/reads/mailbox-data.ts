// What `mailboxes` reads, at any size (reads/usage-or-live.ts decides usage report or live): on the
// usage path, the rows on the card are read live, and any row live figures move onto it; group
// mailboxes take their figures from the groups activity report instead.
import { readMailboxes, type MailboxInventory } from '../m365/mailbox-inventory';
import { readMailboxesByType } from '../m365/mailbox-figures';
import type { GroupActivityDetail, MailboxWithStatistics, RecipientTypeDetails } from '../model/tenant';
import type { GrowthTable } from '../reports/growth';
import { joinGroupUsage } from '../reports/group-usage';
import type { FiguresNote } from '../reports/figure-source';
import { buildMailboxReport, type MailboxQuery } from '../reports/mailbox-report';
import { readLiveRows, readMailboxFigures, type ReadMailboxFiguresOptions } from './usage-or-live';
import type { BotServices } from '../services';

/** Rows read live on the card: more than a Teams card shows, so the rows shown are all live. */
export const LIVE_ROWS = 60;
/** Mailboxes Exchange lists that the report lacks (made since its date): read live up to this many. */
const NEW_MAILBOXES_READ_LIVE = 200;

export interface MailboxData extends MailboxInventory {
  figures: FiguresNote;
  /** The tenant's mailbox storage per day, from the history store (Graph's getMailboxUsageStorage). */
  tenantStorage?: { date: string; bytes: number }[];
}

export interface ReadMailboxDataOptions {
  types: RecipientTypeDetails[] | 'all';
  askedLive: boolean;
  now: Date;
  onProgress?: (done: number, total: number) => void;
  /** A new progress title ("Reading the usage report…", "Reading 100,000 mailboxes live, about 40 min…"). */
  onStage?: (title: string) => void;
  signal?: AbortSignal;
}

export async function readMailboxData(
  services: Pick<BotServices, 'tenant' | 'usage' | 'config'> & Partial<Pick<BotServices, 'history'>>,
  query: MailboxQuery,
  options: ReadMailboxDataOptions,
): Promise<MailboxData> {
  // Sorting by growth ranks from the stored history (three day blobs, whatever the tenant's size).
  const growth = query.sort === 'growth' && services.history ? services.history.store.growthForAll() : null;
  growth?.catch(() => undefined);
  const tenantStorage = services.history?.store.tenantStorage().catch(() => undefined);
  const data = await readFigures(services, query, options, growth);
  const days = await tenantStorage;
  return days && days.length ? { ...data, tenantStorage: days } : data;
}

async function withGrowth(mailboxes: MailboxWithStatistics[], growth: Promise<GrowthTable> | null): Promise<MailboxWithStatistics[]> {
  if (!growth) return mailboxes;
  const table = await growth;
  return mailboxes.map((m) => ({ ...m, growthPerDay: table.byUpn.get(m.userPrincipalName.toLowerCase())?.perDay30 ?? null }));
}

async function readFigures(
  services: Pick<BotServices, 'tenant' | 'usage' | 'config'>,
  query: MailboxQuery,
  options: ReadMailboxDataOptions,
  growth: Promise<GrowthTable> | null,
): Promise<MailboxData> {
  const shownRows = shownOnTheCard(query, options.now);
  if (!options.askedLive && options.types !== 'all' && options.types.length === 1 && options.types[0] === 'GroupMailbox') {
    const groups = await readGroupMailboxesAtScale(services, shownRows, options);
    if (groups) return groups;
  }
  return readMailboxFigures(services, {
    types: options.types,
    askedLive: options.askedLive,
    annotate: growth ? (mailboxes) => withGrowth(mailboxes, growth) : undefined,
    liveRows: (mailboxes, { notInReport, pass }) => {
      if (pass === 0) options.onStage?.('Reading live figures for the rows shown…');
      const shown = shownRows(mailboxes);
      return pass === 0 && notInReport.length <= NEW_MAILBOXES_READ_LIVE
        ? [...shown, ...notInReport.map((m) => m.userPrincipalName)]
        : shown;
    },
    onProgress: options.onProgress,
    onStage: options.onStage,
    signal: options.signal,
  });
}

/** The rows the card shows (and a margin), as the report ranks them with the figures known now. */
function shownOnTheCard(query: MailboxQuery, now: Date): (mailboxes: readonly MailboxWithStatistics[]) => string[] {
  return (mailboxes) => buildMailboxReport(mailboxes, { ...query, top: Math.min(query.top, LIVE_ROWS) }, now).rows.map((r) => r.upn);
}

/**
 * Group mailboxes from the threshold up: Get-Mailbox -GroupMailbox (a page per 1,000) for names and
 * quotas, Microsoft 365's groups activity report for items, storage and last activity, and the rows
 * shown read live, as the user mailboxes' usage path does. Null when the tenant has fewer group
 * mailboxes than the threshold (read live); a report that cannot be read is read live too, and says so.
 */
async function readGroupMailboxesAtScale(
  services: Pick<BotServices, 'tenant' | 'usage' | 'config'>,
  shownRows: ReturnType<typeof shownOnTheCard>,
  options: ReadMailboxDataOptions,
): Promise<MailboxData | null> {
  const { tenant, usage } = services;
  options.onStage?.('Reading the group mailboxes…');
  const listed = [...(await readMailboxesByType(tenant.exchange, ['GroupMailbox'], { signal: options.signal })).values()];
  if (listed.length < usage.threshold) return null;
  options.onStage?.("Reading Microsoft 365's groups activity report…");
  let rows: GroupActivityDetail[];
  try {
    rows = await tenant.graph.getGroupsActivityReport('D7', { signal: options.signal });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const inventory = await readMailboxes(tenant, { types: ['GroupMailbox'], signal: options.signal, onProgress: options.onProgress });
    return { ...inventory, figures: { source: 'live', why: 'no-usage', message } };
  }
  const joined = joinGroupUsage(listed, rows);
  const mailboxes = joined.mailboxes;
  const refreshDate = rows.find((r) => r.reportRefreshDate)?.reportRefreshDate ?? null;
  options.onStage?.('Reading live figures for the rows shown…');
  const newGroups = joined.notInReport.slice(0, NEW_MAILBOXES_READ_LIVE).map((i) => mailboxes[i].userPrincipalName);
  const liveRows: ReadMailboxFiguresOptions['liveRows'] = (all, { pass }) => (pass === 0 ? [...shownRows(all), ...newGroups] : []);
  await readLiveRows(tenant, mailboxes, liveRows, options);
  const missing = mailboxes.filter((m) => !m.statistics);
  return {
    mailboxes,
    failures: missing.map((m) => ({ identity: m.userPrincipalName, reason: m.statisticsError ?? 'no figures' })),
    complete: missing.length === 0,
    figures: { source: 'usage', usageDate: refreshDate },
  };
}
