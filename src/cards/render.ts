import { Template } from 'adaptivecards-templating';
import type { AdaptiveCard } from '../model/conversation';

export type { AdaptiveCard };

/**
 * Teams refuses large messages; 28 KB is the safe figure every client accepts. Cards are fitted to
 * 26 KB so that teams/ can add Action.Submit fallbacks to their buttons and stay under 28 KB.
 */
export const CARD_BYTE_LIMIT = 26 * 1024;

/**
 * Expands a template with data. adaptivecards-templating evaluates expressions in the template only,
 * never inside data values, so tenant text cannot run as an expression; `plainText` (./plain-text.ts) and
 * TextRun-only placement still have to stop Teams from reading it as Markdown or as a {{DATE()}} function.
 */
export function renderCard(template: object, data: object): AdaptiveCard {
  return new Template(template).expand({ $root: data }) as AdaptiveCard;
}

export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
