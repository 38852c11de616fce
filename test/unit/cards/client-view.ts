// Reads a card the way a client does: the adaptivecards parser (its UMD build, since the package's
// lib/ is ES modules), collecting every complaint. Teams' chart elements are unknown to this parser;
// those exact types are allowed (their fallback is parsed instead), anything else unknown is not.
import type * as ACTypes from 'adaptivecards';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC: typeof ACTypes = require('adaptivecards/dist/adaptivecards.js');

export const TEAMS_CHART_TYPES = [
  'Chart.Donut',
  'Chart.Pie',
  'Chart.Gauge',
  'Chart.VerticalBar',
  'Chart.VerticalBar.Grouped',
  'Chart.HorizontalBar',
  'Chart.HorizontalBar.Stacked',
  'Chart.Line',
];

export interface ClientView {
  card: ACTypes.AdaptiveCard;
  problems: string[];
  /** Unknown Teams chart types met (and replaced by their fallbacks). */
  charts: string[];
}

export function parseLikeAClient(json: object): ClientView {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  const charts: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    const chart = /^Unknown element type "([^"]+)"/.exec(e.message);
    if (chart && e.event === AC.ValidationEvent.UnknownElementType && TEAMS_CHART_TYPES.includes(chart[1])) {
      charts.push(chart[1]);
      continue;
    }
    problems.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  const validation = card.validateProperties();
  for (const v of validation.validationEvents) problems.push(`${AC.ValidationEvent[v.event]}: ${v.message}`);
  return { card, problems, charts };
}

/** Every piece of text a reader sees in a JSON card, in order (TextBlock, TextRun, Fact). */
export function visibleTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) visibleTexts(n, out);
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
    if (typeof o.title === 'string' && typeof o.value === 'string' && o.type === undefined) out.push(`${o.title}: ${o.value}`);
    for (const [k, v] of Object.entries(o)) if (k !== 'fallback') visibleTexts(v, out);
  }
  return out;
}

/** The text of each paragraph (TextBlock, or a RichTextBlock's runs joined). */
export function paragraphs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const n of node) paragraphs(n, out);
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    else if (o.type === 'RichTextBlock' && Array.isArray(o.inlines)) {
      out.push(o.inlines.map((r) => (typeof r === 'string' ? r : String((r as { text?: unknown }).text ?? ''))).join(''));
    } else for (const [k, v] of Object.entries(o)) if (k !== 'fallback') paragraphs(v, out);
  }
  return out;
}

/** Elements of one type anywhere in the card (fallbacks included when asked). */
export function elementsOfType(
  node: unknown,
  type: string,
  withFallbacks = false,
  out: Record<string, unknown>[] = [],
): Record<string, unknown>[] {
  if (Array.isArray(node)) {
    for (const n of node) elementsOfType(n, type, withFallbacks, out);
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === type) out.push(o);
    for (const [k, v] of Object.entries(o)) if (withFallbacks || k !== 'fallback') elementsOfType(v, type, withFallbacks, out);
  }
  return out;
}

export { AC };
