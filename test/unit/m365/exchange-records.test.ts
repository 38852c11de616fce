import { statisticsIdentity, toMailbox, toMailboxStatistics, withoutODataKeys } from '../../../src/m365/exchange-records';

describe('Exchange records', () => {
  // Trimmed from a live Get-Mailbox record (graph2otel), with its @odata.type side keys.
  const live = {
    'UserPrincipalName@odata.type': '#String',
    UserPrincipalName: 'rob@m7kni.io',
    DisplayName: 'Rob Knight',
    PrimarySmtpAddress: 'rob@m7kni.io',
    RecipientTypeDetails: 'UserMailbox',
    ExternalDirectoryObjectId: 'bbcfc3c5-0b93-4135-9ef9-18477a9fb504',
    LitigationHoldEnabled: false,
    ArchiveStatus: 'None',
    ArchiveGuid: '00000000-0000-0000-0000-000000000000',
    WhenMailboxCreated: '2025-11-11T09:47:38.0000000+00:00',
    ProhibitSendQuota: '99 GB (106,300,440,576 bytes)',
    ProhibitSendReceiveQuota: '100 GB (107,374,182,400 bytes)',
    IssueWarningQuota: '98 GB (105,226,698,752 bytes)',
    Alias: 'rob',
  };

  it('drops keys containing @', () => {
    expect(Object.keys(withoutODataKeys({ a: 1, 'a@odata.type': '#Int32', '@adminapi.warnings': [] }))).toEqual(['a']);
  });

  it('maps Get-Mailbox to a Mailbox with quotas in bytes', () => {
    expect(toMailbox(withoutODataKeys(live))).toEqual({
      userId: 'bbcfc3c5-0b93-4135-9ef9-18477a9fb504',
      displayName: 'Rob Knight',
      userPrincipalName: 'rob@m7kni.io',
      primarySmtpAddress: 'rob@m7kni.io',
      alias: 'rob',
      recipientTypeDetails: 'UserMailbox',
      litigationHoldEnabled: false,
      archiveStatus: 'None',
      autoExpandingArchiveEnabled: false,
      issueWarningQuotaBytes: 105226698752,
      prohibitSendQuotaBytes: 106300440576,
      prohibitSendReceiveQuotaBytes: 107374182400,
      whenMailboxCreated: '2025-11-11T09:47:38.000Z',
    });
  });

  it('reads Unlimited quotas as null and an empty Entra id as ""', () => {
    const m = toMailbox({ ...live, ExternalDirectoryObjectId: '', ProhibitSendReceiveQuota: 'Unlimited' });
    expect(m.prohibitSendReceiveQuotaBytes).toBeNull();
    expect(m.userId).toBe('');
  });

  it('maps Get-MailboxStatistics and treats never-set dates as null', () => {
    expect(
      toMailboxStatistics({
        DisplayName: 'Rob',
        ItemCount: 191,
        TotalItemSize: '1.66 GB (1,782,579,200 bytes)',
        DeletedItemCount: '25',
        TotalDeletedItemSize: '568.5 KB (582,157 bytes)',
        LastInteractionTime: '2024-03-01T10:00:00.0000000+00:00',
        LastLogonTime: '0001-01-01T00:00:00',
      }),
    ).toEqual({
      itemCount: 191,
      totalItemSizeBytes: 1782579200,
      deletedItemCount: 25,
      totalDeletedItemSizeBytes: 582157,
      lastInteractionTime: '2024-03-01T10:00:00.000Z',
      lastLogonTime: null,
    });
  });

  it('asks for statistics by Entra id, else by UPN, else by address', () => {
    expect(statisticsIdentity({ userId: 'id-1', userPrincipalName: 'a@b', primarySmtpAddress: 'c@d' })).toBe('id-1');
    expect(statisticsIdentity({ userId: '', userPrincipalName: 'a@b', primarySmtpAddress: 'c@d' })).toBe('a@b');
    expect(statisticsIdentity({ userId: '', userPrincipalName: '', primarySmtpAddress: 'c@d' })).toBe('c@d');
  });
});
