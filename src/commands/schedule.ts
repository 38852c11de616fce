// `schedule <report> <when>`, `schedule list`, `schedule off <n|all>`, `schedule run <n>`: reports
// posted here on a schedule, as the runbooks did. Times are in the sender's time zone as Teams sends
// it (`tz Europe/Berlin` overrides); any schedule command lifts a suspension (the bot is evidently here).
import { scheduleCancelButton } from '../buttons/schedule-cancel';
import { scheduleCard, scheduleListCard, withScheduleLine } from '../cards/schedule-card';
import { MAX_PER_BOT, MAX_PER_CONVERSATION, parseSchedule, REPORT_USAGE, type Schedule } from '../schedules/schedule';
import { scheduleLine } from '../schedules/step';
import { scheduleView } from '../schedules/view';
import { describeRule, isTimeZone, WHEN_USAGE } from '../schedules/when';
import { errorMessage, runButton } from '../messages/replies';
import type { Command, CommandContext } from '../dispatch/types';

export const SCHEDULE_USAGE = 'schedule <report> <when> · schedule list [all] · schedule off <n|all|id> · schedule run <n>';

export const scheduleCommand: Command = {
  name: 'schedule',
  aliases: ['schedules'],
  usage: SCHEDULE_USAGE,
  summary: 'A report posted here on a schedule, in your time zone (daily, weekdays, weekly, monthly); list, cancel or run one now.',
  details:
    '`schedule list all` shows every schedule of the bot, in any chat, and `schedule off <id>` stops one of them. See [docs/schedules.md](docs/schedules.md).',
  examples: [
    'schedule shared weekly monday at 08:00',
    'schedule list',
    'schedule mailboxes shared sort size daily at 07:30 tz Europe/Berlin',
    'schedule run 1',
    'schedule off all',
    'schedule list all',
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
        return rest.length === 1 && rest[0].toLowerCase() === 'all' ? listAll(ctx) : list(ctx);
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

/** An id from `schedule list all`: its first 8 hex digits or more (a number of `schedule list` is shorter). */
const ID_PREFIX = /^[0-9a-f]{8,32}$/i;
const LIST_ALL_MAX = 50;

function placeOf(conversationType: string): string {
  return conversationType === 'channel' ? 'channel' : conversationType === 'groupChat' ? 'group chat' : 'personal chat';
}

/** Every schedule of the bot, in any conversation: what any admin can see and cancel from anywhere. */
async function listAll(ctx: CommandContext): Promise<void> {
  const all = (await ctx.services.schedules.store.all()).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (all.length === 0) {
    await ctx.reply({ text: 'There are no scheduled reports in any conversation.' });
    return;
  }
  const here = ctx.conversation.id;
  const lines = all.slice(0, LIST_ALL_MAX).map((s) => {
    const where = s.conversationId === here ? `this ${place(ctx)}, schedule ${s.n}` : placeOf(s.conversationType);
    const state = s.suspended ? ` · **suspended**: ${s.suspended.reason}` : '';
    return `- \`${s.id.slice(0, 12)}\` · ${s.report} · ${describeRule(s.rule)} (${s.timeZone}) · ${where} · set up by ${s.by.name || s.by.aadObjectId}${state}`;
  });
  const more = all.length > LIST_ALL_MAX ? `\n\n…and ${all.length - LIST_ALL_MAX} more.` : '';
  ctx.log.info('schedules listed', { scope: 'all', count: all.length });
  await ctx.reply({
    text: `${all.length} scheduled report${all.length === 1 ? '' : 's'} in all conversations. \`schedule off <id>\` cancels one from here.\n\n${lines.join('\n')}${more}`,
  });
}

/** `schedule off <id>`: any admin cancels a schedule of any conversation by the id `schedule list all` shows. */
async function offById(ctx: CommandContext, prefix: string): Promise<void> {
  const id = prefix.toLowerCase();
  const matching = (await ctx.services.schedules.store.all()).filter((s) => s.id.startsWith(id));
  if (matching.length !== 1) {
    await ctx.reply({
      text: matching.length
        ? `\`${id}\` names ${matching.length} schedules; give more of its id (\`schedule list all\`).`
        : `No schedule has the id \`${id}\`. \`schedule list all\` shows them.`,
    });
    return;
  }
  const removed = await ctx.services.schedules.store.remove(undefined, (s) => s.id === matching[0].id);
  ctx.log.info('schedules cancelled', { count: removed.length, scope: 'any conversation' });
  const s = removed[0];
  await ctx.reply({
    text: s
      ? `Cancelled schedule \`${s.id.slice(0, 12)}\` (${s.report}, ${describeRule(s.rule)}, in a ${placeOf(s.conversationType)}, set up by ${s.by.name || s.by.aadObjectId}). It will not run again.`
      : 'Nothing to cancel: it was cancelled meanwhile.',
  });
}

async function off(ctx: CommandContext, words: string[]): Promise<void> {
  if (words.length === 1 && ID_PREFIX.test(words[0])) return offById(ctx, words[0]);
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
    if (made.message) await outbox.send(withScheduleLine(made.message, `${scheduleLine(s)} · ${by}`));
    else await outbox.send(errorMessage(`Schedule ${s.n} did not run`, made.failure ?? 'the report failed'));
  });
}
