// Scheduled reports on cards: one schedule with its next runs (and Cancel), this conversation's
// list, and the line a scheduled run puts on top of the report it posts. Everything an admin typed
// (the report's words, names) goes into TextRuns, which Teams never reads as Markdown.
import type { Message } from '../model/conversation';
import { fitCard } from './fit';
import { plainText } from './plain-text';
import { renderCard, type AdaptiveCard } from './render';
import scheduleListTemplate from './templates/schedule-list.json';
import scheduleTemplate from './templates/schedule.json';
import scheduleLineTemplate from './templates/schedule-line.json';

export interface ScheduleView {
  n: number;
  report: string;
  when: string;
  timeZone: string;
  by: string;
  /** The next runs, already worded in the schedule's zone. */
  next: string[];
  /** What the last run did, worded. */
  last?: string;
  lastOk?: boolean;
  suspended?: string;
}

/** Everything an admin typed goes into TextRuns, plain. */
const plain = (value: string) => plainText(value, 300);
const optionalLine = (value: string | undefined) => ({ show: Boolean(value), text: plain(value ?? '') });

/** A template's card without an `actions` key when there are none, as Teams shows no empty action bar. */
function card(template: object, data: object, actions: object[] = []): AdaptiveCard {
  const rendered = renderCard(template, { ...data, actions });
  if (actions.length === 0) delete (rendered as { actions?: unknown }).actions;
  return rendered;
}

/** The answer to `schedule …`: what runs when, the next three runs, and Cancel. */
export function scheduleCard(
  view: ScheduleView,
  options: { title: string; actions?: object[]; cancelled?: string } = { title: 'Scheduled' },
): AdaptiveCard {
  const facts = [
    { title: 'Report', value: view.report },
    { title: 'When', value: view.when },
    { title: 'Time zone', value: view.timeZone },
    { title: 'Set up by', value: view.by || 'an admin' },
  ];
  const data = {
    heading: plain(`${options.title} · schedule ${view.n}`),
    facts: facts.map((f) => ({ label: plain(`${f.title}: `), value: plain(f.value) })),
    cancelled: optionalLine(options.cancelled),
    next: options.cancelled ? [] : view.next.map(plain),
    suspended: optionalLine(options.cancelled ? undefined : view.suspended),
  };
  return card(scheduleTemplate, data, options.actions);
}

/**
 * `schedule list`: each schedule with its next run and last result, and its own Cancel. Twenty
 * schedules with long filters, names and failures outgrow a Teams message: those that fit are
 * listed, and the card says how many more there are and where to see them.
 */
export function scheduleListCard(
  views: ScheduleView[],
  options: { place: string; cancel: (n: number) => object; actions?: object[] },
): AdaptiveCard {
  return fitCard((n) => scheduleListOf(views, n, options), views.length).card;
}

function scheduleListOf(
  views: ScheduleView[],
  shown: number,
  options: { place: string; cancel: (n: number) => object; actions?: object[] },
): AdaptiveCard {
  const rest = views.slice(shown).map((v) => v.n);
  const data = {
    heading: plain(`Scheduled reports in this ${options.place}: ${views.length}`),
    empty: views.length === 0,
    rows: views.slice(0, shown).map((v) => ({
      number: plain(`${v.n}. `),
      report: plain(v.report),
      when: plain(` · ${v.when} (${v.timeZone})`),
      next: plain(v.next[0] ?? '—'),
      last: plain(v.last ?? 'not run yet'),
      lastFailed: v.lastOk === false,
      suspended: optionalLine(v.suspended),
      by: plain(`Set up by ${v.by || 'an admin'}`),
      cancel: options.cancel(v.n),
    })),
    more: optionalLine(
      rest.length > 0
        ? `${rest.length} more not shown here (${rest.join(', ')}): schedule list all lists them all, schedule off <n> cancels one.`
        : undefined,
    ),
  };
  return card(scheduleListTemplate, data, options.actions);
}

/**
 * The report a scheduled run posts, with a line on top saying which schedule, who set it up, and
 * whether it is late. It goes on top of whatever the run produced (a report, a failure card, text),
 * so the lines are a template of their own rather than a field of every report's template.
 */
export function withScheduleLine(message: Message, text: string, late?: string): Message {
  const preview = `${late ? 'Late scheduled report' : 'Scheduled report'}: ${message.text ?? ''}`.slice(0, 200);
  if (!message.card) return { text: `${text}${late ? ` ${late}` : ''}\n\n${message.text ?? ''}`.trim() };
  const lead = renderCard(scheduleLineTemplate, { text: plain(text), late: optionalLine(late) });
  return { card: { ...message.card, body: [...lead.body, ...message.card.body] }, text: preview };
}
