// Follows a redirect only to a host the caller allows, sending the same method and body again.
// Exchange's InvokeCommand and $batch are POSTs: under the Fetch rules a 301/302 would turn them into
// a bodiless GET, so the request is re-sent as it was (a public Go client of the admin API re-POSTs
// to the Location and rewrites the backend port 446 to 443; ScubaGear's EXORestHelper.psm1 expects a
// tenant-specific host).
// The bearer policy signs each hop again, after this check, so the token never leaves the allowed
// hosts. Graph's pipeline has no such policy: its one redirect (a report download) is followed by
// the Graph client itself, without the token.
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { ServiceError, type ServiceName } from './service-error';

export const redirectPolicyName = 'allowedHostRedirectPolicy';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 3;

export function allowedHostRedirectPolicy(service: ServiceName, allowed: (url: URL) => boolean): PipelinePolicy {
  return {
    name: redirectPolicyName,
    async sendRequest(request, next) {
      for (let hop = 0; ; hop++) {
        const response = await next(request);
        if (!REDIRECTS.has(response.status)) return response;
        const location = response.headers.get('location');
        if (!location || hop >= MAX_HOPS) return response;
        const target = new URL(location, request.url);
        if (!allowed(target)) {
          throw new ServiceError({
            service,
            status: response.status,
            code: 'ForeignRedirect',
            serviceMessage: `the service redirected to ${target.origin}, which is not one of Microsoft's Exchange Online hosts; the bot does not send its token there`,
            method: request.method,
            path: new URL(request.url).pathname,
          });
        }
        if (target.port === '446') target.port = '';
        request.url = target.toString();
      }
    },
  };
}
