// The `archives` card: one ColumnSet per archive (Teams mobile renders Table elements blank), the
// archive's name as plain TextRuns, figures right-aligned, and under each the date its figures were
// read. Archives growing faster than Microsoft supports are marked.
import { formatBytesShort, formatCount, formatPercent, relativeTimeShort, UNKNOWN } from '../reports/format';
import type { ArchiveReport, ArchiveRow, ArchiveSort } from '../reports/archives';
import { plainText } from './plain-text';
import { adaptiveCard, type AdaptiveCard } from './render';

export interface ArchiveCardInput {
  report: ArchiveReport;
  sort: ArchiveSort;
  now: Date;
  /** "stored" = from the background readings; "live" = read just now. */
  source: 'stored' | 'live';
  notice?: string;
  actions: object[];
}

const SORT_WORDS: Record<ArchiveSort, string> = {
  percent: '% of cap used',
  size: 'size',
  growth: 'growth per day',
  full: 'soonest full',
  name: 'name',
};

const text = (value: string, extra: Record<string, unknown> = {}) => ({ type: 'TextBlock', text: value, wrap: true, ...extra });
const run = (value: string, extra: Record<string, unknown> = {}) => ({
  type: 'RichTextBlock',
  inlines: [{ type: 'TextRun', text: value, ...extra }],
});

function growthText(r: ArchiveRow): string {
  if (r.growthPerDay === null) return UNKNOWN;
  const sign = r.growthPerDay < 0 ? '−' : '+';
  return `${sign}${formatBytesShort(Math.abs(r.growthPerDay))}/day`;
}

function rowItem(r: ArchiveRow, now: Date): object {
  const read = r.readAt ? `read ${r.readAt.slice(0, 10)} (${relativeTimeShort(r.readAt, now)})` : 'not read yet';
  const details = [
    r.itemCount === null ? null : `${formatCount(r.itemCount)} items`,
    r.autoExpanding && !r.autoExpandingByOrganization ? 'auto-expanding' : null,
    r.fullOn ? `full ${r.fullOn}` : null,
    read,
    r.lastError ? 'last read failed' : null,
  ].filter(Boolean);
  return {
    type: 'Container',
    separator: true,
    spacing: 'Small',
    ...(r.tooFast ? { style: 'warning' } : {}),
    items: [
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [run(plainText(r.displayName), { weight: 'Bolder' })] },
          {
            type: 'Column',
            width: 'auto',
            items: [text(`${formatBytesShort(r.sizeBytes)} / ${formatBytesShort(r.capBytes)}`, { horizontalAlignment: 'Right' })],
          },
          {
            type: 'Column',
            width: 'auto',
            items: [text(formatPercent(r.percent), { horizontalAlignment: 'Right', weight: 'Bolder' })],
          },
          {
            type: 'Column',
            width: 'auto',
            items: [text(growthText(r), { horizontalAlignment: 'Right', ...(r.tooFast ? { color: 'Attention' } : {}) })],
          },
        ],
      },
      text(details.join(' · '), { isSubtle: true, size: 'Small', spacing: 'None' }),
    ],
  };
}

export function archiveReportCard(input: ArchiveCardInput, rows: number): AdaptiveCard {
  const { report } = input;
  const shown = report.rows.slice(0, rows);
  const facts = [
    { title: 'Archives', value: formatCount(report.total) },
    ...(report.tooFast ? [{ title: 'Over 1 GB/day', value: formatCount(report.tooFast) }] : []),
    ...(report.unread ? [{ title: 'Not read yet', value: formatCount(report.unread) }] : []),
    {
      title: 'Figures',
      value:
        input.source === 'live'
          ? 'read just now'
          : report.oldestReadAt && report.newestReadAt
            ? `read ${relativeTimeShort(report.oldestReadAt, input.now)} to ${relativeTimeShort(report.newestReadAt, input.now)}`
            : 'none read yet',
    },
  ];
  const body: object[] = [
    text('Archives', { size: 'Large', weight: 'Bolder' }),
    text(`Sorted by ${SORT_WORDS[input.sort]} · ${shown.length} of ${formatCount(report.rows.length)} shown`, {
      isSubtle: true,
      spacing: 'None',
    }),
    { type: 'FactSet', facts },
  ];
  if (report.organizationAutoExpanding)
    body.push(
      text('Auto-expanding for the whole organisation: every archive can grow to 1.5 TB (Get-OrganizationConfig).', {
        isSubtle: true,
        size: 'Small',
      }),
    );
  if (input.notice) body.push(text(plainText(input.notice, 400), { color: 'Warning' }));
  if (report.tooFast)
    body.push(
      text('Microsoft supports auto-expanding archives growing at most 1 GB a day; faster ones are marked.', {
        isSubtle: true,
        size: 'Small',
      }),
    );
  if (shown.length === 0) body.push(text(report.total === 0 ? 'No mailbox here has an archive.' : 'No archive matches.'));
  for (const r of shown) body.push(rowItem(r, input.now));
  return adaptiveCard(body, input.actions);
}
