// Parses a card the way a client does and lists what the Adaptive Cards library objects to.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Parse problems, leaving out Teams-only chart elements that the library does not know. */
/** `tenantHasDollarBraces`: the data itself holds "${", so its presence proves nothing. */
export function cardProblems(card: object, tenantHasDollarBraces = false): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const message: string = context.getEventAt(i).message;
    if (/Unknown element type "Chart\.[A-Za-z.]+"/.test(message)) continue;
    problems.push(message);
  }
  const json = JSON.stringify(card);
  if (!tenantHasDollarBraces && json.includes('${'))
    problems.push(`unexpanded template expression near ${json.slice(json.indexOf('${') - 40, json.indexOf('${') + 40)}`);
  return problems;
}

/** Every element of a given type, anywhere in the card (fallbacks included). */
export function findAll(node: unknown, type: string, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => findAll(n, type, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === type) found.push(o);
    Object.values(o).forEach((v) => findAll(v, type, found));
  }
  return found;
}

/** The text a reader sees: every TextBlock and TextRun, joined. */
export function visibleTexts(card: object): string {
  return [...findAll(card, 'TextBlock'), ...findAll(card, 'TextRun')]
    .map((t) => String(t.text))
    .join('\n')
    .replace(/[\u200b\u2068\u2069]/g, '');
}
