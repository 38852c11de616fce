// What `mailboxes` reads, at any size. A small tenant (or `mailboxes … live`) is read live, mailbox by
// mailbox. From the threshold up, the figures, ranking and totals come from Microsoft 365's usage
// report and only the rows on the card are read live: a handful of $batch calls instead of one per
// ten mailboxes. When the report cannot be joined (concealed names) or read, the tenant is read live
// and the card says why.
import { readMailboxes, type MailboxInventory } from '../m365/mailbox-inventory';
import { NON_USER_TYPES, readLiveFigures, readMailboxesByType } from '../m365/mailbox-figures';
import type { MailboxUsageLookup } from '../m365/mailbox-usage';
import type { GroupActivityDetail, Mailbox, MailboxWithStatistics, RecipientTypeDetails } from '../model/tenant';
import type { GrowthTable } from '../reports/growth';
import { joinGroupUsage } from '../reports/group-usage';
import { chooseFigureSource, durationWords, remainingMs, type FiguresNote, type UsageState } from '../reports/figure-source';
import { buildMailboxReport, type MailboxQuery } from '../reports/mailbox-report';
import { joinUsage, withLive } from '../reports/usage-figures';
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
  const { tenant, usage } = services;
  const live = async (figures: FiguresNote, total: number | null): Promise<MailboxData> => {
    const started = Date.now();
    const large = figures.why === 'concealed' || figures.why === 'no-usage';
    if (!large) options.onStage?.('Reading mailboxes…');
    const inventory = await readMailboxes(tenant, {
      types: options.types,
      signal: options.signal,
      onProgress: (done, found) => {
        if (large) {
          const left = remainingMs(done, total ?? found, Date.now() - started);
          options.onStage?.(
            `Reading every mailbox live${left === null ? '' : `: ${durationWords(left)} left at the pace Exchange allows`}…`,
          );
        }
        options.onProgress?.(done, found);
      },
    });
    inventory.mailboxes = await withGrowth(inventory.mailboxes, growth);
    // Without the report the tenant's size was unknown: a small one needs no word about it.
    if (figures.why === 'no-usage' && inventory.mailboxes.length < usage.threshold)
      return { ...inventory, figures: { source: 'live', why: 'small' } };
    return { ...inventory, figures: large ? { ...figures, tookMs: Date.now() - started } : figures };
  };
  if (options.askedLive) return live({ source: 'live', why: 'asked' }, null);
  if (options.types !== 'all' && options.types.length === 1 && options.types[0] === 'GroupMailbox') {
    const groups = await readGroupMailboxesAtScale(services, query, options);
    return groups ?? live({ source: 'live', why: 'small' }, null);
  }

  options.onStage?.("Reading Microsoft 365's usage report…");
  // A tenant already known to be large has its non-user mailboxes listed while the report is checked.
  const kept = usage.reports.peek(services.config.tenantId);
  const knownLarge = kept !== undefined && kept.rows.length >= usage.threshold && !kept.concealed;
  const byType = knownLarge ? readMailboxesByType(tenant.exchange, NON_USER_TYPES, { signal: options.signal }) : null;
  byType?.catch(() => undefined);
  const lookup = await usage.reports.get(services.config.tenantId, tenant.graph, { signal: options.signal });
  const source = chooseFigureSource({ askedLive: false, usage: usageState(lookup), threshold: usage.threshold });
  if (source.kind === 'live') {
    await byType?.catch(() => undefined);
    if (!('mailboxes' in source)) return live({ source: 'live', why: source.why }, null);
    const total = source.mailboxes;
    options.onStage?.(
      source.why === 'concealed'
        ? `Reading every mailbox live: Microsoft 365 conceals names in its usage report here (${total?.toLocaleString('en-US') ?? '?'} mailboxes, ${Math.ceil((total ?? 0) / 10).toLocaleString('en-US')} calls)…`
        : "Reading every mailbox live: Microsoft 365's usage report could not be read…",
    );
    const concealed = lookup.ok ? (lookup.usage.concealed ?? undefined) : undefined;
    return live({ source: 'live', why: source.why, concealed, message: source.message }, total);
  }
  if (!lookup.ok) throw new Error('unreachable: usage chosen without a report');

  const report = lookup.usage;
  options.onStage?.('Reading which mailboxes are shared, rooms or equipment…');
  const known: Map<string, Mailbox> = await (byType ?? readMailboxesByType(tenant.exchange, NON_USER_TYPES, { signal: options.signal }));
  const joined = joinUsage(report.rows, known, report.refreshDate);
  const mailboxes = await withGrowth(joined.mailboxes, growth);
  const figures: FiguresNote = { source: 'usage', usageDate: report.refreshDate, ...(lookup.throttled ? { staleCopy: true } : {}) };

  // The rows an admin sees are read live; live figures can reorder the page, so the page is built
  // again and any row that moved onto it is read too (twice at most: the order barely moves).
  options.onStage?.('Reading live figures for the rows shown…');
  const upForLive = new Set<string>();
  if (joined.notInReport.length <= NEW_MAILBOXES_READ_LIVE)
    for (const m of joined.notInReport) upForLive.add(m.userPrincipalName.toLowerCase());
  for (let pass = 0; pass < 3; pass++) {
    const page = buildMailboxReport(mailboxes, { ...query, top: Math.min(query.top, LIVE_ROWS) }, options.now);
    for (const row of page.rows) if (row.source === 'usage') upForLive.add(row.upn.toLowerCase());
    if (upForLive.size === 0) break;
    const targets: number[] = [];
    mailboxes.forEach((m, i) => {
      if (upForLive.has(m.userPrincipalName.toLowerCase())) targets.push(i);
    });
    upForLive.clear();
    await readRowsLive(tenant, mailboxes, targets, options);
  }
  return withFailures(mailboxes, figures);
}

/**
 * Group mailboxes from the threshold up: Get-Mailbox -GroupMailbox (a page per 1,000) for names and
 * quotas, Microsoft 365's groups activity report for items, storage and last activity, and the rows
 * shown read live, as the user mailboxes' usage path does. Null when the tenant has fewer group
 * mailboxes than the threshold (read live); a report that cannot be read is read live too, and says so.
 */
async function readGroupMailboxesAtScale(
  services: Pick<BotServices, 'tenant' | 'usage' | 'config'>,
  query: MailboxQuery,
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
  const page = buildMailboxReport(mailboxes, { ...query, top: Math.min(query.top, LIVE_ROWS) }, options.now);
  const shown = new Set(page.rows.map((r) => r.upn.toLowerCase()));
  const targets = mailboxes.flatMap((m, i) =>
    shown.has(m.userPrincipalName.toLowerCase()) || joined.notInReport.slice(0, NEW_MAILBOXES_READ_LIVE).includes(i) ? [i] : [],
  );
  await readRowsLive(tenant, mailboxes, targets, options);
  return withFailures(mailboxes, { source: 'usage', usageDate: refreshDate });
}

/** The mailboxes at `targets` read live in place (their usage figures stay where a read fails). */
async function readRowsLive(
  tenant: BotServices['tenant'],
  mailboxes: MailboxWithStatistics[],
  targets: number[],
  options: ReadMailboxDataOptions,
): Promise<void> {
  const liveFigures = await readLiveFigures(
    tenant.exchange,
    targets.map((i) => mailboxes[i]),
    { signal: options.signal },
  );
  for (const i of targets) {
    const f = liveFigures.get(mailboxes[i].userPrincipalName.toLowerCase());
    if (f) mailboxes[i] = withLive(mailboxes[i], f);
  }
  options.onProgress?.(mailboxes.length, mailboxes.length);
}

/** The result, partial when any mailbox is left without figures. */
function withFailures(mailboxes: MailboxWithStatistics[], figures: FiguresNote): MailboxData {
  const missing = mailboxes.filter((m) => !m.statistics);
  return {
    mailboxes,
    failures: missing.map((m) => ({ identity: m.userPrincipalName, reason: m.statisticsError ?? 'no figures' })),
    complete: missing.length === 0,
    figures,
  };
}

function usageState(lookup: MailboxUsageLookup): UsageState {
  if (!lookup.ok) return { kind: 'unavailable', reason: lookup.reason, message: lookup.message };
  const u = lookup.usage;
  return u.concealed ? { kind: 'concealed', mailboxes: u.rows.length, form: u.concealed } : { kind: 'ok', mailboxes: u.rows.length };
}
