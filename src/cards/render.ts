import { Template } from 'adaptivecards-templating';
import type { AdaptiveCard } from '../model/conversation';

export type { AdaptiveCard };

export { CARD_BYTE_LIMIT, cardBytes, sentCardBytes } from './sendable';

/**
 * The envelope of a card built in code rather than from a template (the same schema and version the
 * templates declare): `extra` carries card-level fields such as `msteams`.
 */
export function adaptiveCard(body: object[], actions?: object[], extra: object = {}): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...extra,
    body,
    ...(actions ? { actions } : {}),
  } as AdaptiveCard;
}

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
