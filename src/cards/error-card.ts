// Something went wrong, said in one sentence, with an optional detail line and buttons. Only for
// failures: a good outcome or a question is a noticeCard with its own tone.
import { noticeCard } from './notice-card';
import type { AdaptiveCard } from './render';

export interface ErrorCardContent {
  title: string;
  message: string;
  /** A second, smaller line: the service's own words, a request id, what was typed. */
  detail?: string;
  actions?: object[];
}

export function errorCard(content: ErrorCardContent): AdaptiveCard {
  return noticeCard({ ...content, tone: 'attention' });
}
