// Routes a chat message to its command and a card button to its action, after the admin check.
// Everything here is plain data in and out; teams/ turns it into botbuilder calls.
import { NOT_UNDERSTOOD } from '../buttons/button';
import { AdminPolicy, refusalText } from '../access/admins';
import { suggestCommand } from '../arguments/suggest';
import { errorMessage } from '../messages/replies';
import { helpMessage } from './help-message';
import type { ActionContext, ActionResult, CardAction, Command, CommandContext, Message, MessageRef } from './types';

const MAX_VERB = 64;
const MAX_DATA_BYTES = 8 * 1024;

export type TurnParts = Omit<CommandContext, 'args'>;

export class Router {
  private readonly byName = new Map<string, Command>();
  private readonly byVerb = new Map<string, CardAction>();

  constructor(
    readonly commands: Command[],
    actions: CardAction[],
    private readonly access: AdminPolicy,
  ) {
    for (const c of commands) for (const n of [c.name, ...(c.aliases ?? [])]) this.byName.set(n.toLowerCase(), c);
    for (const a of actions) this.byVerb.set(a.verb, a);
  }

  /** The command a word names (a name or an alias, any case). */
  command(word: string): Command | undefined {
    return this.byName.get(word.toLowerCase());
  }

  /**
   * A chat message: `text` is already stripped of the bot's @mention. A function is asked for the
   * text only once the caller is admitted (resolving @mentioned people calls the Teams roster).
   */
  async handleMessage(turn: TurnParts, text: string | (() => Promise<string>)): Promise<void> {
    const decision = await this.access.check(turn.caller, turn.conversation);
    if (!decision.allowed) {
      turn.log.warn('refused', { reason: decision.reason, caller: turn.caller.aadObjectId || '(none)' });
      await turn.reply({ text: refusalText(decision) });
      return;
    }
    turn.admitted?.();
    await this.dispatch(turn, typeof text === 'string' ? text : await text());
  }

  /** Runs the command `text` names (the caller has been checked already). */
  private async dispatch(turn: TurnParts, text: string): Promise<void> {
    const [word = '', ...rest] = text.split(' ');
    const name = word.toLowerCase();
    const command = this.byName.get(name);
    if (!command) {
      const suggestion = name
        ? suggestCommand(
            name,
            this.commands.map((c) => c.name),
          )
        : undefined;
      turn.log.info('unknown command', { word: name.slice(0, 40) });
      await turn.reply(helpMessage(this.commands, name ? { unknown: word.slice(0, 40), suggestion } : {}));
      return;
    }
    const ctx: CommandContext = { ...turn, args: rest.join(' ').trim() };
    turn.log.info('command', { command: command.name });
    try {
      await command.run(ctx);
    } catch (err) {
      turn.log.error('command failed', { command: command.name, err: err as Error });
      await turn.reply(errorMessage(`\`${command.name}\` failed`, 'Something went wrong on my side; it has been logged.', text));
    }
  }

  /** A card button (Action.Execute, or Action.Submit's message with a value). */
  async handleAction(turn: TurnParts, rawVerb: unknown, rawData: unknown, cardMessage?: MessageRef): Promise<ActionResult> {
    const decision = await this.access.check(turn.caller, turn.conversation);
    if (!decision.allowed) {
      turn.log.warn('refused action', { reason: decision.reason, caller: turn.caller.aadObjectId || '(none)' });
      return { kind: 'error', status: 403, message: refusalText(decision) };
    }
    turn.admitted?.();
    if (typeof rawVerb !== 'string' || rawVerb.length === 0 || rawVerb.length > MAX_VERB) {
      turn.log.warn('bad action', { problem: 'verb missing or malformed' });
      return NOT_UNDERSTOOD;
    }
    const action = this.byVerb.get(rawVerb);
    if (!action) {
      turn.log.warn('bad action', { problem: 'unknown verb', verb: rawVerb.replace(/[^\w.-]/g, '?') });
      return { kind: 'error', status: 400, message: 'That button is not one of mine, or it is from an older version of me.' };
    }
    const data = rawData === undefined || rawData === null ? {} : rawData;
    if (typeof data !== 'object' || Array.isArray(data)) {
      turn.log.warn('bad action', { problem: 'data not an object', verb: rawVerb });
      return NOT_UNDERSTOOD;
    }
    let size = 0;
    try {
      size = Buffer.byteLength(JSON.stringify(data));
    } catch {
      size = Infinity;
    }
    if (size > MAX_DATA_BYTES) {
      turn.log.warn('bad action', { problem: 'data too large', verb: rawVerb, size });
      return { kind: 'error', status: 400, message: 'That button sent more data than any of my buttons do.' };
    }
    const ctx: ActionContext = {
      ...turn,
      verb: rawVerb,
      data: data as Record<string, unknown>,
      cardMessage,
      runCommand: (text) => this.runFromCard(turn, text, cardMessage),
    };
    turn.log.info('action', { verb: rawVerb });
    try {
      // The one place a click's data is read: the handler gets it typed and checked, or never runs.
      const request = action.button.parse(ctx.data);
      if (request === null) {
        turn.log.warn('bad action', { problem: 'data not understood', verb: rawVerb });
        return NOT_UNDERSTOOD;
      }
      return await action.run(ctx, request);
    } catch (err) {
      turn.log.error('action failed', { verb: rawVerb, err: err as Error });
      return { kind: 'error', status: 500, message: 'Something went wrong on my side; it has been logged.' };
    }
  }

  /** A command started by a button: its first reply becomes the clicked card, later ones new messages. */
  private async runFromCard(turn: TurnParts, text: string, cardMessage?: MessageRef): Promise<ActionResult> {
    if (!cardMessage) {
      await this.dispatch(turn, text);
      return { kind: 'none' };
    }
    let first: Message | undefined;
    const reply = async (m: Message): Promise<MessageRef> => {
      if (!first) {
        first = m;
        return cardMessage;
      }
      return turn.reply(m);
    };
    await this.dispatch({ ...turn, reply }, text);
    if (first?.card) return { kind: 'card', card: first.card };
    return { kind: 'message', text: first?.text ?? 'Done.' };
  }
}
