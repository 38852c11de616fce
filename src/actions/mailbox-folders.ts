// `mailbox.folders` {upn}: Largest folders on a mailbox's card. Reads the mailbox's and its archive's
// folders (Get-MailboxFolderStatistics, trimmed to five fields) at once and answers in a new message.
import { NOT_UNDERSTOOD } from '../buttons/button';
import { mailboxDetailsButton } from '../buttons/mailbox-details';
import { mailboxFoldersButton } from '../buttons/mailbox-folders';
import { foldersCard } from '../cards/folders-card';
import { lookUpMailbox } from '../reads/mailbox-lookup';
import { errorMessage } from '../messages/replies';
import type { CardAction, Message, TurnBaseContext } from '../dispatch/types';
import { statisticsIdentity } from '../m365/exchange-records';
import { readLargestFolders } from '../m365/folder-statistics';
import { explainFailure } from '../runner/failures';

const TOP = 10;

export const mailboxFoldersAction: CardAction = {
  verb: mailboxFoldersButton.verb,
  button: mailboxFoldersButton,
  run: async (ctx) => {
    const arg = mailboxFoldersButton.parse(ctx.data);
    if (!arg) return NOT_UNDERSTOOD;
    ctx.later(async (outbox) => {
      await outbox.send(await largestFoldersMessage(ctx, arg));
    });
    return { kind: 'message', text: 'Reading the largest folders…' };
  },
};

export async function largestFoldersMessage(
  ctx: TurnBaseContext,
  arg: NonNullable<ReturnType<typeof mailboxFoldersButton.parse>>,
): Promise<Message> {
  const started = Date.now();
  try {
    const found = await lookUpMailbox(ctx.services.tenant.exchange, arg);
    if (found.kind !== 'found') return errorMessage('No such mailbox', `No single mailbox matches "${arg.identity}".`);
    const m = found.mailbox;
    const identity = statisticsIdentity(m);
    const exchange = ctx.services.tenant.exchange;
    const [primary, archive] = await Promise.all([
      readLargestFolders(exchange, identity, { top: TOP }),
      m.archiveStatus === 'Active'
        ? readLargestFolders(exchange, identity, { top: TOP, archive: true }).catch((err: unknown) => err as Error)
        : Promise.resolve(null),
    ]);
    const archiveFolders = archive && !(archive instanceof Error) ? archive : null;
    const folders = [...primary.folders, ...(archiveFolders?.folders ?? [])].sort((a, b) => b.sizeBytes - a.sizeBytes).slice(0, TOP);
    ctx.log.info('largest folders', { folders: primary.total + (archiveFolders?.total ?? 0), ms: Date.now() - started });
    const upn = m.userPrincipalName || m.primarySmtpAddress;
    return {
      card: foldersCard({
        displayName: m.displayName,
        upn,
        folders,
        total: primary.total + (archiveFolders?.total ?? 0),
        ...(archive instanceof Error ? { archiveError: explainFailure(archive).message } : {}),
        actions: [mailboxDetailsButton.button('Back to mailbox', { upn })],
      }),
      text: `Largest folders of ${m.displayName}`,
    };
  } catch (err) {
    const failure = explainFailure(err);
    ctx.log.warn('largest folders failed', { err: err as Error });
    return errorMessage("I couldn't read the folders", failure.message, undefined, failure.fix);
  }
}
