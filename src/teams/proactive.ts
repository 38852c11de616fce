// Speaking first: the conversation reference the bot keeps for each conversation, and sending into
// it later through CloudAdapter.continueConversationAsync. Teams' refusals come back as SendFailure
// (status, Retry-After) for the alert cycle, which knows nothing of botbuilder.
import { CloudAdapter, ConversationReference, TurnContext, type Activity } from 'botbuilder';
import type { Message } from '../dispatch/types';
import { SendFailure, type MessageSender } from '../cycle/delivery';

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

/**
 * Teams' Bot Connector service hosts, the only places a stored conversation reference may send the
 * bot's token to. The public cloud's regional forms (…/amer/, /emea/, /apac/, /teams/) are paths on
 * smba.trafficmanager.net; the US government clouds have their own hosts. Source: the Microsoft 365
 * Agents SDK's well-known Teams service URLs, `TeamsServiceEndpoints` (publicGlobal
 * https://smba.trafficmanager.net/teams/, gcc https://smba.infra.gcc.teams.microsoft.com/teams,
 * gccHigh https://smba.infra.gov.teams.microsoft.us/teams, dod https://smba.infra.dod.teams.microsoft.us/teams):
 * https://microsoft.github.io/Agents-for-js/variables/_microsoft_agents-hosting.TeamsServiceEndpoints.html
 * and learn.microsoft.com/dotnet/api/microsoft.agents.extensions.msteams.teamsproactiveserviceendpoints.
 */
export const TEAMS_SERVICE_HOSTS: readonly string[] = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
];

export interface ServiceUrlPolicy {
  /** Demo mode: the Agents Playground listens on loopback (http). Never outside demo mode. */
  allowLoopback: boolean;
  /** More origins (`https://host:port`) to trust: tests' local connector in a production-mode bot. */
  extraOrigins?: string[];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why the bot must not post to `serviceUrl` (and hand it its Bot Framework token), or undefined when it may. */
export function serviceUrlProblem(serviceUrl: unknown, policy: ServiceUrlPolicy): string | undefined {
  if (typeof serviceUrl !== 'string') return 'no serviceUrl';
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return 'serviceUrl is not a URL';
  }
  if (policy.extraOrigins?.includes(url.origin)) return undefined;
  if (url.username || url.password) return 'serviceUrl carries credentials';
  if (url.protocol === 'https:' && url.port === '' && TEAMS_SERVICE_HOSTS.includes(url.hostname.toLowerCase())) return undefined;
  if (policy.allowLoopback && (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname.toLowerCase()))
    return undefined;
  return `serviceUrl host ${url.host.slice(0, 100)} is not a Teams service host`;
}

/** A stored reference that points anywhere but Teams: never sent, never retried into success. */
export const REFUSED_SERVICE_URL = 421;

function retryAfterMs(err: any): number | undefined {
  const headers = err?.response?.headers;
  const raw = typeof headers?.get === 'function' ? headers.get('retry-after') : headers?.['retry-after'];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.min(seconds, 600)) * 1000;
  const at = Date.parse(String(raw));
  return Number.isNaN(at) ? undefined : Math.max(0, Math.min(at - Date.now(), 600_000));
}

export class ProactiveSender implements MessageSender {
  constructor(
    private readonly adapter: CloudAdapter,
    /** '' in demo mode (no channel authentication). */
    private readonly appId: string,
    private readonly toActivity: (message: Message) => Record<string, unknown>,
    private readonly serviceUrls: ServiceUrlPolicy,
  ) {}

  async send(reference: Record<string, unknown>, message: Message): Promise<{ id: string }> {
    // The reference comes from storage, which is not trusted: its serviceUrl decides where the bot's token goes.
    const problem = serviceUrlProblem(reference.serviceUrl, this.serviceUrls);
    if (problem) throw new SendFailure(REFUSED_SERVICE_URL, `refused to send: ${problem}`);
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
