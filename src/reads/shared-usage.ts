// What `shared` reads: every shared mailbox (holds and archives decide most verdicts), the accounts
// behind them and the subscriptions. On a large tenant the sizes come from Microsoft 365's usage
// report (reads/usage-or-live.ts), read live only where a day-old size could change the verdict
// (near the 50 GB line, or not in the report) and for the mailboxes the card shows.
import { mailboxesToShow } from '../cards/licensing/shared-mailboxes-card';
import { usersById } from '../m365/directory-users';
import type { DirectoryUser, MailboxWithStatistics } from '../model/tenant';
import type { FiguresNote } from '../reports/figure-source';
import { sharedMailboxVerdict, sizeDecidesVerdict, type SharedMailboxVerdict } from '../reports/licensing/shared-mailbox-verdict';
import type { MailboxInventory } from '../m365/mailbox-inventory';
import { readMailboxFigures } from './usage-or-live';
import type { BotServices } from '../services';

/** Rows read live for the card: more than it shows. */
const SHOWN_LIVE = 60;

export interface SharedMailboxData {
  inventory: MailboxInventory;
  verdicts: SharedMailboxVerdict[];
}

export interface SharedUsageData extends SharedMailboxData {
  figures: FiguresNote;
}

export async function readSharedMailboxesAtScale(
  services: Pick<BotServices, 'tenant' | 'usage' | 'config'>,
  onProgress?: (done: number, total: number) => void,
  onStage?: (title: string) => void,
  /** Every account of the tenant when the caller reads them anyway: the shared ones are then not read again. */
  knownUsers?: Promise<DirectoryUser[]>,
): Promise<SharedUsageData> {
  const { tenant } = services;
  const skusRead = tenant.graph.listSubscribedSkus();
  // Read beside the mailboxes; a failure is raised after them, so nothing is left unobserved.
  skusRead.catch(() => undefined);
  let accounts: Promise<Map<string, DirectoryUser>> | undefined;
  const accountsOf = (mailboxes: readonly MailboxWithStatistics[]) => {
    accounts ??= knownUsers
      ? knownUsers.then((all) => new Map(all.map((u) => [u.id.toLowerCase(), u])))
      : usersById(
          tenant.graph,
          mailboxes.map((m) => m.userId),
        );
    accounts.catch(() => undefined);
    return accounts;
  };
  const verdictsOf = async (mailboxes: readonly MailboxWithStatistics[]) => {
    const [users, skus] = await Promise.all([accountsOf(mailboxes), skusRead]);
    return mailboxes.map((mailbox) => sharedMailboxVerdict({ mailbox, user: users.get(mailbox.userId.toLowerCase()) ?? null, skus }));
  };
  const read = await readMailboxFigures(services, {
    types: ['SharedMailbox'],
    noun: 'shared mailboxes',
    withArchiveStatistics: true,
    onProgress,
    onStage,
    liveRows: async (mailboxes, { pass }) => {
      if (pass === 0) {
        onStage?.('Reading the accounts behind shared mailboxes, and live sizes near the 50 GB line…');
        // Sizes near the line need no account: Exchange reads them while Graph reads the accounts.
        void accountsOf(mailboxes);
        return mailboxes.filter(sizeDecidesVerdict).map((m) => m.userPrincipalName);
      }
      if (pass === 1) onStage?.('Reading live sizes of the mailboxes shown…');
      // The card lists the riskiest first; those it shows are read live too, and judged again.
      return mailboxesToShow(await verdictsOf(mailboxes))
        .slice(0, SHOWN_LIVE)
        .map((v) => v.userPrincipalName);
    },
  });
  const { figures, ...inventory } = read;
  return { inventory, verdicts: await verdictsOf(inventory.mailboxes), figures };
}
