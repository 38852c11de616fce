// Scheduled reports on cards: one schedule with its next runs (and Cancel), this conversation's
// list, and the line a scheduled run puts on top of the report it posts. Everything an admin typed
// (the report's words, names) goes into TextRuns, which Teams never reads as Markdown.
import type { Message } from '../model/conversation';
import { fitCard } from './fit';
import { plainText } from './plain-text';
import { adaptiveCard, renderCard, type AdaptiveCard } from './render';
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

const run = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'TextRun', text: plainText(text, 300), ...extra });
const line = (inlines: object[], extra: Record<string, unknown> = {}) => ({ type: 'RichTextBlock', inlines, ...extra });

function card(body: object[], actions: object[] = []): AdaptiveCard {
  return adaptiveCard(body, actions.length ? actions : undefined);
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
  const body: object[] = [
    line([run(`${options.title} · schedule ${view.n}`, { size: 'Medium', weight: 'Bolder' })]),
    ...facts.map((f) => line([run(`${f.title}: `, { isSubtle: true }), run(f.value)], { spacing: 'Small' })),
  ];
  if (options.cancelled) {
    body.push(line([run(options.cancelled, { weight: 'Bolder' })]));
  } else {
    body.push(line([run('Next runs', { weight: 'Bolder' })]));
    for (const n of view.next) body.push(line([run(n, { fontType: 'Monospace' })], { spacing: 'None' }));
    if (view.suspended) body.push(line([run(view.suspended, { color: 'Warning' })]));
  }
  return card(body, options.actions);
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
  const body: object[] = [line([run(`Scheduled reports in this ${options.place}: ${views.length}`, { size: 'Medium', weight: 'Bolder' })])];
  if (views.length === 0) body.push(line([run('None yet. Example: schedule shared weekly monday at 08:00')]));
  for (const v of views.slice(0, shown)) {
    const items: object[] = [
      line([run(`${v.n}. `, { weight: 'Bolder' }), run(v.report, { weight: 'Bolder' }), run(` · ${v.when} (${v.timeZone})`)]),
      line([run('Next: ', { isSubtle: true }), run(v.next[0] ?? '—')], { spacing: 'None' }),
      line([run('Last: ', { isSubtle: true }), run(v.last ?? 'not run yet', v.lastOk === false ? { color: 'Attention' } : {})], {
        spacing: 'None',
      }),
    ];
    if (v.suspended) items.push(line([run(v.suspended, { color: 'Warning' })], { spacing: 'None' }));
    items.push(line([run(`Set up by ${v.by || 'an admin'}`, { isSubtle: true, size: 'Small' })], { spacing: 'None' }));
    items.push({ type: 'ActionSet', actions: [options.cancel(v.n)] });
    body.push({ type: 'Container', separator: true, items });
  }
  if (shown < views.length) {
    const rest = views.slice(shown).map((v) => v.n);
    body.push(
      line([
        run(`${rest.length} more not shown here (${rest.join(', ')}): schedule list all lists them all, schedule off <n> cancels one.`, {
          isSubtle: true,
        }),
      ]),
    );
  }
  return card(body, options.actions);
}

/**
 * The report a scheduled run posts, with a line on top saying which schedule, who set it up, and
 * whether it is late. It goes on top of whatever the run produced (a report, a failure card, text),
 * so the lines are a template of their own rather than a field of every report's template.
 */
export function withScheduleLine(message: Message, text: string, late?: string): Message {
  const preview = `${late ? 'Late scheduled report' : 'Scheduled report'}: ${message.text ?? ''}`.slice(0, 200);
  if (!message.card) return { text: `${text}${late ? ` ${late}` : ''}\n\n${message.text ?? ''}`.trim() };
  const lead = renderCard(scheduleLineTemplate, {
    text: plainText(text, 300),
    late: { show: Boolean(late), text: plainText(late ?? '', 300) },
  });
  return { card: { ...message.card, body: [...lead.body, ...message.card.body] }, text: preview };
}
