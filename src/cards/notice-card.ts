// A short card with a coloured banner: a title, one sentence, an optional detail line and buttons.
// errorCard (failures), downloadCard (a CSV is ready) and questions ("Which one?") are all made here.
// Every text is shown plain (no Markdown): messages often quote what the user typed or what a
// service answered.
import { plainText } from './plain-text';
import { AdaptiveCard, renderCard } from './render';
import template from './templates/notice.json';

export interface NoticeCardContent {
  title: string;
  message: string;
  /** A second, smaller line: the service's own words, a request id, what was typed. */
  detail?: string;
  actions?: object[];
  /** The banner's colour: a failure, a good outcome, or a neutral question. */
  tone: 'attention' | 'good' | 'default';
}

export function noticeCard(content: NoticeCardContent): AdaptiveCard {
  const detail = plainText(content.detail ?? '', 500);
  return renderCard(template, {
    title: plainText(content.title, 120),
    message: plainText(content.message, 500),
    hasDetail: detail !== '',
    detail,
    actions: content.actions ?? [],
    style: content.tone,
  });
}
