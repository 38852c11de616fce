// What a command or a card action sees of the conversation. No botbuilder types: teams/ adapts them.
import type { Logger } from '../log';
import type { AdaptiveCard, Caller, Conversation, Message, MessageRef, Outbox } from '../model/conversation';
import type { BotServices } from '../services';
import type { CardButton } from '../buttons/button';
import type { ReportContext as RunnerContext, ReportSpec } from '../runner/report-runner';

// The conversation model lives in model/conversation.ts; commands and actions see it through here too.
export type { Caller, Conversation, Message, MessageRef, Outbox };

export interface TurnBaseContext {
  caller: Caller;
  conversation: Conversation;
  services: BotServices;
  log: Logger;
  now(): Date;
  /** Work that outlives the turn: it answers through the outbox, never through the turn. */
  later(work: (outbox: Outbox) => Promise<void>): void;
  /** Called once the caller passed the admin check (teams/ then keeps the conversation reference). */
  admitted?(): void;
}

/** What a report's spec is made with: a chat turn, or a scheduled run without one. */
export type ReportContext = RunnerContext<BotServices>;

export interface CommandContext extends TurnBaseContext {
  /** The text after the command word, trimmed. */
  args: string;
  reply(message: Message): Promise<MessageRef>;
}

export interface Command {
  name: string;
  aliases?: string[];
  /** The command's syntax, e.g. "mailbox <upn or name>": `help` and the README table show it. */
  usage: string;
  /**
   * One plain sentence (no Markdown): `help`, the Teams command menu (appPackage/manifest.json) and the
   * README table all show it. Up to 128 characters, the menu's limit.
   */
  summary: string;
  /** More for the README table only (Markdown allowed): options, buttons, limits. */
  details?: string;
  /** Example invocations; the first is shown by `help` ("Try: …") and the Teams command menu. */
  examples: string[];
  run(ctx: CommandContext): Promise<void>;
  /**
   * A report command: the report `args` ask for, or the reply refusing them. `run` starts it in the
   * chat (commands/reports.ts `startReport`); a scheduled run makes the same spec without a turn.
   */
  report?(ctx: ReportContext, args: string): ReportSpec<unknown> | Message;
}

/** What a card button answers: a replacement card, a short message, or a refusal. */
export type ActionResult =
  | { kind: 'card'; card: AdaptiveCard }
  | { kind: 'message'; text: string }
  | { kind: 'error'; status: 400 | 403 | 404 | 410 | 500; message: string }
  /** The action already answered in the conversation (e.g. a command run from an Action.Submit). */
  | { kind: 'none' };

export interface ActionContext extends TurnBaseContext {
  verb: string;
  /** Untrusted: whatever the client sent as the action's data. Handlers read the parsed `request` instead. */
  data: Record<string, unknown>;
  /** The message whose card was clicked, when the client said (Action.Execute's replyToId). */
  cardMessage?: MessageRef;
  /** Posts a new message in the conversation during the turn. */
  reply(message: Message): Promise<MessageRef>;
  /** Runs a chat command as if typed; its first reply replaces the clicked card. */
  runCommand(text: string): Promise<ActionResult>;
}

/** A card button's answer; made with `defineAction(button, (ctx, request) => …)` (actions/define-action.ts). */
export interface CardAction<TRequest = unknown> {
  verb: string;
  /** The button this action answers (buttons/): its verb, and the parser of the click's data. */
  button: CardButton<unknown, TRequest>;
  /** `request` is the click's data as `button.parse` read it; the router answers a click it refuses. */
  run(ctx: ActionContext, request: TRequest): Promise<ActionResult>;
}
