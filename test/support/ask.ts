// A chat turn as a test reads it: say something, find the bot's first message of the answer, and
// wait until that message (a card updated in place) is no longer busy, or matches `final`.
import { randomUUID } from 'node:crypto';
import { cardText } from './connector';
import type { Stack } from './stack';
import { visible } from './tenant-facts';
import { isProgressCard } from '../../src/cards/progress-card';

/** Whether a message the bot sent is still a progress card (its answer is still coming). */
export function isProgress(activity: any): boolean {
  return (activity?.attachments ?? []).some((a: any) => isProgressCard(a?.content));
}

export interface Answer {
  /** The card's visible text, as an admin reads it. */
  text: string;
  activity: any;
  conversationId?: string;
}

export interface AskOptions {
  /** The answer's first message is the first one whose text matches (default: the first one). */
  first?: RegExp;
  /** Done when the text matches (default: when it is no longer a progress card). */
  final?: RegExp;
  from?: string;
  /** Ask in a new conversation of its own, so answers to others cannot be mistaken for it. */
  ownConversation?: boolean;
  timeoutMs?: number;
}

export async function askBot(stack: Stack, text: string, o: AskOptions = {}): Promise<Answer> {
  const conversationId = o.ownConversation ? `conv-${randomUUID()}` : undefined;
  const since = stack.connector.activities.length;
  expect(await stack.say(text, { conversationId, from: o.from })).toBe(200);
  const sent = await stack.connector.waitFor(
    () =>
      stack.connector.activities
        .slice(since)
        .find(
          (a) =>
            a.kind === 'send' &&
            (!conversationId || a.conversationId === conversationId) &&
            (!o.first || o.first.test(visible(cardText(a.activity)))),
        ),
    o.timeoutMs,
  );
  return stack.connector.waitFor(() => {
    const activity = stack.connector.messages.get(sent.id);
    const latest = visible(cardText(activity));
    const done = o.final ? o.final.test(latest) : !isProgress(activity);
    return done ? { text: latest, activity, conversationId } : undefined;
  }, o.timeoutMs);
}
