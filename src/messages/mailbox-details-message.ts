// One mailbox in full: Exchange's statistics and quotas, plus its licences from Graph. A licence
// lookup that fails (e.g. a missing Graph permission) leaves the rest of the card intact and says so.
import { mailboxDetailsCard } from '../cards/mailbox-details-card';
import { buildMailboxDetails, MailboxLicense, type MailboxDetails } from '../reports/mailbox-details';
import { userLicenses } from '../reports/licensing/user-licenses';
import { statisticsIdentity } from '../m365/exchange-records';
import type { Mailbox, MailboxStatistics, MailboxWithStatistics } from '../model/tenant';
import { ServiceError } from '../m365/service-error';
import type { TenantClients } from '../m365/tenant-clients';
import { explainFailure } from '../runner/failures';
import { errorMessage, runButton } from './replies';
import { lookUpMailbox } from '../reads/mailbox-lookup';
import { noticeCard } from '../cards/notice-card';
import { mailboxDetailsButton } from '../buttons/mailbox-details';
import type { BotServices } from '../services';
import type { Logger } from '../log';
import { mailboxFoldersButton } from '../buttons/mailbox-folders';
import type { Message } from '../model/conversation';
import type { HistoryStore } from '../history/history-store';
import { buildMailboxTrend } from '../reports/mailbox-trend';

export async function mailboxDetailsMessage(
  tenant: TenantClients,
  mailbox: Mailbox,
  now: Date,
  history?: HistoryStore,
  organizationArchiving?: Promise<boolean | null>,
): Promise<Message> {
  const identity = statisticsIdentity(mailbox);
  const wantsArchive = mailbox.archiveStatus === 'Active';
  // History that cannot be read leaves the rest of the card intact and says so.
  const series = history
    ? Promise.all([history.series(mailbox.userPrincipalName), history.limited()]).then(
        ([days, limited]) => ({ ok: true as const, days, limited }),
        (err: unknown) => ({ ok: false as const, reason: explainFailure(err).message }),
      )
    : undefined;
  const [stats, archive, licenses, stored, byOrganization] = await Promise.all([
    tenant.exchange.getMailboxStatistics([identity]).then((m) => m.get(identity)),
    wantsArchive
      ? tenant.exchange.getMailboxStatistics([identity], { archive: true }).then((m) => m.get(identity))
      : Promise.resolve(undefined),
    licensesOf(tenant, mailbox),
    series,
    organizationArchiving,
  ]);
  const full: MailboxWithStatistics = {
    ...mailbox,
    // With auto-expanding archiving on for the organisation, the mailbox's own flag reads false
    // while its archive expands all the same (Set-OrganizationConfig -AutoExpandingArchive).
    autoExpandingArchiveEnabled: mailbox.autoExpandingArchiveEnabled || byOrganization === true,
    statistics: isStats(stats) ? stats : null,
    archiveStatistics: isStats(archive) ? archive : null,
    ...(stats instanceof ServiceError ? { statisticsError: explainFailure(stats).message } : {}),
  };
  const details = buildMailboxDetails(full, now, licenses.ok ? licenses.licenses : undefined);
  if (!licenses.ok) details.warnings.push(`Licences not shown: ${licenses.reason}`);
  return mailboxCardMessage(mailbox, details, stored);
}

/** What the history store gave for the card: its days, or why it could not be read. */
export type StoredSeries =
  { ok: true; days: readonly { date: string; bytes: number | null }[]; limited: string | null | undefined } | { ok: false; reason: string };

/** The `mailbox` card from what was read: its details, its buttons, and its size trend when a history store is kept. */
export function mailboxCardMessage(mailbox: Mailbox, details: MailboxDetails, stored?: StoredSeries): Message {
  const trend = stored && {
    trend: buildMailboxTrend(stored.ok ? stored.days : [], mailbox.prohibitSendReceiveQuotaBytes),
    note: !stored.ok
      ? `History not shown: ${stored.reason}`
      : stored.limited
        ? `Limited to what the bot read live: ${stored.limited}.`
        : undefined,
  };
  const card = mailboxDetailsCard(details, {
    actions: [
      mailboxFoldersButton.button('Largest folders', { upn: mailbox.userPrincipalName || mailbox.primarySmtpAddress }),
      runButton('Refresh', `mailbox ${mailbox.userPrincipalName || mailbox.primarySmtpAddress}`),
    ],
    trend,
  });
  return { card, text: `Mailbox ${mailbox.displayName}` };
}

function isStats(x: MailboxStatistics | ServiceError | undefined): x is MailboxStatistics {
  return !!x && !(x instanceof ServiceError);
}

async function licensesOf(
  tenant: TenantClients,
  mailbox: Mailbox,
): Promise<{ ok: true; licenses: MailboxLicense[] } | { ok: false; reason: string }> {
  if (!mailbox.userId) return { ok: false, reason: 'no Entra account is linked to this mailbox.' };
  try {
    const [user, skus] = await Promise.all([tenant.graph.getUser(mailbox.userId), tenant.graph.listSubscribedSkus()]);
    if (!user) return { ok: false, reason: 'its Entra account was not found.' };
    const report = userLicenses(user, skus);
    const planOf = (skuId: string) => {
      const inEffect = report.exchange.sources.find((s) => s.skuId.toLowerCase() === skuId.toLowerCase());
      if (inEffect) return inEffect.planLabel;
      const pending = report.exchange.pending.find((s) => s.skuId.toLowerCase() === skuId.toLowerCase());
      if (pending) return `${pending.planLabel} (${pending.status})`;
      const off = report.exchange.disabled.find((s) => s.skuId.toLowerCase() === skuId.toLowerCase());
      return off ? `${off.planLabel} (turned off)` : undefined;
    };
    return { ok: true, licenses: report.licenses.map((l) => ({ name: l.name, exchangePlan: planOf(l.skuId) })) };
  } catch (err) {
    return { ok: false, reason: explainFailure(err).message };
  }
}

/** The answer to `mailbox <typed>` (and its buttons): the mailbox in full, a choice of several, or why not. */
export async function mailboxAnswer(
  ctx: { services: Pick<BotServices, 'tenant' | 'history' | 'archives'>; log: Logger; now(): Date },
  typed: string,
  arg: Parameters<typeof lookUpMailbox>[1],
): Promise<Message> {
  try {
    const found = await lookUpMailbox(ctx.services.tenant.exchange, arg);
    if (found.kind === 'none') {
      return errorMessage('No such mailbox', `No mailbox matches "${typed}". Try the full address, or the start of the display name.`);
    }
    if (found.kind === 'several') {
      const buttons = found.mailboxes.map((m) =>
        mailboxDetailsButton.button(m.displayName.slice(0, 40), { upn: m.userPrincipalName || m.primarySmtpAddress }),
      );
      const count = found.more ? `More than ${found.mailboxes.length}` : `${found.mailboxes.length}`;
      const text = `${count} mailboxes start with "${typed}". Pick one, or type more of the name.`;
      return { card: noticeCard({ tone: 'default', title: 'Which one?', message: text, actions: buttons }), text };
    }
    // The setting the archive refresh stored; unread or unreadable, the mailbox's own flag decides.
    const organizationArchiving = ctx.services.archives.readings.organization().then(
      (o) => o?.autoExpanding ?? null,
      () => null,
    );
    return await mailboxDetailsMessage(ctx.services.tenant, found.mailbox, ctx.now(), ctx.services.history.store, organizationArchiving);
  } catch (err) {
    const failure = explainFailure(err);
    ctx.log.warn('mailbox lookup failed', { err: err as Error });
    return errorMessage("I couldn't read that mailbox", failure.message, `mailbox ${typed}`, failure.fix);
  }
}
