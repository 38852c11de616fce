// Who may use the bot: the configured admins, members of the admin group, and nobody from another
// tenant. A refusal never says why in a way that reveals anything about the tenant.
import type { Caller, Conversation } from '../model/conversation';

export type AccessDecision =
  | { allowed: true; via: 'list' | 'group' }
  | { allowed: false; reason: 'not-admin' | 'wrong-tenant' | 'unknown-user' | 'cannot-verify' | 'no-admins'; callerId?: string };

export interface AdminPolicyOptions {
  admins: string[];
  groupId?: string;
  /** When set, activities from other tenants are refused. */
  tenantId?: string;
  /** Transitive membership check (Graph checkMemberGroups); throws when Graph cannot answer. */
  isGroupMember?: (userId: string, groupId: string) => Promise<boolean>;
  now?: () => number;
  /** How long a membership answer is trusted. */
  memberCacheMs?: number;
  nonMemberCacheMs?: number;
}

export class AdminPolicy {
  private readonly admins: Set<string>;
  private readonly cache = new Map<string, { member: boolean; until: number }>();

  constructor(private readonly options: AdminPolicyOptions) {
    this.admins = new Set(options.admins.map((a) => a.toLowerCase()));
  }

  async check(caller: Caller, conversation: Conversation): Promise<AccessDecision> {
    const tenant = this.options.tenantId?.toLowerCase();
    if (tenant && conversation.tenantId !== tenant) return { allowed: false, reason: 'wrong-tenant' };
    const id = caller.aadObjectId.toLowerCase();
    if (!id) return { allowed: false, reason: 'unknown-user' };
    if (this.admins.has(id)) return { allowed: true, via: 'list' };
    const groupId = this.options.groupId;
    // Deployed without admins: every message says what to set; refusing to start would make App Service
    // restart the bot forever.
    if (this.admins.size === 0 && !groupId) return { allowed: false, reason: 'no-admins', callerId: id };
    if (!groupId || !this.options.isGroupMember) return { allowed: false, reason: 'not-admin' };

    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(id);
    if (cached && cached.until > now) {
      return cached.member ? { allowed: true, via: 'group' } : { allowed: false, reason: 'not-admin' };
    }
    let member: boolean;
    try {
      member = await this.options.isGroupMember(id, groupId);
    } catch {
      return { allowed: false, reason: 'cannot-verify' };
    }
    const ttl = member ? (this.options.memberCacheMs ?? 5 * 60_000) : (this.options.nonMemberCacheMs ?? 60_000);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { member, until: now + ttl });
    return member ? { allowed: true, via: 'group' } : { allowed: false, reason: 'not-admin' };
  }

  /** Whether `aadObjectId` may use the bot now, the group asked afresh (its answer also refreshes the chat's cache). */
  async stillAdmin(aadObjectId: string): Promise<StillAdmin> {
    const id = aadObjectId.toLowerCase();
    if (!id) return 'no';
    if (this.admins.has(id)) return 'yes';
    const groupId = this.options.groupId;
    if (!groupId || !this.options.isGroupMember) return 'no';
    let member: boolean;
    try {
      member = await this.options.isGroupMember(id, groupId);
    } catch {
      return 'unknown';
    }
    const now = (this.options.now ?? Date.now)();
    this.cache.set(id, {
      member,
      until: now + (member ? (this.options.memberCacheMs ?? 5 * 60_000) : (this.options.nonMemberCacheMs ?? 60_000)),
    });
    return member ? 'yes' : 'no';
  }
}

/** Is someone still an admin, asked at run time: `unknown` when the group cannot be asked now. */
export type StillAdmin = 'yes' | 'no' | 'unknown';
/** `unknown`: the admin group could not be asked; what that person set up waits for the next cycle. */
export type OwnerCheck = (aadObjectId: string) => Promise<StillAdmin>;

/**
 * For deliveries set up earlier (alerts, scheduled reports): asked once per cycle and person. The
 * group is asked afresh, not from the chat's membership cache, so someone removed from the group
 * loses delivery at the next cycle.
 */
export function ownerCheck(policy: AdminPolicy): OwnerCheck {
  const answers = new Map<string, Promise<StillAdmin>>();
  return (aadObjectId) => {
    const id = aadObjectId.toLowerCase();
    let answer = answers.get(id);
    if (!answer) {
      answer = policy.stillAdmin(id);
      answers.set(id, answer);
    }
    return answer;
  };
}

/** What the chat says to someone who is refused: the same words whatever the reason, but one. */
export function refusalText(decision: Exclude<AccessDecision, { allowed: true }>): string {
  if (decision.reason === 'no-admins') {
    // Only someone of this tenant gets here, and nobody can use the bot yet: saying so reveals nothing.
    const id = decision.callerId ?? '<your Entra object id>';
    return (
      'Nobody may use this bot yet: it runs without admins (BOT_ADMINS and BOT_ADMIN_GROUP_ID are both empty). ' +
      `Ask the Azure operator who deployed it to set BOT_ADMINS to your Entra object id, ${id}: ` +
      `\`az webapp config appsettings set -g <resource group> -n <web app> --settings BOT_ADMINS=${id}\`. The bot restarts with it.`
    );
  }
  if (decision.reason === 'cannot-verify') {
    return "I can't confirm your admin rights right now. Please try again in a minute.";
  }
  return 'Sorry, this bot is only for the Microsoft 365 administrators of this organisation.';
}
