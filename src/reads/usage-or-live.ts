// Where a whole-tenant read takes each mailbox's figures from, decided once for every report and the
// alert cycle. A small tenant (or one asked for `live`) is read live, mailbox by mailbox. From the
// threshold up, the figures come from Microsoft 365's usage report and only the rows the caller names
// are read live: a handful of $batch calls instead of one per ten mailboxes. When the report cannot
// be joined (concealed names) or read, the tenant is read live and the figures note says why.
import { readMailboxes, type MailboxInventory } from '../m365/mailbox-inventory';
import { NON_USER_TYPES, readLiveFigures, readMailboxesByType } from '../m365/mailbox-figures';
import type { MailboxUsage, MailboxUsageLookup, UsageServices } from '../m365/mailbox-usage';
import type { TenantClients } from '../m365/tenant-clients';
import type { Mailbox, MailboxWithStatistics, RecipientTypeDetails } from '../model/tenant';
import { chooseFigureSource, durationWords, remainingMs, type FiguresNote, type UsageState } from '../reports/figure-source';
import { joinUsage, usageStatistics, withLive } from '../reports/usage-figures';

/** How often the caller is asked which rows must be live. */
const LIVE_PASSES = 3;

export interface MailboxFigures extends MailboxInventory {
  figures: FiguresNote;
}

/** What the caller knows of the rows when it names those to read live. */
export interface LiveRowsContext {
  /** Mailboxes Exchange listed that the report lacks (made since its date), without figures. */
  notInReport: readonly MailboxWithStatistics[];
  /** 0 on the first call, then 1, 2 after each live read. */
  pass: number;
}

export interface ReadMailboxFiguresOptions {
  /**
   * The mailboxes wanted. Read live, exactly these types. From the usage report: with a user type (or
   * 'all'), every row of the report (rows Exchange does not list as shared, room or equipment are user
   * mailboxes), so the caller filters by type; without one, only the mailboxes Exchange lists of these
   * types, in its order, each with its report row's figures.
   */
  types: RecipientTypeDetails[] | 'all';
  /**
   * The UPNs whose figures must be live, given every row with the report's figures (and the live ones
   * read so far). Asked up to three times: again after each live read, which can reorder the rows,
   * until a pass names no new row; and again while it has named none (a caller may know more once
   * its own reads are in, such as the accounts a verdict needs).
   */
  liveRows(mailboxes: readonly MailboxWithStatistics[], context: LiveRowsContext): Iterable<string> | Promise<Iterable<string>>;
  /** Read every mailbox live, whatever the tenant's size (`… live`). */
  askedLive?: boolean;
  /** Read live: archive statistics too, for mailboxes whose archive is active. */
  withArchiveStatistics?: boolean;
  /** What the caller adds to each mailbox before rows are chosen (growth from the history). */
  annotate?(mailboxes: MailboxWithStatistics[]): Promise<MailboxWithStatistics[]>;
  /** What is read, in a progress title: "mailboxes", "shared mailboxes". */
  noun?: string;
  onProgress?: (done: number, total: number) => void;
  /** A new progress title ("Reading the usage report…", "Reading every mailbox live, about 40 min…"). */
  onStage?: (title: string) => void;
  signal?: AbortSignal;
}

export async function readMailboxFigures(
  /** Without `usage` (a caller given no usage report), every mailbox is read live. */
  services: { tenant: TenantClients; usage?: UsageServices; config: { tenantId: string } },
  options: ReadMailboxFiguresOptions,
): Promise<MailboxFigures> {
  const { tenant, usage } = services;
  if (options.askedLive) return readLive(services, options, { source: 'live', why: 'asked' }, null);
  if (!usage) return readLive(services, options, { source: 'live', why: 'small' }, null);
  const everyRow = options.types === 'all' || options.types.includes('UserMailbox');
  const listed = everyRow ? NON_USER_TYPES : (options.types as RecipientTypeDetails[]);

  options.onStage?.("Reading Microsoft 365's usage report…");
  // A tenant already known to be large has its mailboxes listed by type while the report is checked.
  const kept = usage.reports.peek(services.config.tenantId);
  const knownLarge = kept !== undefined && kept.rows.length >= usage.threshold && !kept.concealed;
  const byType = knownLarge ? readMailboxesByType(tenant.exchange, listed, { signal: options.signal }) : null;
  byType?.catch(() => undefined);
  const lookup = await usage.reports.get(services.config.tenantId, tenant.graph, { signal: options.signal });
  const source = chooseFigureSource({ askedLive: false, usage: usageState(lookup), threshold: usage.threshold });
  if (source.kind === 'live') {
    await byType?.catch(() => undefined);
    if (!('mailboxes' in source)) return readLive(services, options, { source: 'live', why: source.why }, null);
    const concealed = lookup.ok ? (lookup.usage.concealed ?? undefined) : undefined;
    return readLive(services, options, { source: 'live', why: source.why, concealed, message: source.message }, source.mailboxes);
  }
  if (!lookup.ok) throw new Error('unreachable: usage chosen without a report');

  const report = lookup.usage;
  options.onStage?.(everyRow ? 'Reading which mailboxes are shared, rooms or equipment…' : `Reading ${options.noun ?? 'mailboxes'}…`);
  const known = await (byType ?? readMailboxesByType(tenant.exchange, listed, { signal: options.signal }));
  const joined = everyRow ? joinUsage(report.rows, known, report.refreshDate) : listedWithUsage(known, report);
  const mailboxes = options.annotate ? await options.annotate(joined.mailboxes) : joined.mailboxes;
  await readLiveRows(tenant, mailboxes, options.liveRows, { ...options, notInReport: joined.notInReport });
  return withFailures(mailboxes, { source: 'usage', usageDate: report.refreshDate, ...(lookup.throttled ? { staleCopy: true } : {}) });
}

/**
 * The rows `liveRows` names read live in place, pass after pass while it names rows not yet read
 * (their report figures stay where a read fails). For any source of report figures: the mailbox
 * usage report here, the groups activity report for group mailboxes.
 */
export async function readLiveRows(
  tenant: Pick<TenantClients, 'exchange'>,
  mailboxes: MailboxWithStatistics[],
  liveRows: ReadMailboxFiguresOptions['liveRows'],
  options: { notInReport?: readonly MailboxWithStatistics[]; onProgress?: (done: number, total: number) => void; signal?: AbortSignal },
): Promise<void> {
  const tried = new Set<string>();
  let index: Map<string, number> | undefined;
  let read = false;
  for (let pass = 0; pass < LIVE_PASSES; pass++) {
    const targets: number[] = [];
    for (const upn of await liveRows(mailboxes, { notInReport: options.notInReport ?? [], pass })) {
      const key = upn.toLowerCase();
      if (tried.has(key)) continue;
      tried.add(key);
      index ??= new Map(mailboxes.map((m, i) => [m.userPrincipalName.toLowerCase(), i]));
      const i = index.get(key);
      if (i !== undefined && mailboxes[i].statisticsSource !== 'live') targets.push(i);
    }
    if (targets.length === 0) {
      if (read) break;
      continue;
    }
    read = true;
    const live = await readLiveFigures(
      tenant.exchange,
      targets.map((i) => mailboxes[i]),
      { signal: options.signal },
    );
    for (const i of targets) {
      const f = live.get(mailboxes[i].userPrincipalName.toLowerCase());
      if (f) mailboxes[i] = withLive(mailboxes[i], f);
    }
    options.onProgress?.(mailboxes.length, mailboxes.length);
  }
}

/** Every mailbox read live; a large tenant read so says why and how long it took. */
async function readLive(
  services: { tenant: TenantClients; usage?: UsageServices },
  options: ReadMailboxFiguresOptions,
  figures: FiguresNote,
  total: number | null,
): Promise<MailboxFigures> {
  const started = Date.now();
  const noun = options.noun ?? 'mailboxes';
  const everyMailbox = options.types === 'all' || options.types.includes('UserMailbox');
  const large = figures.why === 'concealed' || figures.why === 'no-usage';
  if (!large) options.onStage?.(`Reading ${noun}…`);
  else if (figures.why === 'concealed')
    options.onStage?.(
      everyMailbox
        ? `Reading every mailbox live: Microsoft 365 conceals names in its usage report here (${total?.toLocaleString('en-US') ?? '?'} mailboxes, ${Math.ceil((total ?? 0) / 10).toLocaleString('en-US')} calls)…`
        : `Reading ${noun} live: Microsoft 365 conceals names in its usage report here…`,
    );
  else options.onStage?.(`Reading ${everyMailbox ? 'every mailbox' : noun} live: Microsoft 365's usage report could not be read…`);
  const inventory = await readMailboxes(services.tenant, {
    types: options.types,
    withArchiveStatistics: options.withArchiveStatistics,
    signal: options.signal,
    onProgress: (done, found) => {
      if (large && everyMailbox) {
        const left = remainingMs(done, total ?? found, Date.now() - started);
        options.onStage?.(`Reading every mailbox live${left === null ? '' : `: ${durationWords(left)} left at the pace Exchange allows`}…`);
      }
      options.onProgress?.(done, found);
    },
  });
  if (options.annotate) inventory.mailboxes = await options.annotate(inventory.mailboxes);
  // Without the report the tenant's size was unknown: a small one needs no word about it.
  if (figures.why === 'no-usage' && inventory.mailboxes.length < (services.usage?.threshold ?? 0))
    return { ...inventory, figures: { source: 'live', why: 'small' } };
  return { ...inventory, figures: large ? { ...figures, tookMs: Date.now() - started } : figures };
}

/** The mailboxes Exchange listed, in its order, each with its report row's figures (or none, and why). */
function listedWithUsage(
  known: ReadonlyMap<string, Mailbox>,
  report: MailboxUsage,
): { mailboxes: MailboxWithStatistics[]; notInReport: MailboxWithStatistics[] } {
  const byUpn = new Map(report.rows.map((r) => [r.userPrincipalName.toLowerCase(), r]));
  const mailboxes: MailboxWithStatistics[] = [];
  const notInReport: MailboxWithStatistics[] = [];
  for (const [key, m] of known) {
    const row = byUpn.get(key);
    const statistics = row ? usageStatistics(row) : null;
    const mailbox: MailboxWithStatistics = { ...m, statistics, statisticsSource: 'usage' };
    if (!row) {
      mailbox.statisticsError = `Not in the usage data${report.refreshDate ? ` of ${report.refreshDate}` : ''}: made since, or not yet counted.`;
      notInReport.push(mailbox);
    }
    mailboxes.push(mailbox);
  }
  return { mailboxes, notInReport };
}

/** The result, partial when any mailbox is left without figures. */
function withFailures(mailboxes: MailboxWithStatistics[], figures: FiguresNote): MailboxFigures {
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
