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

export interface Conversation {
  id: string;
  type: 'personal' | 'groupChat' | 'channel';
  tenantId?: string;
}
