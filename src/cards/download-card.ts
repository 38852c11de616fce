// A report's CSV is ready: how many rows, how long the signed link works, and the download button.
// The `export` command and a report card's Export CSV button both answer with this card.
import { noticeCard } from './notice-card';
import type { AdaptiveCard } from './render';

export interface DownloadCardContent {
  /** The report's name, e.g. "Mailbox report". */
  report: string;
  /** What the file holds, e.g. "1,204 rows". */
  rows: string;
  url: string;
  expiresAt: Date;
  now: Date;
  /** A sentence saying the file is partial, or ''. */
  partial: string;
}

export function downloadCard(c: DownloadCardContent): AdaptiveCard {
  return noticeCard({
    tone: 'good',
    title: `${c.report} (CSV)`,
    message: `${c.rows}, every column, ready for Excel. The link works for ${lifetime(c.expiresAt, c.now)}.${c.partial ? ` ${c.partial}` : ''}`,
    actions: [{ type: 'Action.OpenUrl', title: 'Download CSV', url: c.url }],
  });
}

function lifetime(expiresAt: Date, now: Date): string {
  const minutes = Math.round((expiresAt.getTime() - now.getTime()) / 60_000);
  if (minutes === 60) return 'an hour';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
