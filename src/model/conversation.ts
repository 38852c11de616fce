// The conversation model: what a message is, who asked, where, and the outbox that sends and
// updates messages after the incoming turn. A leaf: commands, card actions, the alert cycle and
// the report runner speak through it; only teams/ knows how Teams carries it (botbuilder).

/** An Adaptive Card as JSON (cards/ renders them). */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string; body: unknown[] };

/** A reply: an Adaptive Card, a short text, or both (the text is what notifications show). */
export interface Message {
  card?: AdaptiveCard;
  text?: string;
}

export interface MessageRef {
  id: string;
}

/** Sends and updates messages in the conversation after the incoming turn has ended. */
export interface Outbox {
  send(message: Message): Promise<MessageRef>;
  update(ref: MessageRef, message: Message): Promise<void>;
}

export interface Caller {
  aadObjectId: string;
  name: string;
  /** The sender's IANA time zone, as Teams sends it on each message (activity.localTimezone). */
  timeZone?: string;
}

export type ConversationType = 'personal' | 'groupChat' | 'channel';

/**
 * Teams' `conversationType` as the bot keeps it: `channel` and `groupChat` as they are, anything
 * else (personal, missing, or a value Teams may add) a personal chat, the scope with the fewest
 * people in it. Activities, stored references and schedules all read it through here.
 */
export function conversationTypeFrom(raw: unknown): ConversationType {
  return raw === 'channel' ? 'channel' : raw === 'groupChat' ? 'groupChat' : 'personal';
}

/** A feature that keeps state per conversation, and drops it when the bot is removed from one. */
export interface KeepsConversationState {
  forget(conversationId: string): Promise<void>;
}

export interface Conversation {
  id: string;
  type: ConversationType;
  tenantId?: string;
}
