// How every proactive message of a cycle goes out (an alert, a scheduled report): at the pace Teams
// allows, retrying what Teams says to retry, and telling a 403 (the bot was removed or blocked) from
// a failure the next cycle tries again.
import type { Logger } from '../log';
import type { Message } from '../model/conversation';
import { realClock, type Clock, type SendPace } from './pace';

/** A send Teams refused: the HTTP status, and how long it asked to wait (429). */
export class SendFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}

/** Posts proactively (teams/proactive.ts); nothing here knows botbuilder. */
export interface MessageSender {
  /** Posts `message` to the conversation the reference names; throws SendFailure when refused. */
  send(reference: Record<string, unknown>, message: Message): Promise<{ id: string }>;
}

/** What became of one message: sent, refused for good (403: suspend the conversation), or failed for now. */
export type Delivery = 'sent' | 'forbidden' | 'failed';

export type Deliver = (conversationId: string, reference: Record<string, unknown>, message: Message) => Promise<Delivery>;

const SEND_ATTEMPTS = 5;

export function deliverAtPace(deps: { sender: MessageSender; pace: SendPace; log: Logger; clock?: Clock }): Deliver {
  const clock = deps.clock ?? realClock;
  return async (conversationId, reference, message) => {
    for (let attempt = 1; ; attempt++) {
      await deps.pace.turn(conversationId);
      try {
        await deps.sender.send(reference, message);
        return 'sent';
      } catch (err) {
        const status = err instanceof SendFailure ? err.status : 0;
        if (status === 403) return 'forbidden';
        const retryable = status === 429 || status === 412 || status === 502 || status === 503 || status === 504;
        if (!retryable || attempt >= SEND_ATTEMPTS) {
          deps.log.warn('message not delivered; the next cycle tries again', { status, attempt, err: err as Error });
          return 'failed';
        }
        // Retry-After when Teams gives one; otherwise exponential backoff with jitter, as Teams asks.
        const wait = (err as SendFailure).retryAfterMs ?? Math.round(1000 * 2 ** (attempt - 1) * (0.5 + Math.random()));
        deps.log.debug('send throttled', { status, waitMs: wait, attempt });
        if (status === 429) deps.pace.hold(conversationId, wait);
        else await clock.sleep(wait);
      }
    }
  };
}
