// `licenses <upn>`: one account's licences by name, its Exchange plan, and whether its mailbox fits.
// The mailbox part is a bonus: if Exchange cannot be read the licences still show, and the card says so.
import { userLicensesCard } from '../cards/licensing/user-licenses-card';
import { statisticsIdentity } from '../m365/exchange-records';
import type { MailboxWithStatistics } from '../model/tenant';
import { ServiceError } from '../m365/service-error';
import { userLicenses } from '../reports/licensing/user-licenses';
import type { TenantClients } from '../m365/tenant-clients';
import { explainFailure } from '../runner/failures';
import { errorMessage, runButton } from './replies';
import type { Message } from '../model/conversation';
import type { Logger } from '../log';

export async function userLicensesMessage(tenant: TenantClients, identity: string, log: Logger): Promise<Message> {
  const commandText = `licenses ${identity}`;
  try {
    const [user, skus] = await Promise.all([tenant.graph.getUser(identity), tenant.graph.listSubscribedSkus()]);
    if (!user) {
      return errorMessage(
        'No such account',
        `Microsoft Graph knows no account "${identity}". Check the address (the UPN, not an alias), or use its object id.`,
      );
    }
    const mailbox = await mailboxOf(tenant, user.userPrincipalName).catch((err: unknown) => {
      log.warn('licences: mailbox not read', { err: err as Error });
      return { error: explainFailure(err).message };
    });
    const found = mailbox && 'statistics' in mailbox ? mailbox : null;
    let notice = '';
    if (mailbox && 'error' in mailbox) notice = `Mailbox size not shown: ${mailbox.error}`;
    else if (found && !found.statistics) notice = `Mailbox size not shown: ${found.statisticsError ?? 'its statistics could not be read.'}`;
    const card = userLicensesCard(userLicenses(user, skus, found), [runButton('Refresh', commandText)], notice);
    return { card, text: `Licences of ${user.displayName || user.userPrincipalName}` };
  } catch (err) {
    const failure = explainFailure(err);
    log.warn('licences lookup failed', { err: err as Error });
    return errorMessage("I couldn't read that account's licences", failure.message, commandText, failure.fix);
  }
}

/** The account's mailbox with its statistics; null when it has none (Office without Exchange, a guest). */
async function mailboxOf(tenant: TenantClients, upn: string): Promise<MailboxWithStatistics | null> {
  const mailbox = await tenant.exchange.getMailbox(upn);
  if (!mailbox) return null;
  const identity = statisticsIdentity(mailbox);
  const stats = (await tenant.exchange.getMailboxStatistics([identity])).get(identity);
  if (!stats || stats instanceof ServiceError) {
    return { ...mailbox, statistics: null, statisticsError: stats ? explainFailure(stats).message : undefined };
  }
  return { ...mailbox, statistics: stats };
}
