// Microsoft 365's active-user report (Graph getOffice365ActiveUserDetail, Reports.Read.All): the last
// activity of every user in Exchange, OneDrive, SharePoint, Skype, Yammer and Teams, so "inactive"
// means inactive everywhere, not only in the mailbox. Downloaded once per tenant client and kept for
// 30 minutes, then asked again with If-None-Match: Graph allows 14 report downloads per 10 minutes
// per app and report API (microsoft-graph-docs-contrib concepts/throttling-limits.md).
import { concealedForm, type ConcealedForm } from './graph-records';
import { latestActivity, toActiveUserDetail } from './license-records';
import type { GraphClient } from './graph-client';
import type { LatestActivity } from '../model/tenant';

export interface ActiveUserReport {
  refreshDate: string | null;
  /**
   * Each user that exists (deleted rows left out), by lower-case UPN: the latest activity in any
   * service, or null when none. Only this is kept of a row: 100,000 rows of twelve cells would
   * weigh on the bot's memory for nothing.
   */
  latest: Map<string, LatestActivity | null>;
  /** Set when names are concealed: the rows cannot be joined to accounts. */
  concealed: ConcealedForm | null;
  etag?: string;
}

const RECHECK_MS = 30 * 60_000;
/** Share of rows with hashed names from which the report counts as concealed (as the mailbox usage report). */
const CONCEALED_SHARE = 0.5;

const kept = new WeakMap<GraphClient, { report: ActiveUserReport; checkedAt: number }>();

/**
 * The report: the kept copy while it is recent, else Graph (a 304 keeps the copy). The period does
 * not bound the last-activity dates, which are each user's latest known; D7 is the smallest file.
 */
export async function readActiveUserReport(
  graph: GraphClient,
  options: { signal?: AbortSignal; now?: () => number } = {},
): Promise<ActiveUserReport> {
  const now = options.now ?? Date.now;
  const entry = kept.get(graph);
  if (entry && now() - entry.checkedAt < RECHECK_MS) return entry.report;
  const latest = new Map<string, LatestActivity | null>();
  // One object per distinct day and service: 100,000 users share a few hundred.
  const shared = new Map<string, LatestActivity>();
  let hashed = 0;
  let total = 0;
  let form: ConcealedForm | null = null;
  let refreshDate: string | null = null;
  const answer = await graph.streamReport(
    "getOffice365ActiveUserDetail(period='D7')",
    (cells) => {
      const row = toActiveUserDetail(cells);
      total++;
      const hidden = concealedForm(row.userPrincipalName);
      if (hidden) {
        hashed++;
        form ??= hidden;
      }
      if (row.reportRefreshDate && (!refreshDate || row.reportRefreshDate > refreshDate)) refreshDate = row.reportRefreshDate;
      if (row.isDeleted) return;
      const found = latestActivity(row);
      const key = found ? `${found.day}|${found.service}` : '';
      let value: LatestActivity | null = null;
      if (found) {
        value = shared.get(key) ?? found;
        shared.set(key, value);
      }
      latest.set(row.userPrincipalName.toLowerCase(), value);
    },
    { etag: entry?.report.etag, signal: options.signal },
  );
  if (answer.notModified && entry) {
    entry.checkedAt = now();
    return entry.report;
  }
  const report: ActiveUserReport = {
    refreshDate,
    latest,
    concealed: total > 0 && hashed / total >= CONCEALED_SHARE ? form : null,
    etag: answer.etag,
  };
  kept.set(graph, { report, checkedAt: now() });
  return report;
}
