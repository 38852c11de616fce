// The simulator's control API (CONTRACT.md "The simulated tenant"): plain http, loopback only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ModelBook } from './cost-model';
import type { FaultBook } from './faults';
import type { RequestLog } from './request-log';
import type { TenantState } from './tenant-state';
import { signingKeys } from './token';
import { isDay } from './tenant-clock';
import { isObject, parseJson, readBody } from './wire';

export const OPENID_CONFIGURATION_PATH = '/_sim/openid/v2.0/.well-known/openid-configuration';
const OPENID_KEYS_PATH = '/_sim/openid/discovery/v2.0/keys';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const TENANT_FIELDS = new Set(['identity', 'reportSettings', 'organization', 'reportRefreshDate', 'subscribedSkus', 'groups', 'tenant']);

function send(res: ServerResponse, status: number, body?: unknown): void {
  const bytes = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(bytes.length) });
  res.end(bytes);
}

export function controlListener(deps: {
  state: TenantState;
  faults: FaultBook;
  log: RequestLog;
  model: ModelBook;
  info: () => unknown;
  quiet: boolean;
}) {
  const { state, faults, log } = deps;
  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return send(res, 403, { error: 'The control API answers loopback callers only.' });
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch {
        return send(res, 413, { error: 'Body too large.' });
      }
      const url = new URL(req.url ?? '/', 'http://control.invalid');
      const path = url.pathname;
      const method = (req.method ?? 'GET').toUpperCase();
      const json = (): Record<string, unknown> | undefined => {
        const parsed = parseJson(body);
        return parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
      };

      if (path === '/_sim/info' && method === 'GET') return send(res, 200, deps.info());
      // Entra's OpenID metadata for the tenant's tokens, so a reader can check their signatures
      // (the bot's POST /api/alerts/run in the demo). Entra serves it at
      // login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration.
      if (path === OPENID_CONFIGURATION_PATH && method === 'GET') {
        const base = `http://${req.headers.host ?? '127.0.0.1'}`;
        return send(res, 200, {
          issuer: `https://login.microsoftonline.com/${state.tenantId}/v2.0`,
          jwks_uri: `${base}${OPENID_KEYS_PATH}`,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (path === OPENID_KEYS_PATH && method === 'GET') return send(res, 200, signingKeys());
      if (path === '/_sim/requests') {
        if (method === 'DELETE') {
          log.reset();
          return send(res, 204);
        }
        if (method === 'GET') {
          const snapshot = log.snapshot();
          if (url.searchParams.get('reset') === '1') log.reset();
          return send(res, 200, snapshot);
        }
      }
      if (path === '/_sim/faults') {
        if (method === 'GET') return send(res, 200, { rules: faults.list() });
        if (method === 'PUT') {
          const parsed = parseJson(body);
          if (!parsed.ok) return send(res, 400, { error: 'The body is not valid JSON.' });
          try {
            return send(res, 200, { rules: faults.set(parsed.value) });
          } catch (e) {
            return send(res, 400, { error: (e as Error).message });
          }
        }
      }
      if (path === '/_sim/model') {
        if (method === 'GET') return send(res, 200, deps.model.get());
        if (method === 'PUT') {
          const parsed = parseJson(body);
          if (!parsed.ok) return send(res, 400, { error: 'The body is not valid JSON.' });
          try {
            return send(res, 200, deps.model.merge(parsed.value));
          } catch (e) {
            return send(res, 400, { error: (e as Error).message });
          }
        }
      }
      if (path === '/_sim/clock') {
        if (method === 'GET')
          return send(res, 200, { today: state.clock.today(), asOf: state.asOf, reportRefreshDate: state.reportRefreshDate() });
        if (method === 'PUT') {
          const body = json();
          const today = body?.today;
          const extra = body && Object.keys(body).find((k) => k !== 'today');
          if (!body || extra || !isDay(today)) return send(res, 400, { error: 'The body must be {"today":"YYYY-MM-DD"}.' });
          state.setToday(today);
          return send(res, 200, { today: state.clock.today(), asOf: state.asOf, reportRefreshDate: state.reportRefreshDate() });
        }
      }
      const user = /^\/_sim\/users\/([^/]+)$/.exec(path);
      if (user) {
        let key = user[1];
        try {
          key = decodeURIComponent(key);
        } catch {
          return send(res, 400, { error: 'The user id is not a valid URL component.' });
        }
        if (method === 'GET') {
          const found = state.findUser(key);
          return found ? send(res, 200, found) : send(res, 404, { error: `No user '${key}' in the tenant.` });
        }
        if (method === 'PATCH') {
          const patch = json();
          if (!patch) return send(res, 400, { error: 'The body must be a JSON object of fixture user fields.' });
          const updated = state.patchUser(key, patch);
          return updated ? send(res, 200, updated) : send(res, 404, { error: `No user '${key}' in the tenant.` });
        }
      }
      if (path === '/_sim/tenant' && method === 'PATCH') {
        const patch = json();
        if (!patch) return send(res, 400, { error: 'The body must be a JSON object.' });
        const unknown = Object.keys(patch).find((k) => !TENANT_FIELDS.has(k));
        if (unknown) return send(res, 400, { error: `'${unknown}' cannot be patched here; use one of ${[...TENANT_FIELDS].join(', ')}.` });
        state.patchTenant(patch);
        const { users: _users, ...rest } = state.fixture;
        return send(res, 200, rest);
      }
      return send(res, 404, { error: `No control endpoint ${method} ${path}.` });
    })().catch((error: unknown) => {
      if (!deps.quiet) console.error('[simulator:control]', error);
      if (!res.headersSent) send(res, 500, { error: 'The control API failed.' });
    });
  };
}
