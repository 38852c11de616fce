// The HTTP face of the bot: restify with the Bot Framework endpoint, and every other route of the bot
// (health check, export downloads, alert runs), each declared as plain data (model/http.ts) and
// mounted here, the one place that speaks restify.
import {
  Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticateRequestResult, AuthenticationError } from 'botframework-connector';
import * as restify from 'restify';
import type { AddressInfo } from 'node:net';
import type { Router } from '../dispatch/router';
import type { BotConfig } from '../config';
import type { Logger } from '../log';
import type { HttpRequest, HttpRoute } from '../model/http';
import type { BotServices } from '../services';
import { TeamsBot } from './bot';
import { channelTokenProblem, ChannelTokenRules } from './channel-token';
import { isJsonContentType, readJsonBody, refuseEncodedBodies } from './http-body';

export interface BotServerOptions {
  config: BotConfig;
  router: Router;
  services: BotServices;
  log: Logger;
  /** Extra botbuilder authentication settings (e.g. a test's own OpenID metadata); set all together. */
  authOverrides?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** The bot's other endpoints (exports, alert runs). */
  routes?: HttpRoute[];
  bindHost?: string;
  clock?: () => Date;
  /** Tests: origins a production-mode bot may post proactive messages to besides Teams' hosts. */
  trustedServiceUrls?: string[];
  /** Tests: a shorter wait for a slow request body than BODY_TIMEOUT_MS. */
  bodyTimeoutMs?: number;
}

export interface BotServer {
  url: string;
  port: number;
  bot: TeamsBot;
  close(): Promise<void>;
}

export async function startBotServer(options: BotServerOptions): Promise<BotServer> {
  const { config, log } = options;
  const tokenRules: ChannelTokenRules = {
    enforce: !config.demo && !!config.bot.appId,
    tenantId: config.bot.appTenantId || config.tenantId,
    issuer: options.authOverrides?.ToBotFromChannelTokenIssuer,
  };
  const auth = new ChannelAuthentication(log, tokenRules, {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId,
    MicrosoftAppPassword: process.env.MicrosoftAppPassword ?? '',
    ...options.authOverrides,
  } as ConfigurationBotFrameworkAuthenticationOptions);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error('turn failed', { err: error as Error, activityType: context.activity?.type });
    try {
      if (context.activity?.type === 'message') await context.sendActivity('Sorry, something went wrong on my side. It has been logged.');
    } catch {
      // The channel may be the thing that failed; the log line above is what remains.
    }
  };
  const bot = new TeamsBot({
    adapter,
    appId: config.bot.appId,
    router: options.router,
    services: options.services,
    log,
    clock: options.clock,
    serviceUrls: { allowLoopback: config.demo, extraOrigins: options.trustedServiceUrls },
  });

  const server = restify.createServer({ name: 'mailbox-watch', handleUncaughtExceptions: false });
  server.pre(refuseEncodedBodies(log));
  server.use(readJsonBody(log, undefined, options.bodyTimeoutMs));
  server.use(restify.plugins.queryParser({ mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    if (!isJsonContentType(req.headers['content-type'])) {
      // An empty form post is no activity either; only the connector's JSON is.
      log.warn('request refused', { path: '/api/messages', status: 415, problem: 'content-type' });
      res.send(415, { error: 'The body must be application/json.' });
      return;
    }
    const body: any = (req as any).body;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string') {
      log.warn('malformed activity', { problem: 'body is not an activity' });
      res.send(400, { error: 'The body must be a Bot Framework activity (JSON object with a type).' });
      return;
    }
    const problem = activityProblem(body);
    if (problem) {
      log.warn('malformed activity', { problem });
      res.send(400, { error: problem });
      return;
    }
    const answered = options.services.chats.started();
    try {
      await adapter.process(req as any, res as any, (context) => bot.run(context));
    } catch (err) {
      log.error('activity processing failed', { err: err as Error });
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    } finally {
      answered();
    }
  });
  const health: HttpRoute = {
    method: 'GET',
    path: '/healthz',
    handle: async () => ({ status: 200, json: { status: 'ok', demo: config.demo } }),
  };
  for (const route of [health, ...(options.routes ?? [])]) mount(server, route, log);

  server.on('restifyError', (req: any, res: any, err: any, cb: any) => {
    // restify answers bad JSON and oversize bodies itself; log them without their content.
    // (A GET on /api/messages is how the playground waits for the bot: not worth a warning.)
    const level = err?.statusCode === 405 ? 'debug' : 'warn';
    log[level]('request refused', { path: req?.path?.(), status: err?.statusCode, problem: err?.name });
    return cb();
  });

  await new Promise<void>((resolve) => server.listen(config.port, options.bindHost ?? '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    bot,
    close: async () => {
      await bot.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function mount(server: restify.Server, route: HttpRoute, log: Logger): void {
  const handler = async (req: restify.Request, res: restify.Response) => {
    const request: HttpRequest = {
      params: stringsOf(req.params),
      query: stringsOf(req.query),
      headers: stringsOf(req.headers),
    };
    const answer = await route.handle(request).catch((err: unknown) => {
      log.error('request failed', { path: route.path, err: err as Error });
      return { status: 500, json: { error: 'internal error' } } as Awaited<ReturnType<HttpRoute['handle']>>;
    });
    if (answer.json !== undefined) {
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.header(name, value);
      res.send(answer.status, answer.json);
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? '');
  };
  if (route.method === 'GET') server.get(route.path, handler);
  else server.post(route.path, handler);
}

/** Only strings: a repeated parameter or header is joined as Node joins headers; anything nested is left out. */
function stringsOf(values: unknown): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  if (!values || typeof values !== 'object') return out;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) out[name] = value.join(', ');
  }
  return out;
}

/** Invoke names TeamsBot answers; botbuilder would answer any other with 501. */
const HANDLED_INVOKES = new Set(['adaptiveCard/action']);

/** What botbuilder would turn into a 500 or 501 (or a reply sent nowhere), said as a 400 instead. */
function activityProblem(activity: Record<string, unknown>): string | undefined {
  const serviceUrl = activity.serviceUrl;
  if (typeof serviceUrl !== 'string' || !/^https?:\/\/[^\s/]+/i.test(serviceUrl)) return 'The activity has no valid serviceUrl.';
  // botbuilder and the Teams handlers read these as strings; anything else fails the turn midway.
  const shapes: [string, unknown, boolean][] = [
    ['from', activity.from, true],
    ['recipient', activity.recipient, true],
    ['conversation', activity.conversation, true],
  ];
  for (const [name, value, required] of shapes) {
    if (value === undefined && !required) continue;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return `The activity's ${name} must be an object.`;
    const account = value as Record<string, unknown>;
    if (typeof account.id !== 'string') return `The activity's ${name}.id must be a string.`;
    for (const field of ['name', 'aadObjectId', 'conversationType', 'tenantId', 'role']) {
      if (account[field] !== undefined && account[field] !== null && typeof account[field] !== 'string')
        return `The activity's ${name}.${field} must be a string.`;
    }
  }
  for (const field of ['text', 'channelId', 'id', 'replyToId', 'locale', 'textFormat']) {
    if (activity[field] !== undefined && activity[field] !== null && typeof activity[field] !== 'string')
      return `The activity's ${field} must be a string.`;
  }
  if (activity.entities !== undefined && activity.entities !== null && !Array.isArray(activity.entities))
    return "The activity's entities must be a list.";
  if (activity.type === 'invoke' && !(typeof activity.name === 'string' && HANDLED_INVOKES.has(activity.name))) {
    return 'This bot answers no invoke of that name.';
  }
  return undefined;
}

/**
 * botbuilder answers 500 (with the validator's message) when a token's signature or shape is bad,
 * because jsonwebtoken's errors are not AuthenticationErrors; every refused token must be a 401.
 */
class ChannelAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    private readonly log: Logger,
    private readonly rules: ChannelTokenRules,
    settings: ConfigurationBotFrameworkAuthenticationOptions,
  ) {
    super(settings);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const problem = channelTokenProblem(authHeader ?? '', activity, this.rules);
    if (problem) {
      this.log.warn('channel token refused', { problem });
      throw new AuthenticationError('Unauthorized Access. Request is not authorized', 401);
    }
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      const name = (err as Error)?.name ?? '';
      if (err instanceof AuthenticationError || /^(JsonWebTokenError|NotBeforeError|TokenExpiredError)$/.test(name)) {
        this.log.warn('channel token refused', { problem: err instanceof AuthenticationError ? err.message : name });
        throw err instanceof AuthenticationError ? err : new AuthenticationError('Unauthorized Access. Request is not authorized', 401);
      }
      throw err;
    }
  }
}
