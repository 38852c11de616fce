// Makes a report without a Teams turn: the report's own chat command runs with a context whose
// replies and outbox are captured instead of sent, and the last version of each message it would
// have posted (the progress card, updated into the report) is what a scheduled run posts. So a
// scheduled `shared` is exactly what typing `shared` gives, with no second copy of any report.
import type { AdaptiveCard } from '../cards/render';
import type { Command, CommandContext, Message, MessageRef, Outbox, TurnBaseContext } from '../dispatch/types';
import type { ReportRun } from '../schedules/step';

export type { ReportRun };

/** The stock failure reply (commands/replies errorMessage): a card whose banner has the attention style. */
export function isFailureMessage(message: Message): boolean {
  const first = (message.card as AdaptiveCard | undefined)?.body?.[0] as { type?: string; style?: string } | undefined;
  return first?.type === 'Container' && first.style === 'attention';
}

/** Finds the command a report text starts with. */
export type CommandLookup = (text: string) => { command: Command; args: string } | undefined;

export function commandLookup(commands: readonly Command[]): CommandLookup {
  const byName = new Map<string, Command>();
  for (const c of commands) for (const n of [c.name, ...(c.aliases ?? [])]) byName.set(n.toLowerCase(), c);
  return (text) => {
    const [word = '', ...rest] = text.split(' ');
    const command = byName.get(word.toLowerCase());
    return command ? { command, args: rest.join(' ').trim() } : undefined;
  };
}

export async function runReportCommand(lookup: CommandLookup, text: string, base: Omit<TurnBaseContext, 'later'>): Promise<ReportRun> {
  const found = lookup(text);
  if (!found) return { messages: [], failed: true, failure: `"${text.slice(0, 40)}" is not a command of this version of the bot.` };
  const order: string[] = [];
  const latest = new Map<string, Message>();
  const post = (message: Message): MessageRef => {
    const id = `m${order.length + 1}`;
    order.push(id);
    latest.set(id, message);
    return { id };
  };
  const outbox: Outbox = {
    send: async (message) => post(message),
    update: async (ref, message) => {
      if (latest.has(ref.id)) latest.set(ref.id, message);
    },
  };
  const work: Promise<void>[] = [];
  let thrown: unknown;
  const ctx: CommandContext = {
    ...base,
    args: found.args,
    reply: async (message) => post(message),
    later: (job) => work.push(job(outbox).catch((err) => void (thrown ??= err))),
  };
  await found.command.run(ctx);
  // Work may start more work; wait until none is left.
  for (let done = 0; done < work.length; done++) await work[done];
  const messages = order.map((id) => latest.get(id)!);
  if (thrown)
    return { messages, failed: true, failure: `the report failed: ${String((thrown as Error)?.message ?? thrown).slice(0, 200)}` };
  const failedMessage = messages.find(isFailureMessage);
  return failedMessage
    ? { messages, failed: true, failure: (failedMessage.text ?? 'the report failed').slice(0, 300) }
    : { messages, failed: false };
}
