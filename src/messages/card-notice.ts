// A warning line under a report card's title: what the report could not read, so nobody mistakes a
// partial answer for a complete one.
import { plainText } from '../cards/plain-text';
import type { AdaptiveCard } from '../cards/render';

/** Title and "As of" (or address) line come first in every report card; the notice goes right after them. */
const AFTER_HEADER = 2;

/** The text may quote a service's error message, so it goes in a TextRun, which Teams never reads as Markdown. */
export function withNotice(card: AdaptiveCard, text: string): AdaptiveCard {
  const notice = {
    type: 'RichTextBlock',
    spacing: 'Small',
    inlines: [{ type: 'TextRun', text: plainText(text, 400), color: 'Warning', weight: 'Bolder' }],
  };
  return { ...card, body: [...card.body.slice(0, AFTER_HEADER), notice, ...card.body.slice(AFTER_HEADER)] };
}

/** Where the figures come from, under the header in plain small text; the card unchanged when there is nothing to say. */
export function withFiguresLine(card: AdaptiveCard, text: string): AdaptiveCard {
  if (!text) return card;
  const line = { type: 'TextBlock', text: plainText(text, 600), size: 'Small', spacing: 'None', wrap: true };
  return { ...card, body: [...card.body.slice(0, AFTER_HEADER), line, ...card.body.slice(AFTER_HEADER)] };
}

/** "Partial: statistics could not be read for 3 of 40 shared mailboxes.", or '' when none are missing. */
export function missingStatistics(mailboxes: { statistics: unknown }[], noun: string): string {
  const missing = mailboxes.filter((m) => m.statistics === null).length;
  return missing === 0 ? '' : `Partial: statistics could not be read for ${missing} of ${mailboxes.length} ${noun}.`;
}
