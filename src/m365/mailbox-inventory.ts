// The mailbox report's data: every mailbox of the asked-for types (Get-Mailbox, filtered by
// Exchange) with its statistics (Get-MailboxStatistics, 10 per $batch). Statistics for page 1 are
// already being read while page 2 arrives. A mailbox whose statistics could not be read stays in
// the list with the reason, and the result says it is incomplete.
import { ConcurrencyCap } from './concurrency-cap';
import { EXCHANGE_BATCH_LIMIT, statisticsCommand, statisticsFrom, type ExchangeClient } from './exchange-client';
import { statisticsIdentity } from './exchange-records';
import type { MailboxWithStatistics, RecipientTypeDetails } from '../model/tenant';
import { reasonOf, ServiceError } from './service-error';

export const ALL_MAILBOX_TYPES: RecipientTypeDetails[] = ['UserMailbox', 'SharedMailbox', 'RoomMailbox', 'EquipmentMailbox'];

export interface ReadMailboxesOptions {
  types: RecipientTypeDetails[] | 'all';
  /** Also read archive statistics of mailboxes whose archive is Active. */
  withArchiveStatistics?: boolean;
  /** Mailboxes whose statistics are read, of those found so far (the total grows while pages arrive). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface MailboxInventory {
  mailboxes: MailboxWithStatistics[];
  failures: { identity: string; reason: string }[];
  /** False when any statistics are missing: the report must say it is partial. */
  complete: boolean;
}

interface StatisticsJob {
  mailbox: MailboxWithStatistics;
  identity: string;
  archive: boolean;
}

export async function readMailboxes(clients: { exchange: ExchangeClient }, options: ReadMailboxesOptions): Promise<MailboxInventory> {
  const exchange = clients.exchange;
  const types = options.types === 'all' ? ALL_MAILBOX_TYPES : options.types;
  const cap = new ConcurrencyCap(exchange.pipeline.maxInFlight);
  const mailboxes: MailboxWithStatistics[] = [];
  const failures: MailboxInventory['failures'] = [];
  // Only unfinished batches are held, so 100,000 mailboxes do not pile up 10,000 settled promises.
  const running = new Set<Promise<void>>();
  let waiting: StatisticsJob[] = [];
  let done = 0;
  // A failure that makes every other call pointless (no permission, cancelled) ends the whole read.
  let fatal: unknown = null;

  const fail = (job: StatisticsJob, reason: string) => {
    const what = job.archive ? `archive statistics: ${reason}` : reason;
    job.mailbox.statisticsError = job.mailbox.statisticsError ? `${job.mailbox.statisticsError}; ${what}` : what;
    failures.push({ identity: job.identity, reason: what });
  };

  const runBatch = async (jobs: StatisticsJob[]) => {
    if (fatal) return;
    try {
      const results = await exchange.batch(
        jobs.map((j) => statisticsCommand(j.identity, j.archive)),
        { signal: options.signal },
      );
      jobs.forEach((job, i) => {
        const stats = statisticsFrom(results[i]);
        if (stats instanceof ServiceError) fail(job, reasonOf(stats));
        else if (job.archive) job.mailbox.archiveStatistics = stats;
        else job.mailbox.statistics = stats;
      });
    } catch (e) {
      if (isFatal(e, options.signal)) {
        fatal ??= e;
        return;
      }
      for (const job of jobs) fail(job, reasonOf(e));
    }
    done += jobs.filter((j) => !j.archive).length;
    options.onProgress?.(done, mailboxes.length);
  };

  const startBatches = (all: boolean) => {
    while (waiting.length >= EXCHANGE_BATCH_LIMIT || (all && waiting.length > 0)) {
      const jobs = waiting.slice(0, EXCHANGE_BATCH_LIMIT);
      waiting = waiting.slice(EXCHANGE_BATCH_LIMIT);
      const batch: Promise<void> = cap
        .run(() => runBatch(jobs))
        .catch((e) => void (fatal ??= e))
        .finally(() => running.delete(batch));
      running.add(batch);
    }
  };

  try {
    for await (const page of exchange.mailboxPages({ recipientTypeDetails: types }, { signal: options.signal })) {
      for (const m of page) {
        const mailbox: MailboxWithStatistics = { ...m, statistics: null };
        const identity = statisticsIdentity(m);
        mailboxes.push(mailbox);
        waiting.push({ mailbox, identity, archive: false });
        if (options.withArchiveStatistics && m.archiveStatus === 'Active') {
          mailbox.archiveStatistics = null;
          waiting.push({ mailbox, identity, archive: true });
        }
      }
      startBatches(false);
      options.onProgress?.(done, mailboxes.length);
      if (fatal) break;
    }
    startBatches(true);
  } finally {
    // Even when paging fails, no batch is left running behind the caller's back.
    while (running.size > 0) await Promise.all([...running]);
  }
  if (fatal) throw fatal;
  return { mailboxes, failures, complete: failures.length === 0 };
}

function isFatal(e: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  if (e instanceof ServiceError) return e.status === 401 || e.status === 403 || e.service === 'identity';
  // Anything else is not the service's doing (a bug, a cancelled call): stop rather than guess.
  return true;
}
