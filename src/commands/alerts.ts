// `alerts on|off|status|check`: this conversation's proactive alerts. `on` takes the kinds and
// thresholds (`alerts on quota 95 pools 3`); `check` runs a check cycle for this conversation now.
import { ALERTS_ON_USAGE, describeSettings, parseAlertSettings } from '../reports/alerts/settings';
import { isOpen } from '../reports/alerts/ledger-plan';
import { subscriptionId } from '../state/subscriptions';
import { errorMessage } from '../messages/replies';
import type { Command, CommandContext } from '../dispatch/types';

export const ALERTS_USAGE = 'alerts [on|off|status|check] · alerts list all · alerts off <id>';

export const alertsCommand: Command = {
  name: 'alerts',
  aliases: ['alert'],
  usage: ALERTS_USAGE,
  summary: 'Alerts in this conversation: subscribe, stop, show the settings, or run the checks now.',
  details:
    'Proactive alerts posted here on their own; `alerts on quota 95 pools 3` sets thresholds. `alerts list all` shows every conversation with alerts, and `alerts off <id>` stops one of them from here (see [docs/alerts.md](docs/alerts.md)).',
  examples: ['alerts on', 'alerts status', 'alerts on quota 95 pools 3', 'alerts check', 'alerts off', 'alerts list all'],
  run: async (ctx) => {
    const [word = 'status', ...rest] = ctx.args.split(' ').filter(Boolean);
    switch (word.toLowerCase()) {
      case 'on':
        return turnOn(ctx, rest.join(' '));
      case 'off':
        return rest.length === 1 && ID.test(rest[0]) ? offById(ctx, rest[0]) : turnOff(ctx);
      case 'list':
        return listAll(ctx);
      case 'status':
        return status(ctx);
      case 'check':
        return check(ctx);
      default:
        await ctx.reply(
          errorMessage(
            "I couldn't read that",
            `"${word.slice(0, 30)}" is not one of on, off, status, check, list.`,
            undefined,
            `Usage: ${ALERTS_USAGE} · ${ALERTS_ON_USAGE}`,
          ),
        );
    }
  },
};

async function turnOn(ctx: CommandContext, words: string): Promise<void> {
  const parsed = parseAlertSettings(words);
  if (!parsed.ok) {
    await ctx.reply(errorMessage("I couldn't read that", parsed.message, undefined, `Usage: ${ALERTS_ON_USAGE}`));
    return;
  }
  const { subscriptions } = ctx.services.alerts;
  await subscriptions.subscribe({
    conversationId: ctx.conversation.id,
    conversationType: ctx.conversation.type,
    settings: parsed.settings,
    since: ctx.now().toISOString(),
    by: { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name },
  });
  ctx.log.info('alerts on', { conversationType: ctx.conversation.type, kinds: parsed.settings.kinds.join(',') });
  await ctx.reply({
    text: `Alerts are on in this ${place(ctx)}: ${describeSettings(parsed.settings)}. ${every(ctx)} Type \`alerts check\` to check now, \`alerts off\` to stop.`,
  });
}

/** An id from `alerts list all` (the first hex digits of the conversation's key). */
const ID = /^[0-9a-f]{8,12}$/i;
const LIST_ALL_MAX = 50;

function placeOf(conversationType: string): string {
  return conversationType === 'channel' ? 'channel' : conversationType === 'groupChat' ? 'group chat' : 'personal chat';
}

/** Every conversation with alerts: what any admin can see, and stop, from any chat. */
async function listAll(ctx: CommandContext): Promise<void> {
  const all = (await ctx.services.alerts.subscriptions.all()).sort((a, b) => a.since.localeCompare(b.since));
  if (all.length === 0) {
    await ctx.reply({ text: 'Alerts are not on in any conversation.' });
    return;
  }
  const lines = all.slice(0, LIST_ALL_MAX).map((s) => {
    const where = s.conversationId === ctx.conversation.id ? `this ${place(ctx)}` : placeOf(s.conversationType);
    const state = s.suspended ? ` · **suspended**: ${s.suspended.reason}` : '';
    return `- \`${subscriptionId(s.conversationId)}\` · ${where} · on since ${s.since.slice(0, 10)} by ${s.by.name || s.by.aadObjectId} · ${s.settings.kinds.join(', ')}${state}`;
  });
  const more = all.length > LIST_ALL_MAX ? `\n\n…and ${all.length - LIST_ALL_MAX} more.` : '';
  ctx.log.info('alert subscriptions listed', { count: all.length });
  await ctx.reply({
    text: `Alerts are on in ${all.length} conversation${all.length === 1 ? '' : 's'}. \`alerts off <id>\` stops them from here.\n\n${lines.join('\n')}${more}`,
  });
}

async function offById(ctx: CommandContext, id: string): Promise<void> {
  const wanted = id.toLowerCase();
  const removed = await ctx.services.alerts.subscriptions.removeWhere((s) => subscriptionId(s.conversationId).startsWith(wanted));
  ctx.log.info('alerts off', { scope: 'any conversation', count: removed.length });
  await ctx.reply({
    text: removed.length
      ? `Alerts are off in ${removed.length === 1 ? `that ${placeOf(removed[0].conversationType)}` : `${removed.length} conversations`} (\`${wanted}\`, turned on by ${removed.map((s) => s.by.name || s.by.aadObjectId).join(', ')}).`
      : `No conversation with alerts has the id \`${wanted}\`. \`alerts list all\` shows them.`,
  });
}

async function turnOff(ctx: CommandContext): Promise<void> {
  const had = await ctx.services.alerts.subscriptions.unsubscribe(ctx.conversation.id);
  ctx.log.info('alerts off', { conversationType: ctx.conversation.type, wasOn: had });
  await ctx.reply({
    text: had ? `Alerts are off in this ${place(ctx)}. \`alerts on\` turns them on again.` : `Alerts were not on in this ${place(ctx)}.`,
  });
}

/**
 * How long `alerts status` waits for storage. The storage client retries for about 16 s when the
 * account is down, past Teams' 15 s for a turn; every other command answers at once, so this one says
 * it cannot read instead.
 */
export const STATUS_STORAGE_WAIT_MS = 3_000;

class StorageTooSlow extends Error {}

function withinStorageWait<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StorageTooSlow()), STATUS_STORAGE_WAIT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function status(ctx: CommandContext): Promise<void> {
  try {
    await statusWithin(ctx);
  } catch (err) {
    ctx.log.warn('alerts status: storage did not answer', { err: err as Error });
    await ctx.reply(
      errorMessage(
        "I can't read my storage right now",
        'So I cannot say whether alerts are on here. Nothing has changed: alerts already on keep being checked once storage answers. Try `alerts status` again in a minute.',
        'alerts status',
      ),
    );
  }
}

async function statusWithin(ctx: CommandContext): Promise<void> {
  const { subscriptions, ledger } = ctx.services.alerts;
  const s = await withinStorageWait(subscriptions.get(ctx.conversation.id));
  if (!s) {
    await ctx.reply({
      text: `Alerts are off in this ${place(ctx)}. \`alerts on\` posts here when a shared mailbox needs a licence, a mailbox nears its quota or a licence pool runs out.`,
    });
    return;
  }
  const entries = Object.values((await withinStorageWait(ledger.read(ctx.conversation.id))).ledger).filter((e) => isOpen(e) && e.lastSent);
  const now = ctx.now().getTime();
  const acknowledged = entries.filter((e) => e.acknowledged).length;
  const snoozed = entries.filter((e) => !e.acknowledged && e.snoozedUntil && Date.parse(e.snoozedUntil) > now).length;
  const head = s.suspended
    ? `Alerts are suspended in this ${place(ctx)} since ${s.suspended.at.slice(0, 16).replace('T', ' ')} UTC: ${s.suspended.reason}`
    : `Alerts are on in this ${place(ctx)} (since ${s.since.slice(0, 10)}${s.by.name ? `, by ${s.by.name}` : ''}): ${describeSettings(s.settings)}.`;
  const open = `Open alerts: ${entries.length}${entries.length ? ` (${acknowledged} acknowledged, ${snoozed} snoozed)` : ''}.`;
  await ctx.reply({ text: `${head} ${open} ${every(ctx)}` });
}

async function check(ctx: CommandContext): Promise<void> {
  const s = await ctx.services.alerts.subscriptions.get(ctx.conversation.id);
  if (!s || s.suspended) {
    await ctx.reply({ text: `Alerts are ${s ? 'suspended' : 'off'} in this ${place(ctx)}: type \`alerts on\` first.` });
    return;
  }
  await ctx.reply({ text: 'Checking the tenant now; alerts follow here.' });
  ctx.later(async (outbox) => {
    const report = await ctx.services.alerts.runCycle({ only: ctx.conversation.id });
    let text: string;
    if (!report.ran) text = 'A check is already running (perhaps in another instance of me); its alerts arrive here shortly.';
    else if (report.suspended) text = 'Teams refused my messages here, so alerts are suspended.';
    else if (report.failed) text = 'Some alerts could not be delivered; the next check tries again.';
    else if (report.messages === 0) text = 'Checked: nothing new since the last alerts here.';
    else
      text = `Checked: ${plural(report.alerts, 'new alert')}, ${plural(report.reminders, 'reminder')}, ${plural(report.resolved, 'resolved notice')}.`;
    await outbox.send({ text });
  });
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function place(ctx: CommandContext): string {
  return ctx.conversation.type === 'channel' ? 'channel' : ctx.conversation.type === 'groupChat' ? 'group chat' : 'chat';
}

function every(ctx: CommandContext): string {
  const minutes = ctx.services.config.alertIntervalMinutes;
  return minutes > 0
    ? `I check every ${minutes} minute${minutes === 1 ? '' : 's'}.`
    : 'Checks run when the scheduler calls me or on `alerts check`.';
}
