// Microsoft Graph's error envelope: {"error":{"code","message","innerError":{date,request-id,...}}}.
import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../wire';

export function graphError(
  req: SimRequest,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): SimResponse {
  const requestId = randomUUID();
  const clientRequestId = req.headers['client-request-id'] ?? requestId;
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': clientRequestId, ...headers },
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId, 'client-request-id': clientRequestId },
      },
    },
  };
}

const FAULT_TEXT: Record<number, [string, string]> = {
  400: ['BadRequest', 'Bad request.'],
  401: ['InvalidAuthenticationToken', 'Access token validation failure.'],
  403: ['Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'],
  404: ['Request_ResourceNotFound', 'Resource not found.'],
  413: ['RequestEntityTooLarge', 'The request body is too large.'],
  429: ['TooManyRequests', 'Please retry again later.'],
  500: ['InternalServerError', 'An internal server error occurred.'],
  502: ['BadGateway', 'Bad gateway.'],
  503: ['serviceNotAvailable', 'The service is temporarily unavailable. Please retry later.'],
  504: ['GatewayTimeout', 'The gateway timed out.'],
};

/** A refusal in Graph's shape for any status, with Retry-After where one applies. */
export function graphStatusError(req: SimRequest, status: number, retryAfterSeconds?: number): SimResponse {
  const [code, message] = FAULT_TEXT[status] ?? ['UnknownError', `The service answered ${status}.`];
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers['Retry-After'] = String(retryAfterSeconds);
  else if (status === 429 || status === 503) headers['Retry-After'] = '2';
  return graphError(req, status, code, message, headers);
}

export const insufficientPrivileges = (req: SimRequest): SimResponse =>
  graphError(req, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export const resourceNotFound = (req: SimRequest, id: string): SimResponse =>
  graphError(
    req,
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
