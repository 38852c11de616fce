// `export mailboxes|shared|licenses`: a report as a CSV for Excel, behind a signed link that expires.
import { parseMailboxesArguments, MAILBOXES_USAGE } from '../arguments/mailboxes';
import { readMailboxData } from './mailbox-data';
import { mailboxSnapshotData } from '../exports/mailbox-snapshot';
import { downloadCard } from '../cards/download-card';
import type { MailboxSnapshotData, TableSnapshotData } from '../exports/serve';
import { buildMailboxReport } from '../reports/mailbox-report';
import { licensesTable, sharedMailboxesTable } from '../reports/licensing/license-csv';
import type { SnapshotKind } from '../state/snapshots';
import { errorMessage } from './replies';
import type { ReportSpec } from '../runner/report-runner';
import { startReport } from './reports';
import { MAILBOX_TYPES_TO_READ } from './mailboxes';
import { readSharedMailboxesAtScale } from './shared-usage';
import { readLicenseReport } from './licenses';
import type { Command, Message, ReportContext } from './types';

const WHAT = 'export mailboxes [options of mailboxes] · export shared · export licenses';

interface Prepared {
  kind: SnapshotKind;
  data: MailboxSnapshotData | TableSnapshotData;
  rows: number;
  complete: boolean;
  missing: number;
  title: string;
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'export mailboxes|shared|licenses',
  summary: 'A report as a CSV for Excel, behind a download link that expires in an hour.',
  details: 'UTF-8 with BOM, formula-like cells neutralised; `export mailboxes` takes the options of `mailboxes`.',
  examples: ['export mailboxes', 'export shared', 'export licenses'],
  run: (ctx) => startReport(ctx, exportCommand.report!(ctx, ctx.args)),
  report: (ctx, args): ReportSpec<Prepared> | Message => {
    const [word = '', ...rest] = args.split(' ');
    const what = word.toLowerCase().replace('licences', 'licenses');
    let prepare: ((onProgress: Progress) => Promise<Prepared>) | undefined;
    if (what === 'mailboxes') {
      const parsed = parseMailboxesArguments(rest.join(' '));
      if (!parsed.ok) return errorMessage("I couldn't read that", parsed.message, undefined, `Usage: export ${MAILBOXES_USAGE}`);
      prepare = (onProgress) => mailboxes(ctx, parsed.query, parsed.live, onProgress);
    } else if ((what === 'shared' || what === 'licenses') && rest.length === 0) {
      prepare = what === 'shared' ? (onProgress) => shared(ctx, onProgress) : (onProgress) => licenses(ctx, onProgress);
    } else {
      return errorMessage('What should I export?', `I can export three reports: ${WHAT}.`);
    }
    return exportReport(ctx, `export ${args}`.trim(), prepare);
  },
};

type Progress = (done: number, total: number) => void;

/** An export as the report runner runs it: the link needs the snapshot, so a failed save fails it. */
function exportReport(ctx: ReportContext, commandText: string, prepare: (onProgress: Progress) => Promise<Prepared>): ReportSpec<Prepared> {
  return {
    commandText,
    reading: 'Preparing the CSV…',
    failure: "I couldn't prepare the export",
    logName: 'export link',
    read: prepare,
    snapshot: (p) => ({ kind: p.kind, complete: p.complete, data: p.data }),
    snapshotRequired: true,
    result: (p, snapshotId) => {
      const { url, expiresAt } = ctx.services.exportLinks.link(snapshotId!, ctx.now());
      const partial = p.complete ? '' : `Partial: statistics missing for ${p.missing} mailboxes (their rows say so).`;
      return {
        card: downloadCard({ report: p.title, rows: `${p.rows.toLocaleString('en-US')} rows`, url, expiresAt, now: ctx.now(), partial }),
        text: 'CSV export ready',
      };
    },
    logFields: (p) => ({ kind: p.kind, rows: p.rows }),
  };
}

/** From the usage report on a large tenant; `export mailboxes … live` reads every mailbox live. */
async function mailboxes(ctx: ReportContext, query: MailboxSnapshotData['query'], live: boolean, onProgress: Progress): Promise<Prepared> {
  const result = await readMailboxData(ctx.services, query, {
    types: MAILBOX_TYPES_TO_READ[query.type],
    askedLive: live,
    now: ctx.now(),
    onProgress,
  });
  const rows = buildMailboxReport(result.mailboxes, { ...query, top: 1 }, ctx.now()).matched;
  const data = mailboxSnapshotData(
    result.mailboxes,
    { query, figures: result.figures },
    { tenantId: ctx.services.config.tenantId, cache: ctx.services.usage.reports },
  );
  return { kind: 'mailboxes', data, rows, complete: result.complete, missing: result.failures.length, title: 'Mailbox report' };
}

async function shared(ctx: ReportContext, onProgress: Progress): Promise<Prepared> {
  const data = await readSharedMailboxesAtScale(ctx.services, onProgress);
  const table = sharedMailboxesTable(data.verdicts);
  return {
    kind: 'shared',
    data: { table },
    rows: table.rows.length,
    complete: data.inventory.complete,
    missing: data.inventory.failures.length,
    title: 'Shared mailbox licences',
  };
}

async function licenses(ctx: ReportContext, onProgress: Progress): Promise<Prepared> {
  const report = await readLicenseReport(ctx, onProgress);
  const table = licensesTable(report.pools, report.waste, report.cost);
  return {
    kind: 'licenses',
    data: { table },
    rows: table.rows.length,
    complete: report.inventory.complete,
    missing: report.inventory.failures.length,
    title: 'Licences and waste',
  };
}
