// The Exchange reads that go with Microsoft 365's usage report: the minority mailbox types (the report
// has no recipient type, so every row not listed here is a user mailbox), and live figures for the
// handful of mailboxes an admin is looking at.
import { ConcurrencyCap } from './concurrency-cap';
import { EXCHANGE_BATCH_LIMIT, statisticsCommand, statisticsFrom, type ExchangeClient, type ExchangeCommand } from './exchange-client';
import { statisticsIdentity, toMailbox } from './exchange-records';
import type { LiveFigures, Mailbox, MailboxWithStatistics, RecipientTypeDetails } from '../model/tenant';
import { reasonOf, ServiceError } from './service-error';

/** Usually a few percent of a tenant: a handful of Get-Mailbox pages where user mailboxes would be a hundred. */
export const NON_USER_TYPES: RecipientTypeDetails[] = ['SharedMailbox', 'RoomMailbox', 'EquipmentMailbox'];

/** Mailboxes of `types` by lower-case UPN, Exchange filtering by type. */
export async function readMailboxesByType(
  exchange: ExchangeClient,
  types: RecipientTypeDetails[],
  options: { signal?: AbortSignal; onPage?: (found: number) => void } = {},
): Promise<Map<string, Mailbox>> {
  const found = new Map<string, Mailbox>();
  for await (const page of exchange.mailboxPages({ recipientTypeDetails: types }, { signal: options.signal })) {
    for (const m of page) found.set(m.userPrincipalName.toLowerCase(), m);
    options.onPage?.(found.size);
  }
  return found;
}

interface Job {
  key: string;
  commands: ExchangeCommand[];
  wantsMailbox: boolean;
}

/**
 * Live figures for each mailbox, keyed by lower-case UPN: Get-MailboxStatistics, and Get-Mailbox
 * too for a mailbox known from the usage report only (its holds, archive and ids). A mailbox's two
 * commands travel in the same $batch. A failure stays with its mailbox.
 */
export async function readLiveFigures(
  exchange: ExchangeClient,
  mailboxes: readonly MailboxWithStatistics[],
  options: { signal?: AbortSignal } = {},
): Promise<Map<string, LiveFigures>> {
  const jobs: Job[] = [];
  const seen = new Set<string>();
  for (const m of mailboxes) {
    const key = m.userPrincipalName.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const identity = m.fromUsageOnly ? m.userPrincipalName : statisticsIdentity(m);
    const commands: ExchangeCommand[] = [statisticsCommand(identity)];
    if (m.fromUsageOnly) commands.push({ cmdlet: 'Get-Mailbox', parameters: { Identity: m.userPrincipalName } });
    jobs.push({ key, commands, wantsMailbox: Boolean(m.fromUsageOnly) });
  }
  const batches: Job[][] = [];
  let current: Job[] = [];
  let size = 0;
  for (const job of jobs) {
    if (size + job.commands.length > EXCHANGE_BATCH_LIMIT) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(job);
    size += job.commands.length;
  }
  if (current.length) batches.push(current);

  const results = new Map<string, LiveFigures>();
  const cap = new ConcurrencyCap(exchange.pipeline.maxInFlight);
  await Promise.all(
    batches.map((batch) =>
      cap.run(async () => {
        try {
          const answers = await exchange.batch(
            batch.flatMap((j) => j.commands),
            { signal: options.signal },
          );
          let at = 0;
          for (const job of batch) {
            const stats = statisticsFrom(answers[at]);
            const figures: LiveFigures =
              stats instanceof ServiceError ? { statistics: null, error: reasonOf(stats) } : { statistics: stats };
            if (job.wantsMailbox) {
              const answer = answers[at + 1];
              if (answer.ok && answer.records[0]) figures.mailbox = toMailbox(answer.records[0]);
            }
            at += job.commands.length;
            results.set(job.key, figures);
          }
        } catch (e) {
          if (options.signal?.aborted) throw e;
          for (const job of batch) results.set(job.key, { statistics: null, error: reasonOf(e) });
        }
      }, options.signal),
    ),
  );
  return results;
}
