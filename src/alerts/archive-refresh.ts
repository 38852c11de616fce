// Archive statistics read a few at a time, oldest figure first, so that `archives` answers from
// storage in seconds on any tenant and every archive is read at least once a day. One cmdlet per
// archive (Get-MailboxStatistics -Archive) is too slow to read 100,000 of on demand, and must never
// starve the chat commands that share the tenant's Exchange limit: the background refresh keeps one
// $batch in flight at a time (one of the adaptive limit's up to 12), while `archives live` reads at
// the full pace an admin is waiting for.
import type { Logger } from '../log';
import { EXCHANGE_BATCH_LIMIT, type ExchangeClient } from '../m365/exchange-client';
import { listArchiveMailboxes, readArchiveStatistics } from '../m365/archive-statistics';
import { listHeldMailboxes } from '../m365/held-mailboxes';
import { readOrganizationArchiving } from '../m365/organization-config';
import { ServiceError } from '../m365/service-error';
import { ArchiveReadings, oldestFirst, type ArchiveResult } from '../state/archive-readings';
import type { CycleLock } from '../state/lease';
import { repeat, type Timer } from '../cycle/timer';

/** The archives are listed again (new ones, gone ones, quotas, holds) at most this often. */
const LIST_EVERY_MS = 24 * 3_600_000;
const DAY_MS = 86_400_000;

export interface ArchiveRefreshReport {
  listed: boolean;
  /** Mailboxes on Litigation Hold listed with the archives; null when not listed this time, 'failed' when that listing failed. */
  held: number | null | 'failed';
  total: number;
  read: number;
  failed: number;
  /** Get-OrganizationConfig's auto-expanding archiving: on, off, refused to the bot, failed this round, or not asked. */
  organization: 'on' | 'off' | 'refused' | 'failed' | 'not read';
  durationMs: number;
}

export interface RefreshOptions {
  /** Every archive now, at the pipeline's full concurrency (`archives live`). */
  all?: boolean;
  /** Just these archives (by id), now, at the pipeline's full concurrency (`archives` reading the unread ones). */
  only?: readonly string[];
  /** Background: archives read this time; default: enough to read each once a day at `intervalMs`. */
  max?: number;
  intervalMs?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Exchange refused Get-OrganizationConfig: each archive's own flag decides. */
  onOrganizationRefused?: (error: Error) => void;
}

export async function refreshArchives(
  exchange: ExchangeClient,
  readings: ArchiveReadings,
  now: () => Date,
  options: RefreshOptions = {},
): Promise<ArchiveRefreshReport> {
  const started = Date.now();
  const inventory = await readings.inventory();
  const stale = inventory.listedAt === null || now().getTime() - Date.parse(inventory.listedAt) >= LIST_EVERY_MS;
  let listed = false;
  let held: ArchiveRefreshReport['held'] = null;
  if (options.all || (stale && !options.only)) {
    await readings.syncInventory(await listArchiveMailboxes(exchange, { signal: options.signal }), now());
    listed = true;
    held = await refreshHeldMailboxes(exchange, readings, now, options);
  }
  const organization = options.only ? 'not read' : await refreshOrganization(exchange, readings, now, options);
  const archives = await readings.all();
  const perTick = options.max ?? archivesPerRound(archives.length, options.intervalMs ?? DAY_MS);
  const only = options.only && new Set(options.only);
  const due = options.all ? archives : only ? archives.filter((a) => only.has(a.id)) : oldestFirst(archives, perTick);
  const ids = due.map((a) => a.id);
  let read = 0;
  let failed = 0;
  const chunks: string[][] = [];
  // Background: one $batch at a time. Live: all at once, the pipeline's cap decides.
  const step = options.all || only ? ids.length : EXCHANGE_BATCH_LIMIT;
  for (let i = 0; i < ids.length; i += Math.max(1, step)) chunks.push(ids.slice(i, i + Math.max(1, step)));
  let done = 0;
  for (const chunk of chunks) {
    const answers = await readArchiveStatistics(exchange, chunk, {
      signal: options.signal,
      onProgress: (d) => options.onProgress?.(done + d, ids.length),
    });
    const at = now().toISOString();
    const results = new Map<string, ArchiveResult>();
    for (const id of chunk) {
      const answer = answers.get(id);
      if (!answer || answer instanceof ServiceError) {
        failed++;
        results.set(id, { ok: false, at, message: answer?.serviceMessage || answer?.message || 'no answer' });
      } else {
        read++;
        results.set(id, {
          ok: true,
          reading: {
            at,
            sizeBytes: answer.totalItemSizeBytes,
            itemCount: answer.itemCount,
            deletedBytes: answer.totalDeletedItemSizeBytes,
          },
        });
      }
    }
    await readings.record(results);
    done += chunk.length;
  }
  return { listed, held, total: archives.length, read, failed, organization, durationMs: Date.now() - started };
}

/**
 * The mailboxes on Litigation Hold, with or without an archive: on the usage-report path their rows
 * carry no holds, and the Recoverable Items alert judges them with this listing. A failure keeps
 * the last listing; the archives' own are already stored.
 */
async function refreshHeldMailboxes(
  exchange: ExchangeClient,
  readings: ArchiveReadings,
  now: () => Date,
  options: RefreshOptions,
): Promise<number | 'failed'> {
  try {
    const held = await listHeldMailboxes(exchange, { signal: options.signal });
    await readings.syncHeldMailboxes(held, now());
    return held.length;
  } catch (e) {
    if (options.signal?.aborted) throw e;
    return 'failed';
  }
}

/**
 * Once a round: whether the organisation turned auto-expanding archiving on for everyone. A refusal
 * is stored (the archives' own flags decide until a round can read it); a passing failure keeps
 * what the last round read.
 */
async function refreshOrganization(
  exchange: ExchangeClient,
  readings: ArchiveReadings,
  now: () => Date,
  options: RefreshOptions,
): Promise<ArchiveRefreshReport['organization']> {
  const answer = await readOrganizationArchiving(exchange, { signal: options.signal });
  const readAt = now().toISOString();
  if (answer.read) {
    await readings.recordOrganization({ autoExpanding: answer.autoExpanding, readAt });
    return answer.autoExpanding ? 'on' : 'off';
  }
  if (!answer.refused) return 'failed';
  await readings.recordOrganization({ autoExpanding: null, readAt, refused: answer.error.serviceMessage || answer.error.message });
  options.onOrganizationRefused?.(answer.error);
  return 'refused';
}

/** Archives a background round reads: enough for each to be read once a day, at least one $batch. */
export function archivesPerRound(total: number, intervalMs: number): number {
  return Math.max(EXCHANGE_BATCH_LIMIT, Math.ceil(total / Math.max(1, DAY_MS / intervalMs)));
}

/**
 * When the background refresh will have read `unread` archives that were never read (they go first),
 * from rounds of `archivesPerRound` every `intervalMs`; the first round is at most one interval away.
 */
export function unreadReadBy(unread: number, total: number, intervalMs: number, now: Date): Date {
  const rounds = Math.ceil(unread / archivesPerRound(total, intervalMs));
  return new Date(now.getTime() + rounds * intervalMs);
}

export type ArchiveRefreshTimer = Timer;

/** The background refresh on a timer; the lease makes one instance of several run each round. */
export function startArchiveRefresh(run: () => Promise<ArchiveRefreshReport | null>, intervalMs: number, log: Logger): ArchiveRefreshTimer {
  return repeat(
    async () => {
      const report = await run();
      if (report) log.info('archive refresh', { job: 'archive refresh', ...report });
    },
    {
      firstMs: Math.round(Math.random() * Math.min(60_000, intervalMs / 10)) + 5_000,
      everyMs: intervalMs,
      failed: (err) => log.warn('archive refresh failed; the next round tries again', { job: 'archive refresh', err: err as Error }),
    },
  );
}

/** One background round under the archive lease; null when another instance holds it. */
export async function refreshUnderLease(
  lock: CycleLock,
  refresh: (signal: AbortSignal) => Promise<ArchiveRefreshReport>,
): Promise<ArchiveRefreshReport | null> {
  const hold = await lock.acquire();
  if (!hold) return null;
  const abort = new AbortController();
  const watch = setInterval(() => hold.lost && abort.abort(), 1_000);
  watch.unref();
  try {
    return await refresh(abort.signal);
  } finally {
    clearInterval(watch);
    await hold.release();
  }
}
