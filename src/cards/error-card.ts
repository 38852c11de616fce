// Something went wrong, said in one sentence, with an optional detail line and buttons.
// Every text here is shown plain (no Markdown), because messages often quote what the user typed
// or what a service answered.
import { plainText } from './plain-text';
import { AdaptiveCard, renderCard } from './render';
import template from './templates/error.json';

export interface ErrorCardContent {
  title: string;
  message: string;
  /** A second, smaller line: the service's own words, a request id, what was typed. */
  detail?: string;
  actions?: object[];
  /** The banner's colour: a failure (default), a good outcome, or a neutral question. */
  tone?: 'attention' | 'good' | 'default';
}

export function errorCard(content: ErrorCardContent): AdaptiveCard {
  const detail = plainText(content.detail ?? '', 500);
  return renderCard(template, {
    title: plainText(content.title, 120),
    message: plainText(content.message, 500),
    hasDetail: detail !== '',
    detail,
    actions: content.actions ?? [],
    style: content.tone ?? 'attention',
  });
}
