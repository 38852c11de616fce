// The immediate answer to a long report ("Reading 10,000 mailboxes…"), updated in place as it goes.
import { formatCount } from '../reports/format';
import { plainText } from './plain-text';
import { AdaptiveCard, renderCard } from './render';
import template from './templates/progress.json';
import { textBar } from './text-bar';

export interface ProgressCardContent {
  title: string;
  /** What is being read, plural: "mailboxes", "licences". */
  noun: string;
  done: number;
  /** null while the total is not known yet. */
  total: number | null;
  /** A short aside, e.g. "Exchange asked me to slow down; continuing in 10 s." */
  note?: string;
  actions?: object[];
}

export function progressStatus(noun: string, done: number, total: number | null): string {
  if (total !== null && done <= 0) return `Reading ${formatCount(total)} ${noun}…`;
  if (total === null) return done > 0 ? `Reading ${noun}… ${formatCount(done)} so far` : `Reading ${noun}…`;
  return `Reading ${noun}… ${formatCount(Math.min(done, total))} of ${formatCount(total)}`;
}

/**
 * The card's own status line, under a title that already says what is going on ("Reading
 * mailboxes…"): only the count, so the card does not say "Reading" twice.
 */
function countLine(noun: string, done: number, total: number | null): string {
  // Nothing counted yet: the title alone says what is happening.
  if (total === null) return done > 0 ? `${formatCount(done)} ${noun} read so far` : '';
  if (done <= 0) return `${formatCount(total)} ${noun} to read`;
  return `${formatCount(Math.min(done, total))} of ${formatCount(total)} ${noun} read`;
}

/** The id of the progress card's title: what tells a card still at work from an answer, in any words. */
const PROGRESS_TITLE_ID = 'progress';

/** Whether a card is a progress card (the answer is still coming), for whatever reads cards back. */
export function isProgressCard(card: unknown): boolean {
  const body = (card as { body?: unknown } | null | undefined)?.body;
  return Array.isArray(body) && body.some((e) => (e as { id?: unknown } | null)?.id === PROGRESS_TITLE_ID);
}

export function progressCard(content: ProgressCardContent): AdaptiveCard {
  const { done, total } = content;
  const percent = total && total > 0 ? Math.min(100, (done / total) * 100) : 0;
  const note = plainText(content.note ?? '', 200);
  const status = countLine(content.noun, done, total);
  return renderCard(template, {
    titleId: PROGRESS_TITLE_ID,
    title: content.title,
    status,
    hasStatus: status !== '',
    hasBar: total !== null && total > 0,
    bar: `${textBar(percent, 20)} ${Math.floor(percent)}%`,
    hasNote: note !== '',
    note,
    actions: content.actions ?? [],
  });
}
