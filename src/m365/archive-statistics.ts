// The tenant's archives: which mailboxes have one (Get-Mailbox -Archive, with the archive's quota),
// and each archive's size (Get-MailboxStatistics -Archive, one cmdlet per archive, 10 per $batch).
// Microsoft Learn, Get-Mailbox: "The Archive switch filters the results by mailboxes that have an
// archive enabled" (Exchange Online only); Get-MailboxStatistics: "The Archive switch specifies
// whether to return mailbox statistics for the archive mailbox". CIPP-API sends the switch as
// `"Archive": true` (shared/reference/notes/exo.md).
import { MAILBOX_PROPERTIES, toMailbox, type ExchangeRecord } from './exchange-records';
import { parseExchangeSize } from './exchange-sizes';
import type { ExchangeClient } from './exchange-client';
import type { ArchiveMailbox, MailboxStatistics } from '../model/tenant';
import type { ServiceError } from './service-error';

export const ARCHIVE_MAILBOX_PROPERTIES = [...MAILBOX_PROPERTIES, 'ArchiveQuota'] as const;

export function toArchiveMailbox(r: ExchangeRecord): ArchiveMailbox {
  return { ...toMailbox(r), archiveQuotaBytes: parseExchangeSize(r.ArchiveQuota as string | null | undefined) };
}

/** Every mailbox with an archive, page by page (Exchange filters; a page is 1,000 trimmed records). */
export async function listArchiveMailboxes(
  exchange: ExchangeClient,
  options: { signal?: AbortSignal; onPage?: (found: number) => void } = {},
): Promise<ArchiveMailbox[]> {
  const found: ArchiveMailbox[] = [];
  for await (const page of exchange.invokeCommand(
    'Get-Mailbox',
    { ResultSize: 'Unlimited', Archive: true },
    { signal: options.signal, select: ARCHIVE_MAILBOX_PROPERTIES },
  )) {
    found.push(...page.map(toArchiveMailbox));
    options.onPage?.(found.length);
  }
  return found;
}

/** Archive statistics per identity; a failure stays with its identity. */
export function readArchiveStatistics(
  exchange: ExchangeClient,
  identities: string[],
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<Map<string, MailboxStatistics | ServiceError>> {
  return exchange.getMailboxStatistics(identities, { ...options, archive: true });
}
