// `history`: what the mailbox history store holds, as a FactSet (no Table).
import { formatBytes, formatCount } from '../reports/format';
import { adaptiveCard, type AdaptiveCard } from './render';
import { localDateTime } from './date-text';
import { shortDate } from '../reports/mailbox-trend';

export interface HistoryCardContent {
  days: number;
  first: string | null;
  last: string | null;
  mailboxes: number;
  storedBytes: number;
  lastCollection?: { at: string; date: string | null; outcome: string };
  limited?: string;
  /** What `history collect` just did, when it ran. */
  collected?: string;
  actions?: object[];
}

export function historyCard(c: HistoryCardContent): AdaptiveCard {
  const facts = [
    { title: 'Days', value: formatCount(c.days) },
    { title: 'From', value: c.first ? `${shortDate(c.first, c.last ?? undefined)} to ${shortDate(c.last!)}` : 'nothing stored yet' },
    { title: 'Mailboxes', value: formatCount(c.mailboxes) },
    { title: 'In storage', value: formatBytes(c.storedBytes) },
    {
      title: 'Last collection',
      value: c.lastCollection ? `${localDateTime(c.lastCollection.at)}: ${c.lastCollection.outcome}` : 'none yet',
    },
  ];
  const body: object[] = [
    { type: 'TextBlock', text: 'Mailbox history', weight: 'Bolder', size: 'Medium' },
    {
      type: 'TextBlock',
      wrap: true,
      isSubtle: true,
      text: "One day of figures per mailbox each time Microsoft 365's usage report has a new day, kept in the bot's storage.",
    },
    { type: 'FactSet', facts },
  ];
  if (c.limited) body.push({ type: 'TextBlock', wrap: true, color: 'Warning', text: `Limited: ${c.limited}.` });
  if (c.collected) body.push({ type: 'TextBlock', wrap: true, text: c.collected });
  return adaptiveCard(body, c.actions ?? []);
}
