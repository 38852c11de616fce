// Teams clients that predate Universal Actions do not know Action.Execute. Each button gets an
// Action.Submit fallback carrying the same verb and data; it arrives as a message whose value the
// bot routes exactly like the invoke (see TeamsBot.handleMessage).
/** What Teams accepts; cards are fitted 2 KB below it (CARD_BYTE_LIMIT) to leave room for these. */
export const TEAMS_MESSAGE_LIMIT = 28 * 1024;

export function withSubmitFallbacks<T extends object>(card: T): T {
  const copy = JSON.parse(JSON.stringify(card)) as T;
  const walk = (node: any, inSelectAction: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inSelectAction));
    if (!node || typeof node !== 'object') return;
    if (node.type === 'Action.Execute' && !inSelectAction && node.fallback === undefined) {
      node.fallback = { type: 'Action.Submit', title: node.title, data: { verb: node.verb, data: node.data ?? {} } };
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'fallback') walk(v, inSelectAction || k === 'selectAction');
  };
  walk(copy, false);
  // A card already at the limit keeps only Action.Execute rather than grow past what Teams accepts.
  return Buffer.byteLength(JSON.stringify(copy)) <= TEAMS_MESSAGE_LIMIT ? copy : card;
}
