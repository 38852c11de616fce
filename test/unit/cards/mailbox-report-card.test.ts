import { mailboxReportCard, renderMailboxReportCard } from '../../../src/cards/mailbox-report-card';
import { visibleText } from '../../../src/cards/plain-text';
import { CARD_BYTE_LIMIT, cardBytes, sentCardBytes } from '../../../src/cards/render';
import type { MailboxWithStatistics } from '../../../src/model/tenant';
import { buildMailboxReport, DEFAULT_MAILBOX_QUERY, MailboxQuery } from '../../../src/reports/mailbox-report';
import { GB, MB, NOW, daysAgo, mailbox } from '../reports/sample-mailboxes';
import { elementsOfType, paragraphs, parseLikeAClient } from './client-view';

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

/** The totals grid: each row's texts, figure then label, blanks left out. */
function totalsGrid(card: object): string[][] {
  return (card as { body: Record<string, unknown>[] }).body
    .filter((e) => e.type === 'ColumnSet' && elementsOfType(e, 'Chart.Donut').length === 0)
    .map((row) => paragraphs(row).filter((t) => t !== ''));
}

type Column = { width: string; items: Record<string, unknown>[] };
type Row = { type: string; columns: Column[]; selectAction?: unknown };

/** The list of rows: its header line and one ColumnSet per mailbox. */
function rowsOf(card: object): { header: Row; rows: Row[] } {
  const body = (card as { body: Record<string, unknown>[] }).body;
  const list = body.find((e) => e.type === 'Container' && e.id === 'rows') as { items: Row[] };
  return { header: body[body.indexOf(list as never) - 1] as unknown as Row, rows: list.items };
}

describe('mailbox report card', () => {
  const report = buildMailboxReport(
    [
      mailbox('ann@contoso.com', { displayName: 'Ann Lee', items: 123_456, sizeBytes: 1.7 * GB, lastInteraction: daysAgo(3) }),
      ...tenantOf(9_999),
    ],
    q(),
    NOW,
  );
  const { card, rows } = mailboxReportCard(report);
  const client = parseLikeAClient(card);

  it('is a valid 1.5 card any client parses', () => {
    expect(card.version).toBe('1.5');
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(card.msteams).toEqual({ width: 'Full' });
    expect(client.problems).toEqual([]);
    // Only user mailboxes were read: a one-ring donut would say nothing, so there is no chart at all.
    expect(client.charts).toEqual([]);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('says how many of how many it shows, and in what order', () => {
    expect(rows).toBe(10);
    expect(paragraphs(card)).toContain('10 of 10,000 user mailboxes · most items first');
    expect(paragraphs(card)[0]).toBe('User mailboxes');
    expect(paragraphs(card)[1]).toMatch(/^As of \{\{DATE\(2024-06-15T12:00:00Z, SHORT\)\}\} \{\{TIME\(2024-06-15T12:00:00Z\)\}\}$/);
  });

  it('a later view of the same data says how old it is, so the admin knows when to Refresh', () => {
    const viewedAt = new Date(Date.parse(report.asOf) + 4 * 60_000 + 20_000);
    const later = mailboxReportCard(report, { viewedAt }).card;
    expect(paragraphs(later)[1]).toMatch(/^As of 4 min ago · \{\{DATE\(2024-06-15T12:00:00Z, SHORT\)\}\} \{\{TIME\(/);
    const fresh = mailboxReportCard(report, { viewedAt: new Date(Date.parse(report.asOf) + 5_000) }).card;
    expect(paragraphs(fresh)[1]).not.toMatch(/ago/);
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
    // A grid of three columns, each figure above its label, exact (the table rounds, the totals do not).
    const [first, second] = totalsGrid(card);
    expect(first).toEqual(['10,000', 'Mailboxes', items.toLocaleString('en-US'), 'Items', expect.stringMatching(/^[\d.]+ TB$/), 'Size']);
    expect(second).toEqual([near.toLocaleString('en-US'), 'Near quota (90%+)', inactive.toLocaleString('en-US'), 'Inactive 90+ days']);
    expect(elementsOfType(card, 'FactSet')).toEqual([]);
  });

  it('shows the first row as an admin reads it, numbers right-aligned, without a Table', () => {
    // Teams mobile draws a Table blank (AdaptiveCards#8853): rows are ColumnSets.
    expect(elementsOfType(card, 'Table', true)).toEqual([]);
    const { header, rows: list } = rowsOf(card);
    expect(paragraphs(header)).toEqual(['Mailbox', 'Size', 'items', 'Used', 'active']);
    const first = paragraphs(list[0]).map(visibleText);
    // Short forms; the quota moves under the address.
    expect(first).toEqual(['Ann Lee', 'ann@contoso.com · 100 GB quota', '1.7 GB', '123k', '2%', '3 d ago']);
    expect(list).toHaveLength(10);
    // Every row's number columns have the header's fixed widths, so the figures line up, right-aligned.
    const widths = header.columns.map((c) => c.width);
    expect(widths).toEqual(['stretch', '68px', '72px']);
    for (const row of [header, ...list]) {
      expect(row.columns.map((c) => c.width)).toEqual(widths);
      for (const column of row.columns.slice(1)) {
        for (const item of column.items) expect(item.horizontalAlignment).toBe('Right');
      }
    }
    // Short enough to show whole in a 68 or 72 px column.
    for (const row of list) {
      const [size, items, used, active] = paragraphs(row).slice(2);
      expect(items.length).toBeLessThanOrEqual(5);
      expect(size.length).toBeLessThanOrEqual(6);
      expect(active.length).toBeLessThanOrEqual(9);
      expect(used.length).toBeLessThanOrEqual(4);
    }
    expect(client.problems).toEqual([]);
  });

  it('lists the fullest mailboxes with text bars, fullest first', () => {
    const [list] = elementsOfType(card, 'Container').filter((c) => paragraphs(c)[0] === 'Fullest mailboxes (% of quota)');
    const lines = elementsOfType(list, 'ColumnSet').map((row) => paragraphs(row).map(visibleText));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual(['User 99', '██████████', '99%']);
    for (const line of lines) expect(line.slice(1)).toEqual(['██████████', '99%']);
    expect(elementsOfType(list, 'TextBlock').filter((t) => t.text === '99%')[0].color).toBe('Attention');
    expect(elementsOfType(card, 'Chart.HorizontalBar')).toEqual([]);

    const varied = buildMailboxReport(
      [95, 80, 50].map((gb) => mailbox(`m${gb}@contoso.com`, { displayName: `M ${gb}`, sizeBytes: gb * GB })),
      q({ sort: 'name' }),
      NOW,
    );
    const [variedList] = elementsOfType(mailboxReportCard(varied).card, 'Container').filter(
      (c) => paragraphs(c)[0] === 'Fullest mailboxes (% of quota)',
    );
    expect(elementsOfType(variedList, 'ColumnSet').map((row) => paragraphs(row).map(visibleText))).toEqual([
      ['M 95', '██████████', '95%'],
      ['M 80', '████████░░', '80%'],
      ['M 50', '█████░░░░░', '50%'],
    ]);
    const colours = elementsOfType(variedList, 'TextBlock')
      .filter((t) => String(t.text).endsWith('%'))
      .map((t) => t.color);
    expect(colours).toEqual(['Attention', 'Warning', 'Default']);
  });

  it('leaves the fullest list out when the table already starts with them, or when none is near full', () => {
    const byQuota = mailboxReportCard(buildMailboxReport(tenantOf(50), q({ sort: 'quota' }), NOW)).card;
    expect(paragraphs(byQuota)).not.toContain('Fullest mailboxes (% of quota)');
    const roomy = mailboxReportCard(
      buildMailboxReport(
        Array.from({ length: 50 }, (_, i) => mailbox(`r${i}@contoso.com`, { sizeBytes: 40 * GB })),
        q(),
        NOW,
      ),
    ).card;
    expect(paragraphs(roomy)).not.toContain('Fullest mailboxes (% of quota)');
  });

  it('draws storage by type as a donut, beside the figures, only when two kinds or more hold mail', () => {
    const mixed = buildMailboxReport(
      [
        mailbox('u@contoso.com', { sizeBytes: 300 * GB }),
        mailbox('s@contoso.com', { recipientTypeDetails: 'SharedMailbox', sizeBytes: 100 * GB }),
      ],
      q({ type: 'all' }),
      NOW,
    );
    const mixedCard = mailboxReportCard(mixed).card;
    const mixedClient = parseLikeAClient(mixedCard);
    expect(mixedClient.problems).toEqual([]);
    expect(mixedClient.charts).toEqual(['Chart.Donut']);
    const [donut] = elementsOfType(mixedCard, 'Chart.Donut');
    expect(donut.data).toEqual([
      { legend: 'User', value: 300 * 1024 },
      { legend: 'Shared', value: 100 * 1024 },
    ]);
    const seen = paragraphs(mixedCard);
    expect(seen).toEqual(expect.arrayContaining(['Storage by type', 'User', '300 GB', '75%', 'Shared', '100 GB', '25%']));
    // A client without charts drops the donut and still shows the figures.
    expect(paragraphs(mixedClient.card.toJSON())).toEqual(expect.arrayContaining(['Storage by type', '300 GB', '100 GB']));
    expect(elementsOfType(card, 'Chart.Donut')).toEqual([]);
    expect(paragraphs(card)).not.toContain('Storage by type');
  });

  it('colours quota use at 90% and more', () => {
    const full = buildMailboxReport([mailbox('full@contoso.com', { sizeBytes: 95 * GB })], q(), NOW);
    const usedCell = elementsOfType(rowsOf(mailboxReportCard(full).card).rows[0], 'TextBlock').find((t) => t.text === '95%');
    expect(usedCell).toMatchObject({ text: '95%', color: 'Attention' });
  });

  it('says a partial report is partial, with the retry button given', () => {
    const tenant = tenantOf(20, (i) => (i < 12 ? { statistics: null, statisticsError: 'timeout' } : {}));
    const partial = buildMailboxReport(tenant, q({ top: 20 }), NOW);
    const retry = { type: 'Action.Execute', title: 'Retry', verb: 'mailboxes.retry', data: { page: 1 } };
    const partialCard = mailboxReportCard(partial, { partialActions: [retry] }).card;
    expect(parseLikeAClient(partialCard).problems).toEqual([]);
    const [warning] = elementsOfType(partialCard, 'Container').filter((c) => c.style === 'warning');
    expect(paragraphs(warning)).toEqual(['Partial: statistics missing for 12 mailboxes. Totals leave them out.']);
    expect(elementsOfType(warning, 'ActionSet')[0].actions).toEqual([retry]);
    // Missing statistics read as unknown, never as zero.
    const lastRow = paragraphs(rowsOf(partialCard).rows.at(-1)).map(visibleText);
    expect(lastRow[1]).toMatch(/· 100 GB quota · statistics missing$/);
    expect(lastRow.slice(2)).toEqual(['—', '—', '—', '—']);
  });

  it('has no warning when complete, and puts the given buttons under the report', () => {
    expect(elementsOfType(card, 'Container').filter((c) => c.style === 'warning')).toEqual([]);
    const next = { type: 'Action.Execute', title: 'Next page', verb: 'mailboxes.page', data: { offset: 25 } };
    const withButtons = mailboxReportCard(report, { actions: [next] }).card;
    expect(withButtons.actions).toEqual([next]);
    expect(parseLikeAClient(withButtons).problems).toEqual([]);
  });

  it('numbers later pages', () => {
    const page2 = buildMailboxReport(tenantOf(100), q(), NOW, { offset: 10 });
    expect(paragraphs(mailboxReportCard(page2).card)).toContain('11–20 of 100 user mailboxes · most items first');
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
    // No grid of zeros above the answer.
    expect(totalsGrid(noneCard)).toEqual([]);
    // The filter text only ever sits in a TextRun.
    expect(elementsOfType(noneCard, 'TextBlock').map((t) => t.text)).not.toContainEqual(expect.stringContaining('nobody'));
  });

  it('shows the kind of each mailbox when several kinds are listed', () => {
    const mixed = buildMailboxReport(
      [
        mailbox('r@contoso.com', { recipientTypeDetails: 'RoomMailbox' }),
        mailbox('v@contoso.com', { recipientTypeDetails: 'EquipmentMailbox', litigationHoldEnabled: true }),
      ],
      q({ type: 'room', sort: 'name' }),
      NOW,
    );
    const lines = paragraphs(rowsOf(mailboxReportCard(mixed).card).rows).map(visibleText);
    expect(lines).toContain('r@contoso.com · Room · 100 GB quota');
    expect(lines).toContain('v@contoso.com · Equipment · 100 GB quota · on hold');
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
    expect(sentCardBytes(renderMailboxReportCard(report, fitted.rows + 1))).toBeGreaterThan(CARD_BYTE_LIMIT);
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
    const names = rowsOf(fitted.card).rows.map((row) => paragraphs(row)[0]);
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
      ...elementsOfType(fitted.card, 'FactSet', true).flatMap((f) =>
        (f.facts as { title: string; value: string }[]).map((x) => `${x.title} ${x.value}`),
      ),
    ];
    for (const text of markdownTexts) {
      for (const h of HOSTILE) expect(text).not.toContain(h);
      expect(text).not.toContain('xxxxx');
    }
  });

  it('keeps hostile names plain in the fullest list too', () => {
    const withQuota = buildMailboxReport(
      HOSTILE.map((h, i) => mailbox(`h${i}@contoso.com`, { displayName: h, sizeBytes: (h.startsWith('{{') ? 99 : 50 + i) * GB })),
      q(),
      NOW,
    );
    const fullestCard = mailboxReportCard(withQuota).card;
    const [list] = elementsOfType(fullestCard, 'Container').filter((c) => paragraphs(c)[0] === 'Fullest mailboxes (% of quota)');
    const names = elementsOfType(list, 'TextRun').map((r) => String(r.text));
    expect(names).toHaveLength(5);
    for (const name of names) expect(name).not.toMatch(/\{\{(DATE|TIME)\(/);
    expect(names.map(visibleText)[0]).toBe('{{DATE(2020-01-01T00:00:00Z)}}');
    for (const block of elementsOfType(list, 'TextBlock')) for (const h of HOSTILE) expect(String(block.text)).not.toContain(h);
  });
});
