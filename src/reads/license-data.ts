// What a licence button reads from the tenant: one shared mailbox afresh, its account and the
// subscriptions. Only reading happens here.
import { statisticsIdentity } from '../m365/exchange-records';
import type { DirectoryUser, MailboxWithStatistics, SubscribedSku } from '../model/tenant';
import { ServiceError } from '../m365/service-error';
import { sharedMailboxVerdict, type SharedMailboxVerdict } from '../reports/licensing/shared-mailbox-verdict';
import type { TenantClients } from '../m365/tenant-clients';
import { explainFailure } from '../runner/failures';

export type SharedMailboxCheck =
  | { kind: 'checked'; verdict: SharedMailboxVerdict; user: DirectoryUser; skus: SubscribedSku[] }
  | { kind: 'refused'; status: 404 | 400 | 500; message: string };

/**
 * One shared mailbox read afresh for a licence button: the button's own data is never trusted for
 * what to assign. Fails rather than judge a mailbox whose size could not be read.
 */
export async function checkSharedMailbox(tenant: TenantClients, upn: string): Promise<SharedMailboxCheck> {
  try {
    const mailbox = await tenant.exchange.getMailbox(upn);
    if (!mailbox) return { kind: 'refused', status: 404, message: `No mailbox ${upn} any more.` };
    if (mailbox.recipientTypeDetails !== 'SharedMailbox') {
      return { kind: 'refused', status: 400, message: 'Licences are assigned from here only to shared mailboxes.' };
    }
    if (!mailbox.userId)
      return {
        kind: 'refused',
        status: 400,
        message: 'Exchange links no Entra account to this mailbox, so no licence can be assigned to it.',
      };
    const identity = statisticsIdentity(mailbox);
    const [stats, user, skus] = await Promise.all([
      tenant.exchange.getMailboxStatistics([identity]).then((m) => m.get(identity)),
      tenant.graph.getUser(mailbox.userId),
      tenant.graph.listSubscribedSkus(),
    ]);
    if (!stats || stats instanceof ServiceError) {
      return {
        kind: 'refused',
        status: 500,
        message:
          `I couldn't read the mailbox's size, so I can't tell which licence it needs. ${stats ? explainFailure(stats).message : ''}`.trim(),
      };
    }
    if (!user) return { kind: 'refused', status: 404, message: 'Its Entra account was not found: it may have been deleted.' };
    const full: MailboxWithStatistics = { ...mailbox, statistics: stats };
    return { kind: 'checked', verdict: sharedMailboxVerdict({ mailbox: full, user, skus }), user, skus };
  } catch (err) {
    return { kind: 'refused', status: 500, message: `I couldn't read the mailbox: ${explainFailure(err).message}` };
  }
}
