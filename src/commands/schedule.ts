// `schedule <report> <when>`, `schedule list`, `schedule off <n|all>`, `schedule run <n>`: reports
// posted here on a schedule, as the runbooks did. Times are in the sender's time zone as Teams sends
// it (`tz Europe/Berlin` overrides); any schedule command lifts a suspension (the bot is evidently here).
import { scheduleCancelButton } from '../buttons/schedule-cancel';
import { scheduleCard, scheduleListCard, withScheduleLine } from '../cards/schedule-card';
import { MAX_PER_BOT, MAX_PER_CONVERSATION, parseSchedule, REPORT_USAGE, type Schedule } from '../schedules/schedule';
import { scheduleLine } from '../schedules/step';
import { scheduleView } from '../schedules/view';
import { isTimeZone, WHEN_USAGE } from '../schedules/when';
import { errorMessage, runButton } from './replies';
import type { Command, CommandContext } from './types';

export const SCHEDULE_USAGE = 'schedule <report> <when> · schedule list · schedule off <n|all> · schedule run <n>';

export const scheduleCommand: Command = {
  name: 'schedule',
  aliases: ['schedules'],
  usage: SCHEDULE_USAGE,
  summary: 'A report posted here on a schedule, in your time zone (daily, weekdays, weekly, monthly); list, cancel or run one now.',
  details: 'See [docs/schedules.md](docs/schedules.md).',
  examples: [
    'schedule shared weekly monday at 08:00',
    'schedule list',
    'schedule mailboxes shared sort size daily at 07:30 tz Europe/Berlin',
    'schedule run 1',
    'schedule off all',
  ],
  run: async (ctx) => {
    const [word = 'list', ...rest] = ctx.args.split(' ').filter(Boolean);
    const resumed = await ctx.services.schedules.store.resume(ctx.conversation.id);
    if (resumed) {
      ctx.log.info('scheduled reports resumed', { conversationType: ctx.conversation.type });
      await ctx.reply({ text: 'Scheduled reports here were suspended (Teams had refused my messages); they run again from now.' });
    }
    switch (word.toLowerCase()) {
      case 'list':
        return list(ctx);
      case 'off':
      case 'cancel':
      case 'delete':
        return off(ctx, rest);
      case 'run':
        return runNow(ctx, rest);
      default:
        return create(ctx);
    }
  },
};

function place(ctx: CommandContext): string {
  return ctx.conversation.type === 'channel' ? 'channel' : ctx.conversation.type === 'groupChat' ? 'group chat' : 'chat';
}

const usageLine = `Usage: ${SCHEDULE_USAGE}. Reports: ${REPORT_USAGE}. When: ${WHEN_USAGE}.`;

async function create(ctx: CommandContext): Promise<void> {
  const parsed = parseSchedule(ctx.args);
  if (!parsed.ok) {
    await ctx.reply(errorMessage("I couldn't read that schedule", parsed.message, undefined, usageLine));
    return;
  }
  const sent = ctx.caller.timeZone && isTimeZone(ctx.caller.timeZone) ? ctx.caller.timeZone : undefined;
  const timeZone = parsed.timeZone ?? sent ?? 'UTC';
  const now = ctx.now();
  const added = await ctx.services.schedules.store.add({
    conversationId: ctx.conversation.id,
    conversationType: ctx.conversation.type,
    report: parsed.report,
    rule: parsed.rule,
    timeZone,
    createdAt: now.toISOString(),
    by: { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name },
  });
  if (!added.ok) {
    const why =
      added.limit === 'conversation'
        ? `This ${place(ctx)} has ${MAX_PER_CONVERSATION} schedules, the most one conversation may have. \`schedule off <n>\` frees one.`
        : `I run ${MAX_PER_BOT.toLocaleString('en-US')} schedules across all conversations, the most I take on. Cancel some first (\`schedule list\` in each conversation).`;
    ctx.log.warn('schedule refused', { limit: added.limit });
    await ctx.reply(errorMessage('No room for another schedule', why));
    return;
  }
  const s = added.schedule;
  ctx.log.info('schedule created', {
    n: s.n,
    report: s.report.split(' ').slice(0, 2).join(' '),
    frequency: s.rule.frequency,
    zoneFrom: parsed.timeZone ? 'tz' : sent ? 'teams' : 'default',
  });
  const view = scheduleView(s, undefined, now);
  const zoneNote =
    parsed.timeZone || sent ? '' : ' Teams did not say your time zone, so times are UTC; add `tz Europe/Berlin` (or yours) to change it.';
  await ctx.reply({
    card: scheduleCard(view, {
      title: 'Scheduled',
      actions: [scheduleCancelButton.button('Cancel', { schedule: s.id }), runButton('All schedules', 'schedule list')],
    }),
    text: `Scheduled ${s.n}: ${s.report}, ${view.when} (${s.timeZone}). Each run is posted here ${ctx.services.schedules.punctuality()}.${zoneNote}`.slice(
      0,
      400,
    ),
  });
}

async function list(ctx: CommandContext): Promise<void> {
  const { store, runs } = ctx.services.schedules;
  const schedules = await store.inConversation(ctx.conversation.id);
  const ledger = schedules.length ? (await runs.read(ctx.conversation.id)).runs : {};
  const now = ctx.now();
  const views = schedules.map((s) => scheduleView(s, ledger[s.id], now));
  const failing = views.filter((v) => v.lastOk === false).length;
  await ctx.reply({
    card: scheduleListCard(views, {
      place: place(ctx),
      cancel: (n) => scheduleCancelButton.button(`Cancel ${n}`, { schedule: schedules.find((s) => s.n === n)!.id }),
    }),
    text: `${schedules.length} scheduled report${schedules.length === 1 ? '' : 's'} here${failing ? `, ${failing} failing` : ''}`,
  });
}

/** The schedules `words` name: a number of this conversation's list, or `all`. */
async function pick(ctx: CommandContext, words: string[], verb: string): Promise<{ schedules: Schedule[]; all: boolean } | undefined> {
  const [what = ''] = words;
  const all = what.toLowerCase() === 'all' && verb === 'off';
  const n = Number(what.replace(/^#/, ''));
  if (words.length !== 1 || (!all && !(Number.isInteger(n) && n > 0))) {
    await ctx.reply(
      errorMessage(
        "I couldn't read that",
        `Say which schedule: \`schedule ${verb} <n>\`${verb === 'off' ? ' or `schedule off all`' : ''}, with n from \`schedule list\`.`,
      ),
    );
    return undefined;
  }
  const schedules = (await ctx.services.schedules.store.inConversation(ctx.conversation.id)).filter((s) => all || s.n === n);
  if (schedules.length === 0) {
    await ctx.reply({
      text: all
        ? `There are no schedules in this ${place(ctx)}.`
        : `There is no schedule ${n} in this ${place(ctx)}. \`schedule list\` shows them.`,
    });
    return undefined;
  }
  return { schedules, all };
}

async function off(ctx: CommandContext, words: string[]): Promise<void> {
  const chosen = await pick(ctx, words, 'off');
  if (!chosen) return;
  const ids = new Set(chosen.schedules.map((s) => s.id));
  const removed = await ctx.services.schedules.store.remove(ctx.conversation.id, (s) => ids.has(s.id));
  ctx.log.info('schedules cancelled', { count: removed.length });
  const names = removed.map((s) => `${s.n} (${s.report})`).join(', ');
  await ctx.reply({
    text: removed.length
      ? `Cancelled ${removed.length === 1 ? 'schedule' : 'schedules'} ${names}. They will not run again.`
      : 'Nothing to cancel: it was cancelled meanwhile.',
  });
}

async function runNow(ctx: CommandContext, words: string[]): Promise<void> {
  const chosen = await pick(ctx, words, 'run');
  if (!chosen) return;
  const s = chosen.schedules[0];
  await ctx.reply({ text: `Running schedule ${s.n} now: ${s.report}. The report follows here.` });
  ctx.log.info('schedule run now', { n: s.n });
  ctx.later(async (outbox) => {
    const made = await ctx.services.schedules.runNow(s, ctx.caller);
    const by = `run now by ${ctx.caller.name || 'an admin'}`;
    for (const m of made.messages) await outbox.send(withScheduleLine(m, `${scheduleLine(s)} · ${by}`));
    if (made.messages.length === 0) await outbox.send(errorMessage(`Schedule ${s.n} did not run`, made.failure ?? 'the report failed'));
  });
}
