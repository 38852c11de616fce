// `history`: what the mailbox history store holds, as a FactSet (no Table), from templates/history.json.
import { formatBytes, formatCount } from '../reports/format';
import { renderCard, type AdaptiveCard } from './render';
import template from './templates/history.json';
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
  return renderCard(template, {
    facts,
    limited: { show: Boolean(c.limited), text: c.limited ? `Limited: ${c.limited}.` : '' },
    collected: { show: Boolean(c.collected), text: c.collected ?? '' },
    actions: c.actions ?? [],
  });
}
