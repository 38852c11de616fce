import { mailboxDetailsCard } from '../../../src/cards/mailbox-details-card';
import { visibleText } from '../../../src/cards/plain-text';
import { CARD_BYTE_LIMIT, cardBytes } from '../../../src/cards/render';
import { buildMailboxDetails } from '../../../src/reports/mailbox-details';
import { GB, MB, NOW, daysAgo, mailbox } from '../reports/sample-mailboxes';
import { elementsOfType, paragraphs, parseLikeAClient } from './client-view';

const alex = mailbox('alex@contoso.com', {
  displayName: 'Alex Wilber',
  alias: 'alexw',
  items: 12_345,
  sizeBytes: 99.5 * GB,
  lastInteraction: daysAgo(3),
  whenMailboxCreated: daysAgo(900),
  litigationHoldEnabled: true,
  archiveStatus: 'Active',
  autoExpandingArchiveEnabled: true,
  archiveStatistics: {
    itemCount: 800,
    totalItemSizeBytes: 850 * MB,
    deletedItemCount: 0,
    totalDeletedItemSizeBytes: 0,
    lastInteractionTime: null,
    lastLogonTime: null,
  },
});

/** "Label: value" for every fact row (a two-column ColumnSet, so values line up across sections). */
function facts(card: object): string[] {
  return elementsOfType(card, 'ColumnSet').map((row) => paragraphs(row).map(visibleText).join(': '));
}

describe('mailbox details card', () => {
  it('names the holds and warns when Recoverable Items near their quota', () => {
    const held = mailbox('held@contoso.com', { displayName: 'Hana Held', items: 10, sizeBytes: GB });
    held.inPlaceHolds = ['UniH7d1a2b3c-0000-4000-8000-000000000001', 'mbx5e6f7a8b-0000-4000-8000-000000000002', '-mbxexcluded'];
    held.recoverableItemsQuotaBytes = 100 * GB;
    held.statistics = { ...held.statistics!, totalDeletedItemSizeBytes: 85 * GB };
    const card = mailboxDetailsCard(buildMailboxDetails(held, NOW));
    const rows = facts(card);
    expect(rows).toContain(
      'Holds: eDiscovery hold UniH7d1a2b3c-0000-4000-8000-000000000001, retention policy mbx5e6f7a8b-0000-4000-8000-000000000002',
    );
    expect(rows).toContain('Recoverable Items: 85 GB of 100 GB · 85%');
    expect(paragraphs(card).map(visibleText)).toContain(
      'Recoverable Items at 85% of their quota while on hold: deleting mail fails once full.',
    );
  });

  it('shows statistics, quotas, archive and holds as an admin reads them', () => {
    const card = mailboxDetailsCard(buildMailboxDetails(alex, NOW));
    expect(parseLikeAClient(card).problems).toEqual([]);
    expect(card.version).toBe('1.5');
    const seen = paragraphs(card).map(visibleText);
    expect(seen.slice(0, 2)).toEqual(['Alex Wilber', 'alex@contoso.com · User mailbox']);
    expect(seen).toContain('Quota used: 99% of 100 GB');
    expect(facts(card)).toEqual([
      'Items: 12,345',
      // The exact figure too, since the report table rounds it ("99 GB").
      'Size: 99.5 GB (106,837,311,488 bytes)',
      'Deleted items: 5 · 10 MB',
      'Last active: 3 days ago ({{DATE(2024-06-12T12:00:00Z, SHORT)}})',
      'Last logon: 2 days ago ({{DATE(2024-06-13T12:00:00Z, SHORT)}})',
      'Created: 2 years ago ({{DATE(2021-12-28T12:00:00Z, SHORT)}})',
      'Warning at: 98 GB',
      'Stops sending at: 99 GB',
      'Stops receiving at: 100 GB',
      'Archive: Active, auto-expanding · 800 items · 850 MB',
      'Litigation hold: On',
      'Holds: Litigation Hold',
      // TotalDeletedItemSize against the 100 GB Recoverable Items quota of a mailbox on hold.
      'Recoverable Items: 10 MB of 100 GB · <1%',
      'Primary: alex@contoso.com',
      'Alias: alexw',
    ]);
    // Every label column has the same width, so values line up down the card.
    const widths = new Set(elementsOfType(card, 'ColumnSet').map((row) => (row.columns as { width: string }[])[0].width));
    expect(widths.size).toBe(1);
    expect(seen).toContain('Over its prohibit send quota: it can no longer send mail.');
    expect(cardBytes(card)).toBeLessThan(CARD_BYTE_LIMIT);
  });

  it('leaves licences out until they are looked up, then lists them', () => {
    const without = paragraphs(mailboxDetailsCard(buildMailboxDetails(alex, NOW)));
    expect(without).not.toContain('Licences');
    const withLicenses = mailboxDetailsCard(
      buildMailboxDetails(alex, NOW, [{ name: 'Microsoft 365 E3', exchangePlan: 'Exchange Online (Plan 2)' }, { name: 'Power BI Pro' }]),
    );
    const seen = paragraphs(withLicenses);
    expect(seen).toContain('Licences');
    expect(seen).toContain('Microsoft 365 E3 · Exchange Online (Plan 2)');
    expect(seen).toContain('Power BI Pro');
    expect(paragraphs(mailboxDetailsCard(buildMailboxDetails(alex, NOW, [])))).toContain('No licence assigned.');
  });

  it('says when statistics are missing, quoting the reason as plain text', () => {
    const broken = mailbox('b@contoso.com', { statistics: null, statisticsError: '**Mailbox** {{DATE(2020-01-01T00:00:00Z)}} not found' });
    const card = mailboxDetailsCard(buildMailboxDetails(broken, NOW));
    expect(parseLikeAClient(card).problems).toEqual([]);
    const [warning] = elementsOfType(card, 'Container').filter((c) => c.style === 'warning');
    const seen = paragraphs(warning);
    expect(seen[0]).toBe('Statistics unavailable');
    expect(visibleText(seen[1])).toBe('**Mailbox** {{DATE(2020-01-01T00:00:00Z)}} not found');
    expect(seen[1]).not.toMatch(/\{\{DATE\(/);
    expect(facts(card)).toContain('Statistics: —');
    expect(paragraphs(card)).toContain('Quota used: —');
  });

  it('keeps a hostile name plain and short', () => {
    const card = mailboxDetailsCard(
      buildMailboxDetails(mailbox('h@contoso.com', { displayName: `# [x](http://evil) ${'y'.repeat(300)}` }), NOW),
    );
    const [title] = elementsOfType(card, 'RichTextBlock');
    const text = paragraphs(title)[0];
    expect(text.startsWith('# [x](http://evil) yyy')).toBe(true);
    expect([...text]).toHaveLength(60);
    for (const block of elementsOfType(card, 'TextBlock')) expect(String(block.text)).not.toContain('evil');
  });

  it('gives hours, and the local time, for activity within the last day', () => {
    const recent = mailbox('r@contoso.com', { lastInteraction: new Date(NOW.getTime() - 5.5 * 3_600_000).toISOString() });
    expect(facts(mailboxDetailsCard(buildMailboxDetails(recent, NOW)))).toContain(
      'Last active: 5 hours ago ({{DATE(2024-06-15T06:30:00Z, SHORT)}} {{TIME(2024-06-15T06:30:00Z)}})',
    );
  });

  it('says so when the mailbox has no quota', () => {
    const unlimited = mailbox('u@contoso.com', {
      prohibitSendReceiveQuotaBytes: null,
      prohibitSendQuotaBytes: null,
      issueWarningQuotaBytes: null,
    });
    const card = mailboxDetailsCard(buildMailboxDetails(unlimited, NOW));
    expect(paragraphs(card)).toContain('Quota: Unlimited');
    expect(facts(card)).toContain('Stops receiving at: Unlimited');
  });

  it('passes the given buttons through', () => {
    const refresh = { type: 'Action.Execute', title: 'Refresh', verb: 'mailbox.refresh', data: { upn: 'alex@contoso.com' } };
    const card = mailboxDetailsCard(buildMailboxDetails(alex, NOW), { actions: [refresh] });
    expect(card.actions).toEqual([refresh]);
    expect(parseLikeAClient(card).problems).toEqual([]);
  });
});
