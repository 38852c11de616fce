// Where the bot can speak first: the conversation reference of every conversation it is in, saved
// on install and on each message (Teams may move a conversation to another serviceUrl), removed on
// uninstall. The reference is kept as the JSON botbuilder gave it; teams/ turns it back into one.
import { createHash } from 'node:crypto';
import type { StateStore } from './store';
import { conversationTypeFrom } from '../model/conversation';

export interface SavedConversation {
  conversationId: string;
  conversationType: string;
  /** botbuilder's ConversationReference, as JSON. */
  reference: Record<string, unknown>;
  savedAt: string;
}

/** Conversation ids carry ':', ';' and '@': a hash makes a blob name of any of them. */
export function conversationKey(conversationId: string): string {
  return createHash('sha256').update(conversationId).digest('hex').slice(0, 40);
}

const REMEMBERED = 10_000;

export class ConversationStore {
  /** What this process last saved per conversation: an unchanged reference is not written again. */
  private readonly saved = new Map<string, string>();

  constructor(
    private readonly store: StateStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async save(reference: Record<string, unknown>): Promise<void> {
    const conversation = (reference.conversation ?? {}) as { id?: unknown; conversationType?: unknown };
    if (typeof conversation.id !== 'string' || conversation.id === '') return;
    const json = JSON.stringify(reference);
    if (this.saved.get(conversation.id) === json) return;
    const record: SavedConversation = {
      conversationId: conversation.id,
      conversationType: conversationTypeFrom(conversation.conversationType),
      reference,
      savedAt: this.now().toISOString(),
    };
    await this.store.write(key(conversation.id), record);
    if (this.saved.size >= REMEMBERED) this.saved.clear();
    this.saved.set(conversation.id, json);
  }

  /** The saved reference; undefined when there is none or what is stored is not one (checked, never trusted). */
  async get(conversationId: string): Promise<SavedConversation | undefined> {
    const saved = (await this.store.read<unknown>(key(conversationId)))?.value as Partial<SavedConversation> | undefined;
    if (saved === undefined) return undefined;
    const reference = saved?.reference as { conversation?: { id?: unknown }; serviceUrl?: unknown } | undefined;
    if (
      typeof saved !== 'object' ||
      saved === null ||
      saved.conversationId !== conversationId ||
      typeof reference !== 'object' ||
      reference === null ||
      reference.conversation?.id !== conversationId ||
      typeof reference.serviceUrl !== 'string'
    )
      return undefined;
    return {
      conversationId,
      conversationType: String(saved.conversationType ?? 'personal'),
      reference,
      savedAt: String(saved.savedAt ?? ''),
    };
  }

  async remove(conversationId: string): Promise<void> {
    this.saved.delete(conversationId);
    await this.store.delete(key(conversationId));
  }
}

function key(conversationId: string): string {
  return `conversations/${conversationKey(conversationId)}`;
}
