// A history collection: when Microsoft 365's usage report has a day the store lacks, that day's
// figures are stored under the report's date (never the bot's). Runs in the alert cycle (timer and
// POST /api/alerts/run) whoever asked for a report, and from `history collect`.
import type { Logger } from '../log';
import type { MailboxUsageCache } from '../m365/mailbox-usage';
import type { GraphClient } from '../m365/graph-client';
import type { HistoryStore } from './history-store';
import type { HistoryRecord } from './day-rows';

export type CollectOutcome =
  | { kind: 'written'; date: string; mailboxes: number; ms: number }
  | { kind: 'exists'; date: string }
  | { kind: 'concealed'; date: string | null }
  | { kind: 'failed'; message: string };

export interface HistoryCollectorDeps {
  store: HistoryStore;
  reports: MailboxUsageCache;
  graph: GraphClient;
  tenantId: string;
  log: Logger;
  now?: () => Date;
}

export class HistoryCollector {
  private running: Promise<CollectOutcome> | undefined;
  /** The last collection found names concealed: what the bot reads live is stored instead. */
  private concealed = false;

  constructor(private readonly deps: HistoryCollectorDeps) {}

  /**
   * `recheck`: ask Graph whether a newer report exists now, not after the kept copy's half hour.
   * `quiet`: each day stored is logged at debug (the demo's backfill stores 93 in a row and says so once).
   */
  collect(options: { recheck?: boolean; quiet?: boolean } = {}): Promise<CollectOutcome> {
    this.running ??= this.run(options).finally(() => (this.running = undefined));
    return this.running;
  }

  async recordLive(mailboxes: LiveMailboxFigures[], now: Date): Promise<boolean> {
    if (!this.concealed) return false;
    const date = now.toISOString().slice(0, 10);
    const records: HistoryRecord[] = mailboxes
      .filter((m) => m.statistics)
      .map((m) => ({
        upn: m.userPrincipalName,
        bytes: m.statistics!.totalItemSizeBytes,
        items: m.statistics!.itemCount,
        quotaBytes: m.prohibitSendReceiveQuotaBytes,
        recoverableBytes: m.statistics!.totalDeletedItemSizeBytes ?? null,
        recoverableItems: m.statistics!.deletedItemCount ?? null,
        archiveBytes: m.archiveStatistics?.totalItemSizeBytes ?? null,
        archiveItems: m.archiveStatistics?.itemCount ?? null,
      }));
    if (records.length === 0 || (await this.deps.store.hasDay(date))) return false;
    const written = await this.deps.store.recordDay(date, records, 'live', now);
    if (written === 'written')
      await this.deps.store.noteCollection(
        date,
        `stored ${records.length.toLocaleString('en-US')} mailboxes read live (names concealed in the usage report)`,
        now,
      );
    return written === 'written';
  }

  private async run(options: { recheck?: boolean; quiet?: boolean }): Promise<CollectOutcome> {
    const { store, log } = this.deps;
    const now = (this.deps.now ?? (() => new Date()))();
    const started = Date.now();
    const lookup = await this.deps.reports.get(this.deps.tenantId, this.deps.graph, { recheck: options.recheck });
    if (!lookup.ok) {
      const outcome: CollectOutcome = { kind: 'failed', message: lookup.message };
      await store.noteCollection(null, `not collected: ${lookup.message}`, now).catch(() => undefined);
      log.warn('history not collected', { reason: lookup.reason });
      return outcome;
    }
    const usage = lookup.usage;
    const date = usage.refreshDate;
    this.concealed = Boolean(usage.concealed);
    if (usage.concealed || !date) {
      await store.noteCollection(date, 'not collected: the usage report conceals names, so its rows cannot be joined to mailboxes', now);
      return { kind: 'concealed', date };
    }
    if (await store.hasDay(date)) return { kind: 'exists', date };
    const records: HistoryRecord[] = usage.rows.map((r) => ({
      upn: r.userPrincipalName,
      bytes: r.storageUsedBytes,
      items: r.itemCount,
      quotaBytes: r.prohibitSendReceiveQuotaBytes,
      recoverableBytes: r.deletedItemSizeBytes,
      recoverableItems: r.deletedItemCount,
    }));
    const written = await store.recordDay(date, records, 'usage', now);
    if (written === 'exists') return { kind: 'exists', date };
    // The tenant's storage over 180 days, once per new day: a fresh install shows a trend at once.
    await this.deps.graph
      .getMailboxUsageStorage('D180')
      .then((days) => store.saveTenantStorage(days))
      .catch((err: unknown) => log.warn('tenant storage history not read', { err: err as Error }));
    const ms = Date.now() - started;
    await store.noteCollection(date, `collected ${records.length.toLocaleString('en-US')} mailboxes`, now);
    log[options.quiet ? 'debug' : 'info']('history collected', { date, mailboxes: records.length, ms });
    return { kind: 'written', date, mailboxes: records.length, ms };
  }
}

/** What a live read gives the history: a mailbox's statistics, as the alert cycle holds them. */
export interface LiveMailboxFigures {
  userPrincipalName: string;
  prohibitSendReceiveQuotaBytes: number | null;
  statistics: {
    itemCount: number;
    totalItemSizeBytes: number;
    deletedItemCount?: number | null;
    totalDeletedItemSizeBytes?: number | null;
  } | null;
  archiveStatistics?: { itemCount: number; totalItemSizeBytes: number } | null;
}
