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
  return prepared(template).expand({ $root: data }) as AdaptiveCard;
}

/**
 * `new Template()` parses every `${…}` of the template with adaptive-expressions' ANTLR parser; the
 * library prepares once so that an instance can be "bound to different data objects in a loop"
 * (its own doc comment). Parsing per render cost most of a report's CPU (fitCard renders a card
 * several times, and 50 admins at once meant 50 × that), and held up every other chat's first reply.
 */
const templates = new WeakMap<object, Template>();
function prepared(template: object): Template {
  let t = templates.get(template);
  if (!t) templates.set(template, (t = new Template(template)));
  return t;
}

export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
