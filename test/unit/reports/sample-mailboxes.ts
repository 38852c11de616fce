// Mailboxes as m365/ hands them over, for report and card tests.
import type { MailboxWithStatistics } from '../../../src/model/tenant';

export const GB = 1024 ** 3;
export const MB = 1024 ** 2;
export const NOW = new Date('2024-06-15T12:00:00Z');

export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

type Overrides = Partial<Omit<MailboxWithStatistics, 'statistics'>> & {
  items?: number;
  sizeBytes?: number;
  lastInteraction?: string | null;
  statistics?: MailboxWithStatistics['statistics'];
};

export function mailbox(upn: string, o: Overrides = {}): MailboxWithStatistics {
  const { items, sizeBytes, lastInteraction, statistics, ...rest } = o;
  return {
    userId: `id-${upn}`,
    displayName: upn.split('@')[0],
    userPrincipalName: upn,
    primarySmtpAddress: upn,
    recipientTypeDetails: 'UserMailbox',
    litigationHoldEnabled: false,
    archiveStatus: 'None',
    autoExpandingArchiveEnabled: false,
    issueWarningQuotaBytes: 98 * GB,
    prohibitSendQuotaBytes: 99 * GB,
    prohibitSendReceiveQuotaBytes: 100 * GB,
    whenMailboxCreated: '2020-01-01T00:00:00Z',
    statistics:
      statistics !== undefined
        ? statistics
        : {
            itemCount: items ?? 100,
            totalItemSizeBytes: sizeBytes ?? 1 * GB,
            deletedItemCount: 5,
            totalDeletedItemSizeBytes: 10 * MB,
            lastInteractionTime: lastInteraction === undefined ? daysAgo(1) : lastInteraction,
            lastLogonTime: daysAgo(2),
          },
    ...rest,
  };
}
