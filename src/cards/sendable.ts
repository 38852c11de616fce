// A card as Teams receives it: every Action.Execute carries an Action.Submit fallback, and the size
// that counts is the whole activity around it, not the card alone.
//
// Universal Actions: "always include an Action.Submit fallback" for clients that predate
// Action.Execute (learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards).
// The fallback carries the same verb and data; it arrives as a message whose value the bot routes
// exactly like the invoke (teams/bot.ts handleMessage).

/**
 * The size every Teams client and path accepts for one message, counted over the activity as sent
 * (card, attachment wrapper, conversation, sender, recipient, service URL), in UTF-8 bytes.
 * 28 KB is the smallest figure Microsoft has published: "The message size limit is 28 KB"
 * (learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using, and
 * UiPath's Teams connector: over ~28 KB fails "Request Entity too large"). The bot page
 * (learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages) has said 40 KB
 * and now says 100 KB counted in UTF-16, 80 KB recommended: 28 KB of UTF-8 is at most 56 KB of
 * UTF-16, under both the current figure and its recommendation.
 */
export const TEAMS_MESSAGE_LIMIT = 28 * 1024;

/**
 * Room left for what the bot and the Bot Framework put around the card. A channel reply with
 * Teams' longest ids (a 19:…@thread.tacv2;messageid=… conversation, 29:… user ids, an AAD object id,
 * a regional service URL with the tenant id, a summary) measures 959 bytes at most
 * (test/unit/cards/every-card-at-scale.test.ts prints it); 2 KB leaves a margin for ids longer
 * than those seen.
 */
export const ENVELOPE_ALLOWANCE = 2 * 1024;

/** The most a card may weigh with its fallbacks, so that the activity stays under TEAMS_MESSAGE_LIMIT. */
export const CARD_BYTE_LIMIT = TEAMS_MESSAGE_LIMIT - ENVELOPE_ALLOWANCE;

interface Execute {
  type: 'Action.Execute';
  title?: string;
  verb?: string;
  data?: unknown;
  style?: string;
  fallback?: unknown;
}

/** The Action.Submit a client without Universal Actions runs instead of `action`. */
function submitFor(action: Execute): Record<string, unknown> {
  return {
    type: 'Action.Submit',
    ...(action.title !== undefined ? { title: action.title } : {}),
    data: { verb: action.verb, data: action.data ?? {} },
    ...(action.style ? { style: action.style } : {}),
  };
}

/**
 * A copy of the card where every Action.Execute has an Action.Submit fallback. A row click
 * (`selectAction`) cannot carry a fallback, so there the Action.Execute becomes the Action.Submit
 * itself: every client runs it, and the answer comes as a new message under the card.
 */
export function withSubmitFallbacks<T extends object>(card: T): T {
  const copy = JSON.parse(JSON.stringify(card)) as T;
  const walk = (node: any): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.selectAction?.type === 'Action.Execute') node.selectAction = submitFor(node.selectAction);
    if (node.type === 'Action.Execute' && node.fallback === undefined) node.fallback = submitFor(node);
    for (const [k, v] of Object.entries(node)) if (k !== 'fallback') walk(v);
  };
  walk(copy);
  return copy;
}

export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** What the card weighs as sent: with its fallbacks. */
export function sentCardBytes(card: object): number {
  return cardBytes(withSubmitFallbacks(card));
}
