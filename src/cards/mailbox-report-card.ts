// The `mailboxes` report as a card: totals, two charts, then as many rows as fit in one message.
import type { MailboxKind, MailboxReport, MailboxRow, MailboxSort, MailboxTypeChoice } from '../reports/mailbox-report';
import { NEAR_QUOTA_PERCENT, INACTIVE_DAYS } from '../reports/mailbox-report';
import { formatBytes, formatBytesShort, formatCount, formatCountShort, formatPercent, relativeTimeShort, UNKNOWN } from '../reports/format';
import { asOfText } from './date-text';
import { fitCard, FittedCard } from './fit';
import { isolated, plainText } from './plain-text';
import { AdaptiveCard, renderCard } from './render';
import { tenantTrendData } from './mailbox-trend-card';
import { textBar } from './text-bar';
import template from './templates/mailbox-report.json';
import { differsNotably, type SizeFigures } from '../reports/usage-figures';
import { perDayText } from '../reports/mailbox-trend';
import { figuresLine, figuresWarning, usageDateText, type FiguresNote } from '../reports/figure-source';

export interface MailboxReportCardOptions {
  /** Buttons under the report (Next page, Sort, Refresh…), as Adaptive Card action objects. */
  actions?: object[];
  /** Buttons inside the "Partial" warning, e.g. Retry. */
  partialActions?: object[];
  /** What a click on a row does (e.g. open that mailbox's details). */
  rowAction?: (row: MailboxRow) => object;
  /** When the card is shown; with it, data older than a minute reads "As of 4 min ago". */
  viewedAt?: Date;
  /** Where the figures come from (the usage report, or live after all); absent = live. */
  figures?: FiguresNote;
  /** The tenant's storage trend under the rows: inside the fit, so rows make room for it. */
  tenantTrend?: { line: string; sparkline: string } | null;
}

const TITLES: Record<MailboxTypeChoice, string> = {
  user: 'User mailboxes',
  shared: 'Shared mailboxes',
  room: 'Room and equipment mailboxes',
  group: 'Microsoft 365 group mailboxes',
  all: 'All mailboxes',
};
const NOUNS: Record<MailboxTypeChoice, string> = {
  user: 'user mailboxes',
  shared: 'shared mailboxes',
  room: 'room and equipment mailboxes',
  group: 'group mailboxes',
  all: 'mailboxes',
};
const SORT_WORDS: Record<MailboxSort, string> = {
  items: 'most items first',
  size: 'largest first',
  activity: 'least recently active first',
  quota: 'fullest first (% of quota)',
  growth: 'fastest-growing first (per day, last 30 days)',
  name: 'by name',
};
const KIND_WORDS: Record<MailboxKind, string> = {
  user: 'User',
  shared: 'Shared',
  room: 'Room',
  equipment: 'Equipment',
  group: 'Group',
  other: 'Other',
};
const STORAGE_KINDS: Array<[keyof MailboxReport['totals']['storageByKind'], string]> = [
  ['user', 'User'],
  ['shared', 'Shared'],
  ['room', 'Room and equipment'],
  ['other', 'Other'],
];
const MB = 1024 ** 2;
/** Quota use shown in warning colour; below it even the fullest mailbox is no news, so no "Fullest" list. */
const QUOTA_WARNING_PERCENT = 75;

function usedColor(percent: number | null): string {
  if (percent === null) return 'Default';
  if (percent >= NEAR_QUOTA_PERCENT) return 'Attention';
  if (percent >= QUOTA_WARNING_PERCENT) return 'Warning';
  return 'Default';
}

/**
 * One row: the name over its address, then two right-aligned columns of two lines each (size over
 * items, % used over last activity). Short forms ("1.7M", "87 GB", "7 mo ago") keep the number
 * columns at 68 and 72 px, so the name keeps most of a 360 px phone; the quota moves to the line
 * under the address, and the exact figures are on the mailbox's own card (`mailbox <upn>`).
 * No Table: Teams mobile draws a Table blank (AdaptiveCards#8853, msteams-docs#14498).
 */
function rowData(row: MailboxRow, showKind: boolean, now: Date, figures?: FiguresNote) {
  const notes: string[] = [];
  const changed = row.source === 'live' && row.usage && differsNotably(row.usage, row as SizeFigures, row.quotaBytes, NEAR_QUOTA_PERCENT);
  if (row.source === 'usage' && !row.statisticsError) notes.push('usage data');
  if (changed)
    notes.push(
      `⚠ ${formatBytesShort(row.usage!.sizeBytes)} · ${formatCountShort(row.usage!.items)} items on ${usageDateText(figures?.usageDate)}`,
    );
  if (row.growthPerDay !== undefined)
    notes.push(row.growthPerDay === null ? 'growth: too little history' : `growing ${perDayText(row.growthPerDay)}`);
  if (showKind) notes.push(KIND_WORDS[row.type]);
  notes.push(row.quotaBytes === null ? 'unlimited' : `${formatBytesShort(row.quotaBytes)} quota`);
  if (row.hold) notes.push('on hold');
  if (row.statisticsError) notes.push('statistics missing');
  return {
    name: plainText(row.displayName) || '(no name)',
    sub: `${isolated(plainText(row.upn, 80))} · ${notes.join(' · ')}`,
    items: formatCountShort(row.items),
    size: formatBytesShort(row.sizeBytes),
    lastActive: row.statisticsError ? UNKNOWN : relativeTimeShort(row.lastInteraction, now),
    used: formatPercent(row.percentOfQuota),
    usedColor: usedColor(row.percentOfQuota),
  };
}

/** The totals as a grid of three columns: two short rows read faster than a five-line list. */
function totalRows(t: MailboxReport['totals']) {
  const cells = [
    { label: 'Mailboxes', value: formatCount(t.mailboxes) },
    { label: 'Items', value: formatCount(t.items) },
    { label: 'Size', value: formatBytes(t.bytes) },
    { label: `Near quota (${NEAR_QUOTA_PERCENT}%+)`, value: formatCount(t.nearQuota) },
    { label: `Inactive ${INACTIVE_DAYS}+ days`, value: formatCount(t.inactive) },
    { label: '', value: '' },
  ];
  return [{ cells: cells.slice(0, 3) }, { cells: cells.slice(3) }];
}

/** "25 of 10,000 user mailboxes · most items first", or "26–50 of …" on a later page. */
function countLine(report: MailboxReport, shown: number): string {
  const noun = NOUNS[report.query.type];
  const matching = hasFilter(report.query) ? ' matching' : '';
  if (report.matched === 0) return `No ${noun}${matching}`;
  const range =
    report.offset > 0 && shown > 0 ? `${formatCount(report.offset + 1)}–${formatCount(report.offset + shown)}` : formatCount(shown);
  return `${range} of ${formatCount(report.matched)} ${noun}${matching} · ${SORT_WORDS[report.query.sort]}`;
}

/** The card with exactly `rowCount` of the report's rows (used by fitCard; call mailboxReportCard instead). */
export function renderMailboxReportCard(report: MailboxReport, rowCount: number, options: MailboxReportCardOptions = {}): AdaptiveCard {
  const now = new Date(report.asOf);
  const shown = Math.min(rowCount, report.rows.length);
  const t = report.totals;
  const showKind = report.query.type === 'all' || report.query.type === 'room';
  const partialActions = options.partialActions ?? [];
  const stored = STORAGE_KINDS.filter(([k]) => t.storageByKind[k] > 0);
  const storedBytes = stored.reduce((sum, [k]) => sum + t.storageByKind[k], 0);
  const storage = stored.map(([k, label]) => ({
    kind: label,
    // Whole megabytes: the chart only needs proportions, and a small tenant's storage is not 0 GB.
    value: Math.round(t.storageByKind[k] / MB),
    size: formatBytesShort(t.storageByKind[k]),
    share: formatPercent((t.storageByKind[k] / storedBytes) * 100),
  }));
  // A list with text bars, not Chart.HorizontalBar: that chart scales to its largest value and has
  // no fixed 0–100 axis, so 90% and 99% drew as equal bars under unreadable ticks in a narrow column.
  const fullest = report.fullest.map((r) => ({
    name: plainText(r.displayName, 40) || plainText(r.upn, 40),
    bar: textBar(r.percentOfQuota ?? 0),
    used: formatPercent(r.percentOfQuota),
    usedColor: usedColor(r.percentOfQuota),
  }));
  const tableStartsWithFullest = report.query.sort === 'quota' && report.offset === 0 && shown > 0;
  const topPercent = report.fullest[0]?.percentOfQuota ?? 0;
  const showFullest = fullest.length > 0 && topPercent >= QUOTA_WARNING_PERCENT && !tableStartsWithFullest;
  // The card says how many rows it holds whenever it holds fewer than asked and available.
  const available = Math.min(report.rows.length, report.query.top);
  const limitNote =
    shown < available
      ? `A Teams card holds ${formatCount(shown)} of these rows. Narrow it with filter, or get every row with: export mailboxes`
      : '';
  const data = {
    title: TITLES[report.query.type],
    asOf: asOfText(report.asOf, options.viewedAt),
    hasFilter: hasFilter(report.query),
    filter: filterWords(report.query),
    partial: {
      show: report.partial > 0,
      text: `Partial: statistics missing for ${formatCount(report.partial)} ${report.partial === 1 ? 'mailbox' : 'mailboxes'}. Totals leave them out.`,
      hasActions: partialActions.length > 0,
      actions: partialActions,
    },
    // Nothing matched: a grid of zeros would only push the answer down.
    totalRows: report.matched > 0 ? totalRows(t) : [],
    // One ring says nothing: the donut appears only when the report read two kinds or more.
    // The donut's fallback, for clients that draw no charts: the same numbers as one line.
    storage: { show: storage.length >= 2, kinds: storage, text: storage.map((k) => `${k.kind} ${k.size} (${k.share})`).join(' · ') },
    fullest: { show: showFullest, rows: fullest },
    countLine: countLine(report, shown),
    hasLimitNote: limitNote !== '',
    limitNote,
    hasRows: shown > 0,
    emptyText: report.query.filter
      ? 'Nothing matches that filter. Try a shorter piece of the name or address.'
      : 'There is nothing to show.',
    rows: report.rows.slice(0, shown).map((r) => rowData(r, showKind, now, options.figures)),
    figures: figuresData(report.rows.slice(0, shown), options.figures),
    tenantTrend: tenantTrendData(options.tenantTrend ?? undefined),
    actions: options.actions ?? [],
  };
  const card = renderCard(template, data);
  if (options.rowAction) attachRowActions(card, report.rows.slice(0, shown), options.rowAction);
  return card;
}

function figuresData(rows: MailboxRow[], note: FiguresNote | undefined) {
  const sources = { usage: rows.filter((r) => r.source === 'usage').length, live: rows.filter((r) => r.source !== 'usage').length };
  const line = figuresLine(note, sources);
  const warning = figuresWarning(note);
  return { show: line !== '', text: line, warn: warning !== '', warning };
}

function hasFilter(q: MailboxReport['query']): boolean {
  return Boolean(q.filter) || q.minPercent !== undefined || q.inactiveDays !== undefined;
}

/** What the report is narrowed to, as the admin would say it. */
function filterWords(q: MailboxReport['query']): string {
  const parts: string[] = [];
  if (q.filter) parts.push(isolated(plainText(q.filter, 100)));
  if (q.minPercent !== undefined) parts.push(`${q.minPercent}%+ of quota used`);
  if (q.inactiveDays !== undefined) parts.push(`inactive over ${q.inactiveDays} days`);
  return parts.join(' · ');
}

/**
 * Templates cannot leave a property out when its value is missing, so row clicks are set here. The
 * whole row is the target: a finger on a phone need not find the name.
 */
function attachRowActions(card: AdaptiveCard, rows: MailboxRow[], action: (row: MailboxRow) => object): void {
  const list = (card.body as any[]).find((e) => e?.type === 'Container' && e.id === 'rows');
  if (!list) return;
  (list.items as any[]).forEach((row, i) => {
    if (rows[i] && row) row.selectAction = action(rows[i]);
  });
}

/** The report card with as many rows as fit under the Teams size limit; `rows` says how many. */
export function mailboxReportCard(report: MailboxReport, options: MailboxReportCardOptions = {}): FittedCard {
  return fitCard((n) => renderMailboxReportCard(report, n, options), report.rows.length);
}
