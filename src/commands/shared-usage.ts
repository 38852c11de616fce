// What `shared` reads on a large tenant: every shared mailbox from Get-Mailbox (holds and archives
// decide most verdicts), sizes from Microsoft 365's usage report, and live statistics only where a
// day-old size could change the verdict (near the 50 GB line) and for the mailboxes the card shows.
// A small tenant, or a report that cannot be used, is read live, mailbox by mailbox.
import { mailboxesToShow } from '../cards/licensing/shared-mailboxes-card';
import { readLiveFigures, readMailboxesByType } from '../m365/mailbox-figures';
import type { DirectoryUser, MailboxWithStatistics } from '../model/tenant';
import { chooseFigureSource, type FiguresNote } from '../reports/figure-source';
import { SHARED_MAILBOX_FREE_BYTES, sharedMailboxVerdict } from '../reports/licensing/shared-mailbox-verdict';
import { usageStatistics, withLive } from '../reports/usage-figures';
import type { BotServices } from '../services';
import { readSharedMailboxData, type SharedMailboxData } from './license-data';
import { usersById } from '../m365/directory-users';

/** A usage size in this band may be on either side of the 50 GB line (or its 90% warning) by now. */
const NEAR_LINE = { from: 0.8 * SHARED_MAILBOX_FREE_BYTES, to: 1.25 * SHARED_MAILBOX_FREE_BYTES };
/** Rows read live for the card: more than it shows. */
const SHOWN_LIVE = 60;

export interface SharedUsageData extends SharedMailboxData {
  figures: FiguresNote;
}

export async function readSharedMailboxesAtScale(
  services: Pick<BotServices, 'tenant' | 'usage' | 'config'>,
  onProgress?: (done: number, total: number) => void,
  onStage?: (title: string) => void,
  /** Every account of the tenant when the caller reads them anyway: the shared ones are then not read again. */
  knownUsers?: Promise<DirectoryUser[]>,
): Promise<SharedUsageData> {
  const { tenant, usage } = services;
  onStage?.("Reading Microsoft 365's usage report…");
  const lookup = await usage.reports.get(services.config.tenantId, tenant.graph);
  const state = !lookup.ok
    ? { kind: 'unavailable' as const, reason: lookup.reason, message: lookup.message }
    : lookup.usage.concealed
      ? { kind: 'concealed' as const, mailboxes: lookup.usage.rows.length, form: lookup.usage.concealed }
      : { kind: 'ok' as const, mailboxes: lookup.usage.rows.length };
  const source = chooseFigureSource({ askedLive: false, usage: state, threshold: usage.threshold });
  if (source.kind === 'live' || !lookup.ok) {
    onStage?.('Reading shared mailboxes…');
    const started = Date.now();
    const data = await readSharedMailboxData(tenant, onProgress);
    const large =
      'mailboxes' in source &&
      (source.why === 'concealed' || (source.why === 'no-usage' && data.inventory.mailboxes.length >= usage.threshold));
    const figures: FiguresNote = large
      ? {
          source: 'live',
          why: source.why,
          concealed: lookup.ok ? (lookup.usage.concealed ?? undefined) : undefined,
          message: 'message' in source ? source.message : undefined,
          tookMs: Date.now() - started,
        }
      : { source: 'live', why: 'small' };
    return { ...data, figures };
  }

  const report = lookup.usage;
  onStage?.('Reading shared mailboxes…');
  const skusRead = tenant.graph.listSubscribedSkus();
  skusRead.catch(() => undefined);
  const byUpn = new Map(report.rows.map((r) => [r.userPrincipalName.toLowerCase(), r]));
  const found = await readMailboxesByType(tenant.exchange, ['SharedMailbox']);
  const mailboxes: MailboxWithStatistics[] = [];
  const live = new Set<number>();
  for (const m of found.values()) {
    const row = byUpn.get(m.userPrincipalName.toLowerCase());
    const statistics = row ? usageStatistics(row) : null;
    const size = statistics?.totalItemSizeBytes ?? null;
    // Not in the report (made since), or near the line: the verdict needs today's size.
    if (size === null || (size >= NEAR_LINE.from && size <= NEAR_LINE.to)) live.add(mailboxes.length);
    mailboxes.push({ ...m, statistics, statisticsSource: 'usage' });
  }
  const readLive = async (indexes: number[]) => {
    if (indexes.length === 0) return;
    const figures = await readLiveFigures(
      tenant.exchange,
      indexes.map((i) => mailboxes[i]),
    );
    for (const i of indexes) {
      const f = figures.get(mailboxes[i].userPrincipalName.toLowerCase());
      if (f) mailboxes[i] = withLive(mailboxes[i], f);
    }
    onProgress?.(live.size, mailboxes.length);
  };
  onStage?.('Reading the accounts behind shared mailboxes, and live sizes near the 50 GB line…');
  // Sizes near the line need no account: Exchange reads them while Graph reads the accounts.
  const [users, skus] = await Promise.all([
    knownUsers
      ? knownUsers.then((all) => new Map(all.map((u) => [u.id.toLowerCase(), u])))
      : usersById(
          tenant.graph,
          mailboxes.map((m) => m.userId),
        ),
    skusRead,
    readLive([...live]),
  ]);
  const judge = (m: MailboxWithStatistics) => sharedMailboxVerdict({ mailbox: m, user: users.get(m.userId.toLowerCase()) ?? null, skus });
  onStage?.('Reading live sizes of the mailboxes shown…');
  // The card lists the riskiest first; those it shows are read live too, and judged again.
  let verdicts = mailboxes.map(judge);
  const index = new Map(mailboxes.map((m, i) => [m.userPrincipalName.toLowerCase(), i]));
  const shown = mailboxesToShow(verdicts)
    .slice(0, SHOWN_LIVE)
    .map((v) => index.get(v.userPrincipalName.toLowerCase()))
    .filter((i): i is number => i !== undefined && mailboxes[i].statisticsSource === 'usage');
  await readLive(shown);
  verdicts = mailboxes.map(judge);
  const missing = mailboxes.filter((m) => !m.statistics);
  return {
    inventory: {
      mailboxes,
      failures: missing.map((m) => ({ identity: m.userPrincipalName, reason: m.statisticsError ?? 'no size' })),
      complete: missing.length === 0,
    },
    verdicts,
    figures: { source: 'usage', usageDate: report.refreshDate, ...(lookup.throttled ? { staleCopy: true } : {}) },
  };
}
