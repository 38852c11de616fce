// The mailboxes on Litigation Hold, listed by Exchange itself: Microsoft's "Filterable properties for
// the Filter parameter" lists LitigationHoldEnabled for Get-Mailbox in Exchange Online ("For example,
// `Get-Mailbox -Filter 'LitigationHoldEnabled -eq $true'`"). Retention and eDiscovery holds cannot be
// listed so: InPlaceHolds filters only on one hold's identity ("This filter requires the
// InPlaceHoldIdentity value of the mailbox search"), not on "has any". So a mailbox held only by a
// retention policy or an eDiscovery case is not in this listing.
import { MAILBOX_PROPERTIES, toMailbox } from './exchange-records';
import type { ExchangeClient } from './exchange-client';
import type { HeldMailbox } from '../model/tenant';

export const LITIGATION_HOLD_FILTER = 'LitigationHoldEnabled -eq $true';

/** Every mailbox on Litigation Hold, archive or not, with its other holds and RecoverableItemsQuota. */
export async function listHeldMailboxes(exchange: ExchangeClient, options: { signal?: AbortSignal } = {}): Promise<HeldMailbox[]> {
  const records = await exchange.invokeCommandAll(
    'Get-Mailbox',
    { ResultSize: 'Unlimited', Filter: LITIGATION_HOLD_FILTER },
    { signal: options.signal, select: MAILBOX_PROPERTIES },
  );
  return records.map(toMailbox).map((m) => ({
    upn: m.userPrincipalName || m.primarySmtpAddress,
    litigationHoldEnabled: m.litigationHoldEnabled,
    ...(m.inPlaceHolds?.length ? { inPlaceHolds: m.inPlaceHolds } : {}),
    ...(m.recoverableItemsQuotaBytes !== undefined ? { recoverableItemsQuotaBytes: m.recoverableItemsQuotaBytes } : {}),
  }));
}
