// `archives [live] …`: the tenant's archives from the readings the background refresh keeps (each
// figure with its date), or read now with `live`. A tenant never listed yet is read now, once.
import { parseArchivesArguments, ARCHIVES_USAGE, type ArchivesQuery } from '../arguments/archives';
import { archiveReportCard } from '../cards/archive-report-card';
import { fitCard } from '../cards/fit';
import type { TableSnapshotData } from '../exports/serve';
import type { ArchiveFigures } from '../model/tenant';
import { ARCHIVE_SORTS, buildArchiveReport, type ArchiveReport } from '../reports/archives';
import type { ReportSpec } from '../runner/report-runner';
import { startReport } from './reports';
import { archivesTable } from '../reports/archive-csv';
import { errorMessage, exportButton, runButton } from '../messages/replies';
import type { Command, Message, ReportContext } from '../dispatch/types';
import { formatCount } from '../reports/format';

interface ArchivesData {
  archives: ArchiveFigures[];
  source: 'stored' | 'live';
  failed: number;
  /** Archives shown without figures (never read), and when the background refresh will have read them. */
  unread?: { count: number; by: string | null };
}

/**
 * Archives never read that `archives` reads before it answers (the demo's 36, a new tenant's first
 * rounds): 30 $batch calls, about 10-20 s at the assumed Exchange model. More wait for the refresh.
 */
export const READ_UNREAD_AT_MOST = 300;

export const archivesCommand: Command = {
  name: 'archives',
  usage: ARCHIVES_USAGE,
  summary: 'Archive mailboxes: size, cap and % used, growth per day and when each is full.',
  details:
    'Items and auto-expanding or not too. The figures come from storage, each with its date (the background cycle reads every archive at least once a day); `live` reads them all now.',
  examples: ['archives', 'archives sort growth', 'archives live'],
  run: (ctx) => startReport(ctx, archivesCommand.report!(ctx, ctx.args)),
  report: (ctx, args) => {
    const parsed = parseArchivesArguments(args);
    if (!parsed.ok) return errorMessage("I couldn't read that", parsed.message, undefined, `Usage: ${ARCHIVES_USAGE}`);
    return archivesReport(ctx, parsed.query, `archives ${args}`.trim());
  },
};

export function archivesReport(ctx: ReportContext, query: ArchivesQuery, commandText: string): ReportSpec<ArchivesData> {
  const { archives } = ctx.services;
  return {
    commandText,
    reading: query.live ? 'Reading every archive now…' : 'Reading the stored archive figures…',
    noun: 'archives',
    failure: "I couldn't read the archives",
    logName: 'archive report',
    read: async (onProgress, onStage) => {
      const never = (await archives.readings.inventory()).listedAt === null;
      if (query.live || never) {
        if (never && !query.live) onStage('No archive figures stored yet: reading every archive now…');
        const report = await archives.readAllNow({ onProgress });
        return { archives: await archives.readings.all(), source: 'live', failed: report.failed };
      }
      const stored = await archives.readings.all();
      const unread = stored.filter((a) => a.readings.length === 0);
      if (unread.length === 0) return { archives: stored, source: 'stored', failed: 0 };
      if (unread.length <= READ_UNREAD_AT_MOST) {
        onStage(`${unread.length} of ${stored.length} archives not read yet: reading them now…`);
        const report = await archives.readNow(
          unread.map((a) => a.id),
          { onProgress },
        );
        return { archives: await archives.readings.all(), source: 'stored', failed: report.failed };
      }
      const by = archives.unreadReadBy(unread.length, stored.length, ctx.now());
      return { archives: stored, source: 'stored', failed: 0, unread: { count: unread.length, by: by ? by.toISOString() : null } };
    },
    snapshot: (data) => ({
      kind: 'archives',
      complete: data.failed === 0 && !data.unread,
      data: { table: archivesTable(buildArchiveReport(data.archives, query).rows) } satisfies TableSnapshotData,
    }),
    result: (data, snapshotId) => archivesMessage(buildArchiveReport(data.archives, query), data, query, ctx.now(), snapshotId),
    logFields: (data) => ({ archives: data.archives.length, source: data.source, failed: data.failed }),
  };
}

function archivesMessage(report: ArchiveReport, data: ArchivesData, query: ArchivesQuery, now: Date, snapshotId?: string): Message {
  const filter = query.filter ? ` filter ${query.filter}` : '';
  const sorts = ARCHIVE_SORTS.filter((s) => s !== query.sort && s !== 'name').slice(0, 2);
  const failedNote = data.failed
    ? `${data.failed} archive${data.failed === 1 ? '' : 's'} could not be read now; their last stored figures are shown. Retry to read them again.`
    : data.unread
      ? `${formatCount(data.unread.count)} of ${formatCount(data.archives.length)} archives not read yet; ${
          data.unread.by
            ? `the background refresh reads them ${readByWords(new Date(data.unread.by), now)}`
            : 'the background refresh is off here'
        }. Read live reads every archive now.`
      : undefined;
  const actions = [
    ...sorts.map((s) => runButton(`Sort by ${s}`, `archives sort ${s}${filter}`)),
    ...(snapshotId ? [exportButton(snapshotId)] : []),
    runButton(data.source === 'live' ? 'Refresh' : 'Read live', `archives live sort ${query.sort}${filter}`),
  ];
  const wanted = Math.min(query.top, report.rows.length);
  const fitted = fitCard(
    (n) => archiveReportCard({ report, sort: query.sort, now, source: data.source, notice: failedNote, actions }, n),
    wanted,
  );
  const text = `${report.total} archives${report.tooFast ? `, ${report.tooFast} growing over 1 GB/day` : ''}${failedNote ? ' (partial)' : ''}`;
  return { card: fitted.card, text };
}

/** "within about 45 minutes (by 14:15 UTC)": the refresh reads every archive within a day. */
function readByWords(by: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((by.getTime() - now.getTime()) / 60_000));
  const span = minutes < 90 ? `${minutes} minutes` : `${Math.round(minutes / 60)} hours`;
  const at = by.toISOString();
  return `within about ${span} (by ${minutes > 20 * 60 ? `${at.slice(0, 10)} ` : ''}${at.slice(11, 16)} UTC)`;
}
