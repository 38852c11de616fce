// How the bot's own HTTP stack reaches the simulator: @azure/core-rest-pipeline with its https-only
// bearer policy, over an https.Agent that trusts the simulator's CA and nothing else.
import { Agent } from 'node:https';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
  HttpClient,
  Pipeline,
  PipelineResponse,
} from '@azure/core-rest-pipeline';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { SimulatorInfo } from '../../../src/simulator';

export interface SimCall {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: () => any;
}

function toCall(res: PipelineResponse): SimCall {
  const text = res.bodyAsText ?? '';
  return { status: res.status, headers: res.headers.toJSON(), text, json: () => JSON.parse(text) };
}

export class SimClient {
  readonly agent: Agent;
  private readonly http: HttpClient = createDefaultHttpClient();
  private readonly pipelines = new Map<string, Pipeline>();

  constructor(
    readonly info: SimulatorInfo,
    readonly credential: TokenCredential,
  ) {
    this.agent = new Agent({ ca: info.caCertPem, keepAlive: true });
  }

  private pipeline(scope: string): Pipeline {
    let p = this.pipelines.get(scope);
    if (!p) {
      // No retries and no redirects: tests look at exactly what the service answered.
      p = createPipelineFromOptions({ retryOptions: { maxRetries: 0 }, redirectOptions: { maxRetries: 0 } });
      p.addPolicy(bearerTokenAuthenticationPolicy({ credential: this.credential, scopes: scope }));
      this.pipelines.set(scope, p);
    }
    return p;
  }

  async send(
    scope: string,
    url: string,
    method: 'GET' | 'POST' | 'PATCH' = 'GET',
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<SimCall> {
    const request = createPipelineRequest({ url, method, body: body === undefined ? undefined : JSON.stringify(body) });
    // createPipelineRequest drops an `agent` option; it must be set on the request itself.
    request.agent = this.agent;
    if (body !== undefined) request.headers.set('Content-Type', 'application/json');
    for (const [k, v] of Object.entries(headers)) request.headers.set(k, v);
    return toCall(await this.pipeline(scope).sendRequest(this.http, request));
  }

  graph(path: string, method: 'GET' | 'POST' | 'PATCH' = 'GET', body?: unknown, headers?: Record<string, string>): Promise<SimCall> {
    const url = path.startsWith('https://') ? path : `${this.info.graph}/v1.0${path}`;
    return this.send('https://graph.microsoft.com/.default', url, method, body, headers);
  }

  exchange(
    cmdlet: string,
    parameters: Record<string, unknown> = {},
    options: { url?: string; pageSize?: number; method?: 'GET' | 'POST' } = {},
  ): Promise<SimCall> {
    const url = options.url ?? `${this.info.exchange}/adminapi/beta/${this.info.tenantId}/InvokeCommand`;
    const headers: Record<string, string> = {
      'X-AnchorMailbox': `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${this.info.tenantId}`,
      'X-ResponseFormat': 'json',
      Prefer: `odata.maxpagesize=${options.pageSize ?? 1000}`,
    };
    const body = options.method === 'GET' ? undefined : { CmdletInput: { CmdletName: cmdlet, Parameters: parameters } };
    return this.send('https://outlook.office365.com/.default', url, options.method ?? 'POST', body, headers);
  }

  exchangeBatch(requests: unknown[]): Promise<SimCall> {
    return this.send('https://outlook.office365.com/.default', `${this.info.exchange}/adminapi/beta/${this.info.tenantId}/$batch`, 'POST', {
      requests,
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * Fetches a fresh token from the identity endpoint on every call. MSAL caches managed-identity
 * tokens process-wide, which hides role changes made through the control API.
 */
export function freshTokenCredential(info: SimulatorInfo): TokenCredential {
  return {
    async getToken(scopes: string | string[]): Promise<AccessToken> {
      const scope = Array.isArray(scopes) ? scopes[0] : scopes;
      const resource = scope.replace(/\/\.default$/, '');
      const res = await fetch(
        `${info.identityEndpoint}?api-version=2019-08-01&resource=${encodeURIComponent(resource)}&client_id=${info.clientId}`,
        {
          headers: { 'X-IDENTITY-HEADER': info.identityHeader },
        },
      );
      const body = (await res.json()) as { access_token: string; expires_on: string };
      return { token: body.access_token, expiresOnTimestamp: Number(body.expires_on) * 1000 };
    },
  };
}

export async function control(info: SimulatorInfo, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${info.controlUrl}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

export function decodeJwt(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}
