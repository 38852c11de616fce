import { chooseFigureSource, figuresLine, figuresWarning, remainingMs, usageDateText } from '../../../src/reports/figure-source';
import { differsNotably, joinUsage, withLive } from '../../../src/reports/usage-figures';
import { buildMailboxReport } from '../../../src/reports/mailbox-report';
import type { Mailbox, MailboxUsageDetail } from '../../../src/model/tenant';

const GB = 1024 ** 3;

function row(upn: string, bytes: number, items = 100): MailboxUsageDetail {
  return {
    reportRefreshDate: '2026-11-29',
    userPrincipalName: upn,
    displayName: upn.split('@')[0],
    isDeleted: false,
    lastActivityDate: '2026-11-28',
    itemCount: items,
    storageUsedBytes: bytes,
    issueWarningQuotaBytes: 98 * GB,
    prohibitSendQuotaBytes: 99 * GB,
    prohibitSendReceiveQuotaBytes: 100 * GB,
    deletedItemCount: 0,
    deletedItemSizeBytes: 0,
    hasArchive: false,
  };
}

const shared: Mailbox = {
  userId: 'id-1',
  displayName: 'Sales',
  userPrincipalName: 'sales@x.com',
  primarySmtpAddress: 'sales@x.com',
  recipientTypeDetails: 'SharedMailbox',
  litigationHoldEnabled: true,
  archiveStatus: 'None',
  autoExpandingArchiveEnabled: false,
  issueWarningQuotaBytes: null,
  prohibitSendQuotaBytes: null,
  prohibitSendReceiveQuotaBytes: 50 * GB,
};

describe('choosing where figures come from', () => {
  it('uses the report from the threshold up, live below it or when asked', () => {
    expect(chooseFigureSource({ askedLive: false, usage: { kind: 'ok', mailboxes: 100_000 } })).toEqual({ kind: 'usage' });
    expect(chooseFigureSource({ askedLive: false, usage: { kind: 'ok', mailboxes: 1_999 } })).toEqual({ kind: 'live', why: 'small' });
    expect(chooseFigureSource({ askedLive: true, usage: { kind: 'ok', mailboxes: 100_000 } })).toEqual({ kind: 'live', why: 'asked' });
    expect(chooseFigureSource({ askedLive: false, usage: { kind: 'concealed', mailboxes: 100_000, form: 'pii' } })).toMatchObject({
      kind: 'live',
      why: 'concealed',
      mailboxes: 100_000,
    });
    expect(chooseFigureSource({ askedLive: false, usage: { kind: 'unavailable', reason: 'throttled', message: 'm' } })).toMatchObject({
      kind: 'live',
      why: 'no-usage',
    });
  });

  it('estimates what is left from the pace seen so far, and only once there is one', () => {
    expect(remainingMs(10, 1000, 1000)).toBeNull();
    expect(remainingMs(100, 1000, 10_000)).toBe(90_000);
  });

  it('words the card line for every mix of rows, and the concealment advice', () => {
    const note = { source: 'usage' as const, usageDate: '2026-11-29' };
    expect(usageDateText('2026-11-29')).toBe('Nov 29');
    expect(figuresLine(note, { usage: 0, live: 25 })).toBe('Usage data of Nov 29 (Microsoft 365, daily); the rows shown are live.');
    expect(figuresLine(note, { usage: 3, live: 22 })).toMatch(/rows marked "usage data"/);
    expect(figuresLine({ source: 'live' }, { usage: 0, live: 25 })).toBe('');
    expect(figuresWarning({ source: 'live', why: 'concealed', tookMs: 42 * 60_000 })).toMatch(
      /conceals user names.*42 min.*Display concealed user, group, and site names in all reports.*never changes/,
    );
  });
});

describe('joining the report to mailboxes', () => {
  it('keeps Get-Mailbox fields for the listed types and calls every other row a user mailbox', () => {
    const join = joinUsage(
      [row('a@x.com', GB), row('SALES@x.com', 2 * GB)],
      new Map([
        ['sales@x.com', shared],
        ['new@x.com', { ...shared, userPrincipalName: 'new@x.com' }],
      ]),
      '2026-11-29',
    );
    const [a, s, added] = join.mailboxes;
    expect(a).toMatchObject({
      recipientTypeDetails: 'UserMailbox',
      fromUsageOnly: true,
      statisticsSource: 'usage',
      statistics: { totalItemSizeBytes: GB },
    });
    expect(s).toMatchObject({
      recipientTypeDetails: 'SharedMailbox',
      litigationHoldEnabled: true,
      statistics: { totalItemSizeBytes: 2 * GB },
    });
    expect(added).toMatchObject({ userPrincipalName: 'new@x.com', statistics: null });
    expect(join.notInReport).toHaveLength(1);
    const report = buildMailboxReport(join.mailboxes, { type: 'all', sort: 'size', top: 5 }, new Date('2026-12-01T00:00:00Z'));
    expect(report.rows[0]).toMatchObject({ upn: 'sales@x.com', source: 'usage' });
  });

  it('lays live figures over a row, keeping the report beside them to mark a notable change', () => {
    const [m] = joinUsage([row('a@x.com', GB, 1000)], new Map(), null).mailboxes;
    const live = withLive(m, {
      statistics: {
        itemCount: 5000,
        totalItemSizeBytes: 3 * GB,
        deletedItemCount: 0,
        totalDeletedItemSizeBytes: 0,
        lastInteractionTime: null,
        lastLogonTime: null,
      },
    });
    const [r] = buildMailboxReport([live], { type: 'user', sort: 'size', top: 5 }, new Date()).rows;
    expect(r).toMatchObject({ source: 'live', sizeBytes: 3 * GB, usage: { sizeBytes: GB, items: 1000 } });
    expect(differsNotably(r.usage!, r, r.quotaBytes, 90)).toBe(true);
    expect(differsNotably({ items: 1000, sizeBytes: GB }, { items: 1010, sizeBytes: GB + 1024 ** 2 }, 100 * GB, 90)).toBe(false);
    // Crossing the near-quota line is notable even when small.
    expect(differsNotably({ items: 1, sizeBytes: 89.9 * GB }, { items: 1, sizeBytes: 90.1 * GB }, 100 * GB, 90)).toBe(true);
    // A failed live read keeps the report's figures, still marked as such.
    expect(withLive(m, { statistics: null, error: 'x' })).toMatchObject({
      statisticsSource: 'usage',
      statistics: { totalItemSizeBytes: GB },
    });
  });
});
