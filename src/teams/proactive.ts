// Speaking first: the conversation reference the bot keeps for each conversation, and sending into
// it later through CloudAdapter.continueConversationAsync. Teams' refusals come back as SendFailure
// (status, Retry-After) for the alert cycle, which knows nothing of botbuilder.
import { CloudAdapter, ConversationReference, TurnContext, type Activity } from 'botbuilder';
import type { Message } from '../commands/types';
import { SendFailure, type AlertSender } from '../alerts/cycle';

/**
 * What to keep of an incoming activity to reach its conversation later. Without the message id: an
 * alert is a message of its own, not a reply to whatever was said last (and an unchanged reference
 * then costs no write).
 */
export function storableReference(activity: Partial<Activity>): Record<string, unknown> {
  const reference = TurnContext.getConversationReference(activity) as Partial<ConversationReference>;
  delete reference.activityId;
  return JSON.parse(JSON.stringify(reference));
}

function retryAfterMs(err: any): number | undefined {
  const headers = err?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : headers?.['retry-after'];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.min(seconds, 600)) * 1000;
  const at = Date.parse(String(raw));
  return Number.isNaN(at) ? undefined : Math.max(0, Math.min(at - Date.now(), 600_000));
}

export class ProactiveSender implements AlertSender {
  constructor(
    private readonly adapter: CloudAdapter,
    /** '' in demo mode (no channel authentication). */
    private readonly appId: string,
    private readonly toActivity: (message: Message) => Record<string, unknown>,
  ) {}

  async send(reference: Record<string, unknown>, message: Message): Promise<{ id: string }> {
    let id = '';
    // The adapter hands errors thrown in the logic to onTurnError, which swallows them: catch them here.
    let failed: unknown;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference as Partial<ConversationReference>, async (ctx) => {
        try {
          id = (await ctx.sendActivity(this.toActivity(message)))?.id ?? '';
        } catch (err) {
          failed = err ?? new Error('send failed');
        }
      });
      if (failed) throw failed;
    } catch (err: any) {
      const status = Number(err?.statusCode ?? err?.status ?? err?.response?.status ?? 0);
      throw new SendFailure(Number.isFinite(status) ? status : 0, String(err?.message ?? err).slice(0, 300), retryAfterMs(err));
    }
    return { id };
  }
}
