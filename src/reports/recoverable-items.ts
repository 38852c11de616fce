// The Recoverable Items folder of a mailbox: where deleted mail waits, and on hold where it stays.
// Exchange Online limits: the Recoverable Items quota is 30 GB, and 100 GB while the mailbox is on
// Litigation Hold, an In-Place or eDiscovery hold, or a retention policy ("Increase the Recoverable
// Items quota for mailboxes on hold"). TotalDeletedItemSize of Get-MailboxStatistics is that folder's
// size: Microsoft's own public-folder troubleshooter compares it with RecoverableItemsQuota.
import type { ArchiveFigures, HeldMailbox, Mailbox, MailboxWithStatistics } from '../model/tenant';

export const GB = 1024 ** 3;
export const RECOVERABLE_ITEMS_BYTES = 30 * GB;
export const RECOVERABLE_ITEMS_ON_HOLD_BYTES = 100 * GB;
export const RECOVERABLE_ITEMS_PAGE = 'https://learn.microsoft.com/purview/ediscovery-increase-the-recoverable-quota-for-mailboxes-on-hold';

/**
 * The holds on a mailbox in an admin's words. InPlaceHolds names them by prefix (Microsoft, "How to
 * identify the type of hold placed on an Exchange Online mailbox"): "UniH" an eDiscovery case hold,
 * "mbx" an organisation-wide retention policy, "skp" one on Skype/Teams content, "cld" a
 * mailbox-scoped retention policy; a leading "-" excludes the mailbox from one.
 */
export function holdsOf(m: Pick<Mailbox, 'litigationHoldEnabled' | 'inPlaceHolds'>): string[] {
  const holds: string[] = [];
  if (m.litigationHoldEnabled) holds.push('Litigation Hold');
  for (const h of m.inPlaceHolds ?? []) {
    if (h.startsWith('-')) continue;
    if (/^UniH/i.test(h)) holds.push(`eDiscovery hold ${h}`);
    else if (/^(mbx|cld|skp)/i.test(h)) holds.push(`retention policy ${h}`);
    else holds.push(`In-Place Hold ${h}`);
  }
  return holds;
}

type KnownHolds = Pick<ArchiveFigures, 'litigationHoldEnabled' | 'inPlaceHolds' | 'recoverableItemsQuotaBytes'>;

const byUpn = new WeakMap<readonly object[], Map<string, KnownHolds>>();

function indexed(list: readonly (ArchiveFigures | HeldMailbox)[]): Map<string, KnownHolds> {
  let index = byUpn.get(list);
  if (!index) byUpn.set(list, (index = new Map<string, KnownHolds>(list.map((a) => [a.upn.toLowerCase(), a]))));
  return index;
}

/**
 * A mailbox as the Recoverable Items rule judges it. A row of the usage report knows no holds (the
 * report has no such column, and Get-Mailbox is not read for it), but the archive refresh lists
 * every archive mailbox with its holds and RecoverableItemsQuota, and every mailbox on Litigation
 * Hold, archive or not: those fill the gap, so a mailbox they list is judged whichever path read its
 * figures. Its size is the report's Deleted Item Size. A mailbox without an archive held only by a
 * retention policy or eDiscovery case is in neither listing (Exchange cannot filter on "any hold").
 */
export function withKnownHolds(
  m: MailboxWithStatistics,
  archives: readonly ArchiveFigures[] | undefined,
  held?: readonly HeldMailbox[],
): MailboxWithStatistics {
  if (!m.fromUsageOnly || m.statisticsSource === 'live' || (!archives?.length && !held?.length)) return m;
  const upn = m.userPrincipalName.toLowerCase();
  const a = (archives?.length ? indexed(archives).get(upn) : undefined) ?? (held?.length ? indexed(held).get(upn) : undefined);
  if (!a || (!a.litigationHoldEnabled && !a.inPlaceHolds?.length)) return m;
  return {
    ...m,
    litigationHoldEnabled: a.litigationHoldEnabled ?? false,
    inPlaceHolds: a.inPlaceHolds ?? [],
    ...(a.recoverableItemsQuotaBytes !== undefined ? { recoverableItemsQuotaBytes: a.recoverableItemsQuotaBytes } : {}),
  };
}
