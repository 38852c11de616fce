// App Service's managed-identity token endpoint (api-version 2019-08-01), as @azure/identity's
// ManagedIdentityCredential calls it through IDENTITY_ENDPOINT and IDENTITY_HEADER.
import { randomUUID } from 'node:crypto';
import type { Service } from './front-door';
import type { TenantState } from './tenant-state';
import { EXCHANGE_AUDIENCES, GRAPH_AUDIENCES, issueToken, KNOWN_RESOURCES, ownAppAudiences } from './token';
import type { SimRequest, SimResponse } from './wire';

export const IDENTITY_PATH = '/msi/token';

/**
 * App Service answers refusals as {"statusCode","message","correlationId"}; "Unable to load the
 * proper Managed Identity." (400, unknown client id) is quoted from a real one
 * (Azure/azure-sdk-for-net#43691). The texts for a wrong secret header, a missing resource and a
 * wrong api-version are not published, so only their status and shape are claimed here.
 */
function refusal(status: number, message: string): SimResponse {
  const correlationId = randomUUID();
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-CORRELATION-ID': correlationId },
    body: { statusCode: status, message, correlationId },
  };
}

export function identityService(state: TenantState, options: { header: string; tokenLifetimeSeconds: number }): Service {
  return {
    api: 'identity',
    errorResponse: (_req, status) =>
      refusal(status, status === 429 ? 'Too many requests.' : status >= 500 ? 'An unexpected error occurred.' : 'The request was refused.'),
    async handle(req: SimRequest): Promise<SimResponse> {
      if (req.path.toLowerCase() !== IDENTITY_PATH) return refusal(404, 'Not found.');
      if (req.method !== 'GET') return refusal(405, 'Method not allowed.');
      if (req.headers['x-identity-header'] !== options.header) return refusal(401, 'The X-IDENTITY-HEADER header is missing or invalid.');
      if (req.query.get('api-version') !== '2019-08-01')
        return refusal(400, 'The api-version is missing or not supported. Use 2019-08-01.');
      const resource = req.query.get('resource');
      if (!resource) return refusal(400, 'No resource specified. Please specify a resource in the request.');
      const identity = state.fixture.identity;
      const asked = { client_id: identity.clientId, principal_id: identity.principalId, object_id: identity.principalId };
      for (const [name, expected] of Object.entries(asked)) {
        const value = req.query.get(name);
        if (value !== null && value.toLowerCase() !== expected.toLowerCase())
          return refusal(400, 'Unable to load the proper Managed Identity.');
      }
      if (req.query.get('mi_res_id') !== null) return refusal(400, 'Unable to load the proper Managed Identity.');
      if (!KNOWN_RESOURCES.includes(resource) && !ownAppAudiences(identity.clientId).includes(resource)) {
        return refusal(
          400,
          `AADSTS500011: The resource principal named ${resource} was not found in the tenant named ${state.tenantId}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
        );
      }
      const roles = (GRAPH_AUDIENCES as readonly string[]).includes(resource)
        ? identity.graphAppRoles
        : (EXCHANGE_AUDIENCES as readonly string[]).includes(resource)
          ? identity.exchangeAppRoles
          : [];
      const { token, claims } = issueToken({
        resource,
        tenantId: state.tenantId,
        principalId: identity.principalId,
        clientId: identity.clientId,
        roles,
        directoryRoles: identity.directoryRoles,
        lifetimeSeconds: options.tokenLifetimeSeconds,
      });
      return {
        status: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: { access_token: token, expires_on: String(claims.exp), resource, token_type: 'Bearer', client_id: identity.clientId },
      };
    },
  };
}
