// Whether the organisation turned auto-expanding archiving on for everyone. Microsoft's "Enable
// auto-expanding archiving" page: `Set-OrganizationConfig -AutoExpandingArchive` turns it on "for
// existing user mailboxes and new user mailboxes that are created", and Get-OrganizationConfig shows
// it as AutoExpandingArchiveEnabled; a mailbox's own AutoExpandingArchiveEnabled then still reads
// false (notes/exo.md §2.2). CIPP-API reads it exactly so, over InvokeCommand with no parameters
// (Invoke-CIPPStandardAutoExpandArchive: `(New-ExoRequest -cmdlet 'Get-OrganizationConfig')
// .AutoExpandingArchiveEnabled`). Get-OrganizationConfig.md: in Exchange Online the cmdlet takes no
// parameter (-DomainController is on-premises only). Microsoft365DSC's EXOOrganizationConfig
// settings.json reads it with Global Reader, Exchange role "View-Only Configuration", role group
// "View-Only Organization Management".
import type { ExchangeClient } from './exchange-client';
import { ServiceError } from './service-error';

export type OrganizationArchiving =
  | { read: true; autoExpanding: boolean }
  /** Exchange refused the cmdlet to the bot's identity (its roles lack it). */
  | { read: false; refused: true; error: ServiceError }
  /** Throttled, timed out, or another failure worth trying again next round. */
  | { read: false; refused: false; error: Error };

export async function readOrganizationArchiving(
  exchange: ExchangeClient,
  options: { signal?: AbortSignal } = {},
): Promise<OrganizationArchiving> {
  try {
    const [config] = await exchange.invokeCommandAll('Get-OrganizationConfig', {}, { signal: options.signal });
    const flag = config?.AutoExpandingArchiveEnabled;
    return { read: true, autoExpanding: flag === true || (typeof flag === 'string' && flag.toLowerCase() === 'true') };
  } catch (e) {
    if (options.signal?.aborted) throw e;
    if (e instanceof ServiceError && isRefusal(e)) return { read: false, refused: true, error: e };
    return { read: false, refused: false, error: e as Error };
  }
}

/** 403 is Exchange's answer to a cmdlet the caller's roles lack; a cmdlet outside them may also be "not recognized". */
function isRefusal(e: ServiceError): boolean {
  return e.status === 403 || /CommandNotFound/i.test(e.exceptionType ?? '');
}
