// Reads what the bot needs from an incoming Teams activity, defensively: every field may be missing
// or of the wrong type when a client (or an attacker) sends something odd.
import type { Activity } from 'botbuilder';
import type { Caller, Conversation } from '../commands/types';

const MAX_TEXT = 4000;

export function callerOf(activity: Partial<Activity>): Caller {
  const from: any = activity.from ?? {};
  return {
    aadObjectId: typeof from.aadObjectId === 'string' ? from.aadObjectId.toLowerCase() : '',
    name: typeof from.name === 'string' ? from.name.slice(0, 200) : '',
    // Bot Framework Activity schema: localTimezone, an IANA zone name ("America/Los_Angeles").
    ...(typeof activity.localTimezone === 'string' && activity.localTimezone ? { timeZone: activity.localTimezone.slice(0, 64) } : {}),
  };
}

export function conversationOf(activity: Partial<Activity>): Conversation {
  const conv: any = activity.conversation ?? {};
  const rawType = typeof conv.conversationType === 'string' ? conv.conversationType : 'personal';
  const type = rawType === 'channel' ? 'channel' : rawType === 'groupChat' ? 'groupChat' : 'personal';
  const channelData: any = activity.channelData ?? {};
  const tenantId =
    (typeof channelData?.tenant?.id === 'string' && channelData.tenant.id) ||
    (typeof conv.tenantId === 'string' && conv.tenantId) ||
    undefined;
  return { id: typeof conv.id === 'string' ? conv.id : '', type, tenantId: tenantId?.toLowerCase() };
}

/** The message text without the bot's @mention, collapsed to one line of sane length. */
export function commandTextOf(activity: Partial<Activity>, botId?: string): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  // Teams puts "<at>Bot name</at>" in the text for each mention; drop those that mention the bot
  // (or all of them when the recipient id is unknown) and any markup left around them.
  const entities: any[] = Array.isArray(activity.entities) ? activity.entities : [];
  for (const e of entities) {
    if (e?.type === 'mention' && typeof e.text === 'string' && (!botId || e?.mentioned?.id === botId)) {
      text = text.split(e.text).join(' ');
    }
  }
  text = text.replace(/<at>[^<]*<\/at>/gi, ' ');
  text = text.replace(/&nbsp;/gi, ' ').replace(/<[^>]+>/g, ' ');
   
  text = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
}
