import { mailboxReportCard, renderMailboxReportCard } from '../../../src/cards/mailbox-report-card';
import { visibleText } from '../../../src/cards/plain-text';
import { CARD_BYTE_LIMIT, cardBytes } from '../../../src/cards/render';
import type { MailboxWithStatistics } from '../../../src/m365/records';
import { buildMailboxReport, DEFAULT_MAILBOX_QUERY, MailboxQuery } from '../../../src/reports/mailbox-report';
import { GB, MB, NOW, daysAgo, mailbox } from '../reports/sample-mailboxes';
import { AC, elementsOfType, paragraphs, parseLikeAClient, visibleTexts } from './client-view';

const q = (over: Partial<MailboxQuery> = {}): MailboxQuery => ({ ...DEFAULT_MAILBOX_QUERY, ...over });

const HOSTILE = [
  '**bold**',
  '[x](http://evil)',
  '<b>html</b>',
  '${owner}',
  '{{DATE(2020-01-01T00:00:00Z)}}',
  '# heading',
  '- list',
  '1. list',
  'Zoë 🎉👩‍👩‍👧',
  'محمد الأحمد',
  'שרה כהן',
];

function tenantOf(count: number, extra: (i: number) => Partial<MailboxWithStatistics> = () => ({})): MailboxWithStatistics[] {
  return Array.from({ length: count }, (_, i) =>
    mailbox(`user${String(i).padStart(5, '0')}@contoso.com`, {
      displayName: `User ${i}`,
      items: 100_000 - i,
      sizeBytes: (i % 100) * GB,
      lastInteraction: daysAgo(i % 200),
      ...extra(i),
    }),
  );
}

function tableOf(card: object) {
  const [table] = elementsOfType(card, 'Table');
  return table as { columns: { horizontalCellContentAlignment?: string }[]; rows: unknown[] };
}

describe('mailbox report card', () => {
  const report = buildMailboxReport(
    [mailbox('ann@contoso.com', { displayName: 'Ann Lee', items: 123_456, sizeBytes: 1.7 * GB, lastInteraction: daysAgo(3) }), ...tenantOf(9_999)],
    q(),
    NOW,
  );
  const { card, rows } = mailboxReportCard(report);
  const client = parseLikeAClient(card);

  it('is a valid 1.5 card any client parses, with only Teams charts unknown', () => {
    expect(card.version).toBe('1.5');
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(card.msteams).toEqual({ width: 'Full' });
    expect(client.problems).toEqual([]);
    expect(client.charts.sort()).toEqual(['Chart.Donut', 'Chart.HorizontalBar']);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('says how many of how many it shows, and in what order', () => {
    expect(rows).toBe(25);
    expect(paragraphs(card)).toContain('25 of 10,000 user mailboxes · most items first');
    expect(paragraphs(card)[0]).toBe('User mailboxes');
    expect(paragraphs(card)[1]).toMatch(/^As of \{\{DATE\(2024-06-15T12:00:00Z, SHORT\)\}\} \{\{TIME\(2024-06-15T12:00:00Z\)\}\}$/);
  });

  it('puts the totals at the top', () => {
    let items = 123_456;
    let near = 0;
    let inactive = 0;
    for (let i = 0; i < 9_999; i++) {
      items += 100_000 - i;
      if (i % 100 >= 90) near++;
      if (i % 200 > 90) inactive++;
    }
    const facts = visibleTexts(elementsOfType(card, 'FactSet')[0]);
    expect(facts).toEqual([
      'Mailboxes: 10,000',
      `Items: ${items.toLocaleString('en-US')}`,
      expect.stringMatching(/^Size: [\d.]+ TB$/),
      `At 90%+ of quota: ${near.toLocaleString('en-US')}`,
      `Inactive 90+ days: ${inactive.toLocaleString('en-US')}`,
    ]);
  });

  it('shows the first row as an admin reads it, numbers right-aligned', () => {
    const table = tableOf(card);
    const header = paragraphs(table.rows[0]);
    expect(header).toEqual(['Mailbox', 'Items', 'Size', 'Last active', 'Quota', 'Used']);
    const first = paragraphs(table.rows[1]).map(visibleText);
    expect(first).toEqual(['Ann Lee', 'ann@contoso.com', '123,456', '1.7 GB', '3 days ago', '100 GB', '2%']);
    expect(table.rows).toHaveLength(26);

    const parsedTable = client.card.getItemAt(client.card.getItemCount() - 1) as InstanceType<typeof AC.Table>;
    expect(parsedTable).toBeInstanceOf(AC.Table);
    const alignments = [0, 1, 2, 3, 4, 5].map((i) => parsedTable.getColumnAt(i).horizontalCellContentAlignment);
    expect(alignments).toEqual([undefined, ...Array(5).fill(AC.HorizontalAlignment.Right)]);
    // No cell overrides its column's alignment.
    expect(JSON.stringify(table.rows)).not.toContain('horizontalAlignment');
  });

  it('draws storage by type as a donut and the fullest mailboxes as bars, each with a plain fallback', () => {
    const [donut] = elementsOfType(card, 'Chart.Donut');
    expect(donut.data).toEqual([{ legend: expect.stringMatching(/^User \([\d.]+ TB\)$/), value: expect.any(Number) }]);
    const [bars] = elementsOfType(card, 'Chart.HorizontalBar');
    const data = bars.data as { x: string; y: number; color: string }[];
    expect(data).toHaveLength(5);
    expect(data[0]).toEqual({ x: 'User 99', y: 99, color: 'attention' });
    // A client without charts parses the fallbacks instead.
    const seenWithoutCharts = paragraphs(client.card.toJSON());
    expect(seenWithoutCharts).toContain('Storage by mailbox type');
    expect(seenWithoutCharts.map(visibleText)).toContain('██████████ 99% of 100 GB User 99');
  });

  it('colours quota use at 90% and more', () => {
    const full = buildMailboxReport([mailbox('full@contoso.com', { sizeBytes: 95 * GB })], q(), NOW);
    const usedCell = elementsOfType(tableOf(mailboxReportCard(full).card).rows[1], 'TextBlock').at(-1);
    expect(usedCell).toMatchObject({ text: '95%', color: 'Attention' });
  });

  it('says a partial report is partial, with the retry button given', () => {
    const tenant = tenantOf(40, (i) => (i < 12 ? { statistics: null, statisticsError: 'timeout' } : {}));
    const partial = buildMailboxReport(tenant, q({ top: 40 }), NOW);
    const retry = { type: 'Action.Execute', title: 'Retry', verb: 'mailboxes.retry', data: { page: 1 } };
    const partialCard = mailboxReportCard(partial, { partialActions: [retry] }).card;
    expect(parseLikeAClient(partialCard).problems).toEqual([]);
    const [warning] = elementsOfType(partialCard, 'Container').filter((c) => c.style === 'warning');
    expect(paragraphs(warning)).toEqual(['Partial: statistics missing for 12 mailboxes. Totals leave them out.']);
    expect(elementsOfType(warning, 'ActionSet')[0].actions).toEqual([retry]);
    // Missing statistics read as unknown, never as zero.
    const lastRow = paragraphs(tableOf(partialCard).rows.at(-1)).map(visibleText);
    expect(lastRow[1]).toContain('statistics missing');
    expect(lastRow.slice(2)).toEqual(['—', '—', '—', '100 GB', '—']);
  });

  it('has no warning when complete, and puts the given buttons under the report', () => {
    expect(elementsOfType(card, 'Container').filter((c) => c.style === 'warning')).toEqual([]);
    const next = { type: 'Action.Execute', title: 'Next page', verb: 'mailboxes.page', data: { offset: 25 } };
    const withButtons = mailboxReportCard(report, { actions: [next] }).card;
    expect(withButtons.actions).toEqual([next]);
    expect(parseLikeAClient(withButtons).problems).toEqual([]);
  });

  it('numbers later pages', () => {
    const page2 = buildMailboxReport(tenantOf(100), q(), NOW, { offset: 25 });
    expect(paragraphs(mailboxReportCard(page2).card)).toContain('26–50 of 100 user mailboxes · most items first');
  });

  it('says when nothing matches the filter, echoing the filter as plain text', () => {
    const none = buildMailboxReport(tenantOf(10), q({ filter: '**nobody**' }), NOW);
    const noneCard = mailboxReportCard(none).card;
    expect(parseLikeAClient(noneCard).problems).toEqual([]);
    const seen = paragraphs(noneCard).map(visibleText);
    expect(seen).toContain('Filter: **nobody**');
    expect(seen).toContain('No user mailboxes matching');
    expect(seen).toContain('Nothing matches that filter. Try a shorter piece of the name or address.');
    expect(elementsOfType(noneCard, 'Table')).toEqual([]);
    // The filter text only ever sits in a TextRun.
    expect(elementsOfType(noneCard, 'TextBlock').map((t) => t.text)).not.toContainEqual(expect.stringContaining('nobody'));
  });

  it('shows the kind of each mailbox when several kinds are listed', () => {
    const mixed = buildMailboxReport(
      [mailbox('r@contoso.com', { recipientTypeDetails: 'RoomMailbox' }), mailbox('v@contoso.com', { recipientTypeDetails: 'EquipmentMailbox', litigationHoldEnabled: true })],
      q({ type: 'room', sort: 'name' }),
      NOW,
    );
    const lines = paragraphs(tableOf(mailboxReportCard(mixed).card).rows).map(visibleText);
    expect(lines).toContain('r@contoso.com · Room');
    expect(lines).toContain('v@contoso.com · Equipment · on hold');
  });
});

describe('mailbox report card with hostile tenant data', () => {
  const hostileTenant = Array.from({ length: 1000 }, (_, i) =>
    mailbox(`user${i}@contoso.com`, {
      displayName: `${HOSTILE[i % HOSTILE.length]} ${'x'.repeat(300)}`,
      userPrincipalName: `${'u'.repeat(60)}${i}@${'d'.repeat(40)}.onmicrosoft.com`,
      items: 5000 - i,
      sizeBytes: (i % 97) * MB * 1000,
    }),
  );
  const report = buildMailboxReport(hostileTenant, q({ top: 1000 }), NOW);
  const fitted = mailboxReportCard(report);

  it('fits under the size limit by showing fewer rows, and says so', () => {
    expect(fitted.bytes).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(cardBytes(renderMailboxReportCard(report, fitted.rows + 1))).toBeGreaterThan(CARD_BYTE_LIMIT);
    expect(fitted.rows).toBeGreaterThanOrEqual(10);
    expect(fitted.rows).toBeLessThan(1000);
    const seen = paragraphs(fitted.card);
    expect(seen).toContain(`${fitted.rows} of 1,000 user mailboxes · most items first`);
    expect(seen).toContain(
      `A Teams card holds ${fitted.rows} of these rows. Narrow it with filter, or get every row with: export mailboxes`,
    );
    expect(parseLikeAClient(fitted.card).problems).toEqual([]);
  });

  it('shows every name as plain text: only in TextRuns, date functions broken, cut to 60 characters', () => {
    const table = tableOf(fitted.card);
    const names = table.rows.slice(1).map((row) => paragraphs(row)[0]);
    HOSTILE.forEach((h, i) => {
      if (i >= names.length) return;
      expect(visibleText(names[i])).toBe(`${h} ${'x'.repeat(59 - [...new Intl.Segmenter().segment(h)].length - 1)}…`);
    });
    for (const name of names) {
      expect([...new Intl.Segmenter().segment(visibleText(name))]).toHaveLength(60);
      expect(name).not.toMatch(/\{\{(DATE|TIME)\(/);
    }
    // Tenant text never lands where Markdown is read: TextBlocks and facts hold only the bot's words.
    const markdownTexts = [
      ...elementsOfType(fitted.card, 'TextBlock', true).map((t) => String(t.text)),
      ...elementsOfType(fitted.card, 'FactSet', true).flatMap((f) => (f.facts as { title: string; value: string }[]).map((x) => `${x.title} ${x.value}`)),
    ];
    for (const text of markdownTexts) {
      for (const h of HOSTILE) expect(text).not.toContain(h);
      expect(text).not.toContain('xxxxx');
    }
  });

  it('keeps hostile names plain in the chart labels too', () => {
    const withQuota = buildMailboxReport(
      HOSTILE.map((h, i) => mailbox(`h${i}@contoso.com`, { displayName: h, sizeBytes: (h.startsWith('{{') ? 99 : 50 + i) * GB })),
      q(),
      NOW,
    );
    const bars = elementsOfType(mailboxReportCard(withQuota).card, 'Chart.HorizontalBar')[0].data as { x: string }[];
    for (const bar of bars) expect(bar.x).not.toMatch(/\{\{(DATE|TIME)\(/);
    expect(bars.map((b) => visibleText(b.x))).toContain('{{DATE(2020-01-01T00:00…');
  });
});
