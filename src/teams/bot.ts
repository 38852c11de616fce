// The botbuilder side of a turn: turns activities into Router calls and Router replies into
// activities. Long work continues through the outbox after the turn has been answered.
import {
  ActivityHandler,
  CardFactory,
  CloudAdapter,
  ConversationReference,
  InvokeResponse,
  TeamsInfo,
  TurnContext,
  ActivityTypes,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Router, TurnParts } from '../dispatch/router';
import { NOT_UNDERSTOOD } from '../buttons/button';
import type { ActionResult, Message, MessageRef, Outbox } from '../dispatch/types';
import { welcomeMessage } from '../messages/replies';
import type { Logger } from '../log';
import type { BotServices } from '../services';
import { callerOf, commandTextOf, conversationOf, conversationTypeOf, personMentionsOf } from './activity';
import { withSubmitFallbacks } from './submit-fallback';
import { ProactiveSender, storableReference, type ServiceUrlPolicy } from './proactive';

export function toActivity(message: Message): Record<string, unknown> {
  const activity: Record<string, unknown> = { type: ActivityTypes.Message };
  if (message.text) activity.text = message.text;
  if (message.card) {
    activity.attachments = [CardFactory.adaptiveCard(withSubmitFallbacks(message.card))];
    // The text becomes the notification preview; with a card, Teams shows both, so keep it short.
    activity.summary = message.text;
    delete activity.text;
  }
  return activity;
}

export interface TeamsBotOptions {
  adapter: CloudAdapter;
  /** The bot's app id ('' in demo mode): needed to continue a conversation after the turn. */
  appId: string;
  router: Router;
  services: BotServices;
  log: Logger;
  /** What a turn's `now()` reads; the wall clock unless a test freezes it. */
  clock?: () => Date;
  /** Where proactive sends may go (Teams' hosts; loopback in demo mode). */
  serviceUrls: ServiceUrlPolicy;
}

export class TeamsBot extends ActivityHandler {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: TeamsBotOptions) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    // The reference is kept when an admin first speaks (see turnParts' `admitted`), not on install:
    // an install by anyone, from any tenant, must not create state.
    this.onInstallationUpdateAdd(async (context, next) => {
      await context.sendActivity(toActivity(welcomeMessage()));
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await this.forgetConversation(context);
      await next();
    });
    // Teams also sends conversationUpdate (membersAdded) on install; greeting on installationUpdate
    // alone keeps it to one welcome.
  }

  override async run(context: TurnContext): Promise<void> {
    const conversation: any = context.activity.conversation;
    if (conversation && typeof conversation === 'object' && conversation.conversationType === undefined) {
      // Teams omits it on some activities; the id still says (a channel thread is 19:…@thread.tacv2).
      const type = conversationTypeOf(conversation, context.activity.channelData);
      if (type) conversation.conversationType = type;
    }
    const jobs: (() => void)[] = [];
    context.turnState.set(DEFERRED, jobs);
    try {
      await super.run(context);
    } finally {
      setImmediate(() => jobs.forEach((start) => start()));
    }
  }

  /** Sends into saved conversations after their turns (alerts). */
  proactiveSender(): ProactiveSender {
    return new ProactiveSender(this.options.adapter, this.options.appId, toActivity, this.options.serviceUrls);
  }

  /**
   * Keeps where to reach this conversation later; an unchanged reference costs no write. In the
   * background: a slow or unreachable storage must not hold the reply past Teams' 15 s.
   */
  private rememberConversation(context: TurnContext): void {
    const job = this.options.services.alerts.conversations.save(storableReference(context.activity)).catch((err) => {
      // The turn still gets its answer; only alerts need the reference, and the next message retries.
      this.options.log.warn('conversation reference not saved', { err: err as Error });
    });
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  /** Uninstalled: nothing can be sent there any more, so every feature forgets what it kept for it. */
  private async forgetConversation(context: TurnContext): Promise<void> {
    const id = context.activity.conversation?.id;
    if (typeof id !== 'string' || !id) return;
    try {
      await Promise.all(this.options.services.conversationState.map((feature) => feature.forget(id)));
      this.options.log.info('bot removed from a conversation; its alerts and scheduled reports stopped', {
        conversationType: context.activity.conversation?.conversationType ?? 'unknown',
      });
    } catch (err) {
      this.options.log.warn('conversation not forgotten', { err: err as Error });
    }
  }

  /** Resolves when every piece of work started after a turn has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private turnParts(context: TurnContext): TurnParts & { reply: (m: Message) => Promise<MessageRef> } {
    const activity = context.activity;
    const reference = TurnContext.getConversationReference(activity) as ConversationReference;
    const log = this.options.log.child({ turn: randomUUID(), conversationType: activity.conversation?.conversationType ?? 'unknown' });
    return {
      caller: callerOf(activity),
      conversation: conversationOf(activity),
      services: this.options.services,
      log,
      now: this.options.clock ?? (() => new Date()),
      reply: async (m: Message) => {
        const res = await context.sendActivity(toActivity(m));
        return { id: res?.id ?? '' };
      },
      // Deferred work starts once the turn is answered, so a card update never races the reply.
      later: (work) => deferred(context).push(() => this.runLater(reference, log, work)),
      admitted: () => {
        if (activity.type === ActivityTypes.Message || activity.type === ActivityTypes.Invoke) this.rememberConversation(context);
      },
    };
  }

  private runLater(reference: ConversationReference, log: Logger, work: (outbox: Outbox) => Promise<void>): void {
    const outbox = this.outboxFor(reference);
    const job = (async () => {
      try {
        await work(outbox);
      } catch (err) {
        log.error('background work failed', { err: err as Error });
      }
    })();
    this.pending.add(job);
    void job.finally(() => this.pending.delete(job));
  }

  private outboxFor(reference: ConversationReference): Outbox {
    const { adapter, appId } = this.options;
    const within = <T>(fn: (ctx: TurnContext) => Promise<T>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        adapter
          .continueConversationAsync(appId, reference, async (ctx) => {
            try {
              resolve(await fn(ctx));
            } catch (err) {
              reject(err);
            }
          })
          .catch(reject);
      });
    return {
      send: (m) => within(async (ctx) => ({ id: (await ctx.sendActivity(toActivity(m)))?.id ?? '' })),
      update: (ref, m) =>
        within(async (ctx) => {
          await ctx.updateActivity({ ...toActivity(m), id: ref.id, conversation: reference.conversation } as any);
        }),
    };
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const parts = this.turnParts(context);
    const value = context.activity.value as any;
    // Action.Submit (the fallback for clients without Action.Execute) arrives as a message with a value.
    if (value && typeof value === 'object' && ('verb' in value || 'action' in value)) {
      const verb = value.verb ?? value.action?.verb;
      // Action.Submit puts the card's inputs (e.g. the Filter form) beside the button's own data.
      const { verb: _verb, data: ownData, action: _action, ...inputs } = value;
      const base = ownData ?? value.action?.data ?? {};
      const data = base && typeof base === 'object' && !Array.isArray(base) ? { ...base, ...inputs } : base;
      const result = await this.options.router.handleAction(parts, verb, data);
      if (result.kind !== 'none') await parts.reply(resultAsMessage(result));
      return;
    }
    const botId = typeof context.activity.recipient?.id === 'string' ? context.activity.recipient.id : undefined;
    if (value !== undefined && value !== null && commandTextOf(context.activity, botId) === '') {
      // Action.Submit from another app's card (a value, no text, none of our verbs): the same answer
      // the invoke path gives an unknown button, not the help card.
      const result = await this.options.router.handleAction(parts, FOREIGN_BUTTON, {});
      if (result.kind !== 'none') await parts.reply(resultAsMessage(result));
      return;
    }
    await this.options.router.handleMessage(parts, () => this.commandText(context, botId, parts.log));
  }

  /**
   * The command text, each @mentioned person replaced by their UPN from the Teams roster. The
   * look-ups run together and each gets ROSTER_TIMEOUT_MS: a roster that hangs costs the turn a few
   * seconds, and the mention's name still finds the mailbox.
   */
  private async commandText(context: TurnContext, botId: string | undefined, log: Logger): Promise<string> {
    const resolved = new Map<string, string>();
    await Promise.all(
      personMentionsOf(context.activity, botId).map(async (person) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          // GET /v3/conversations/{conversationId}/members/{userId} (or the team's, in a channel):
          // a TeamsChannelAccount with aadObjectId, userPrincipalName, email. Source:
          // learn.microsoft.com/microsoftteams/platform/bots/how-to/get-teams-context ("Get single member details").
          const member = await Promise.race([
            TeamsInfo.getMember(context, person.id),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(`the roster did not answer within ${ROSTER_TIMEOUT_MS} ms`)), ROSTER_TIMEOUT_MS);
            }),
          ]);
          const who = [member.userPrincipalName, member.email, member.aadObjectId].find(
            (v) => typeof v === 'string' && /^[^\s<>"]{1,256}$/.test(v),
          );
          if (who) resolved.set(person.id, who);
        } catch (err) {
          // Not in the roster, or the roster is unreachable or slow: the mention's name still finds a mailbox by name.
          log.warn('mentioned person not resolved', { err: err as Error });
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return commandTextOf(context.activity, botId, resolved);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const value = context.activity.value as any;
    const action = value && typeof value === 'object' ? value.action : undefined;
    const parts = this.turnParts(context);
    if (!action || typeof action !== 'object' || action.type !== 'Action.Execute') {
      parts.log.warn('bad action', { problem: 'invoke without an Action.Execute' });
      return invokeResponse(NOT_UNDERSTOOD);
    }
    const replyToId = context.activity.replyToId;
    const cardMessage = typeof replyToId === 'string' && replyToId ? { id: replyToId } : undefined;
    const result = await this.options.router.handleAction(parts, action.verb, action.data, cardMessage);
    return invokeResponse(result);
  }
}

const DEFERRED = Symbol('deferred work');
/** How long one roster look-up may take before the mention falls back to the person's name. */
export const ROSTER_TIMEOUT_MS = 3_000;
/** No card of ours sends this verb: the router answers it as "not one of mine". */
const FOREIGN_BUTTON = 'foreign-card.submit';

function deferred(context: TurnContext): (() => void)[] {
  return context.turnState.get(DEFERRED) ?? [];
}

function resultAsMessage(result: Exclude<ActionResult, { kind: 'none' }>): Message {
  if (result.kind === 'card') return { card: result.card };
  return { text: result.kind === 'message' ? result.text : result.message };
}

/**
 * Universal Actions' response shapes: a replacement card, a message, or an error. A replacement card
 * is what everyone in a channel then sees, older clients included, so it gets its fallbacks too.
 */
export function invokeResponse(result: ActionResult): InvokeResponse {
  const body =
    result.kind === 'none'
      ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Done.' }
      : result.kind === 'card'
        ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: withSubmitFallbacks(result.card) }
        : result.kind === 'message'
          ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.text }
          : {
              statusCode: result.status,
              type: 'application/vnd.microsoft.error',
              value: { code: codeOf(result.status), message: result.message },
            };
  return { status: 200, body };
}

function codeOf(status: number): string {
  return (
    ({ 400: 'BadRequest', 403: 'Forbidden', 404: 'NotFound', 410: 'Gone', 500: 'InternalError' } as Record<number, string>)[status] ??
    'Error'
  );
}
