// Reads what the bot needs from an incoming Teams activity, defensively: every field may be missing
// or of the wrong type when a client (or an attacker) sends something odd.
import type { Activity } from 'botbuilder';
import type { Caller, Conversation } from '../dispatch/types';
import { conversationTypeFrom, type ConversationType } from '../model/conversation';

const MAX_TEXT = 4000;

export function callerOf(activity: Partial<Activity>): Caller {
  const from: any = activity.from ?? {};
  return {
    aadObjectId: typeof from.aadObjectId === 'string' ? from.aadObjectId.toLowerCase() : '',
    name: typeof from.name === 'string' ? from.name.slice(0, 200) : '',
    ...timeZoneOf(activity),
  };
}

/**
 * The sender's IANA zone. Bot Framework's Activity schema has `localTimezone` ("America/Los_Angeles");
 * Teams on Android has been seen sending none while its `clientInfo` entity still carries `timezone`
 * (botframework-sdk#6433), so that comes next; with neither, the caller has no zone (UTC later).
 */
function timeZoneOf(activity: Partial<Activity>): { timeZone?: string } {
  const entities: any[] = Array.isArray(activity.entities) ? activity.entities : [];
  const clientInfo = entities.find((e) => e?.type === 'clientInfo');
  const zone = [activity.localTimezone, clientInfo?.timezone].find(isZoneName);
  return zone ? { timeZone: zone } : {};
}

function isZoneName(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

/**
 * Teams' conversation ids say what they are when `conversationType` is missing: channel threads are
 * `19:…@thread.tacv2` (older teams `@thread.skype`), group and meeting chats `19:…@thread.v2`,
 * personal chats `a:…`. Source: Teams conversation basics
 * (learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-basics) and
 * activities captured from Teams clients.
 */
export function conversationTypeOf(conversation: unknown, channelData?: unknown): ConversationType | undefined {
  const conv: any = conversation ?? {};
  if (typeof conv.conversationType === 'string') return conversationTypeFrom(conv.conversationType);
  const id = typeof conv.id === 'string' ? conv.id : '';
  if (/^19:[^;]*@thread\.(tacv2|skype)(;|$)/i.test(id) || typeof (channelData as any)?.channel?.id === 'string') return 'channel';
  if (/^19:[^;]*@thread\.v2(;|$)/i.test(id)) return 'groupChat';
  return undefined;
}

export function conversationOf(activity: Partial<Activity>): Conversation {
  const conv: any = activity.conversation ?? {};
  const type = conversationTypeOf(conv, activity.channelData) ?? 'personal';
  const channelData: any = activity.channelData ?? {};
  const tenantId =
    (typeof channelData?.tenant?.id === 'string' && channelData.tenant.id) ||
    (typeof conv.tenantId === 'string' && conv.tenantId) ||
    undefined;
  return { id: typeof conv.id === 'string' ? conv.id : '', type, tenantId: tenantId?.toLowerCase() };
}

export interface PersonMention {
  /** The mention's `<at>…</at>` text as it appears in the message. */
  text: string;
  /** `mentioned.id`: the person's Teams id (29:…), what the roster is asked about. */
  id: string;
  name: string;
}

const MAX_MENTIONS = 5;

/** People (not the bot) @mentioned in the message, as Teams lists them in `entities`. */
export function personMentionsOf(activity: Partial<Activity>, botId?: string): PersonMention[] {
  const entities: any[] = Array.isArray(activity.entities) ? activity.entities : [];
  const people: PersonMention[] = [];
  for (const e of entities) {
    if (e?.type !== 'mention' || typeof e.text !== 'string' || typeof e?.mentioned?.id !== 'string') continue;
    if (e.mentioned.id === botId || e.mentioned.id === '' || e.text.length > 300) continue;
    people.push({
      text: e.text,
      id: e.mentioned.id.slice(0, 200),
      name: typeof e.mentioned.name === 'string' ? e.mentioned.name.slice(0, 200) : '',
    });
    if (people.length >= MAX_MENTIONS) break;
  }
  return people;
}

/**
 * The message text without the bot's @mention, collapsed to one line of sane length. A person's
 * mention becomes what `resolved` says they are (their UPN, from the roster) or else their name, so
 * `mailbox <at>Megan Bowen</at>` reads as `mailbox megan@…`, as if typed.
 */
export function commandTextOf(activity: Partial<Activity>, botId?: string, resolved: Map<string, string> = new Map()): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  // Teams puts "<at>Name</at>" in the text for each mention, with an entity naming who it is.
  const entities: any[] = Array.isArray(activity.entities) ? activity.entities : [];
  for (const e of entities) {
    if (e?.type !== 'mention' || typeof e.text !== 'string' || !e.text) continue;
    const id = e?.mentioned?.id;
    if (botId && id === botId) {
      text = text.split(e.text).join(' ');
    } else if (typeof id === 'string' && resolved.has(id)) {
      text = text.split(e.text).join(` ${resolved.get(id)} `);
    }
  }
  // Mentions without a usable entity: one that opens the message is the bot's (channel messages to a
  // bot start with its mention), as is any when the recipient id is unknown; others stay as the name.
  text = text.replace(/^\s*<at>[^<]*<\/at>/i, ' ');
  text = text.replace(/<at>([^<]*)<\/at>/gi, (_all, name: string) => (botId ? ` ${name} ` : ' '));
  text = text.replace(/&nbsp;/gi, ' ').replace(/<[^>]+>/g, ' ');

  text = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
}
