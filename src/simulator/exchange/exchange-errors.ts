// Exchange admin API error bodies: an OData envelope whose details[0].message carries
// "ErrorId|ExceptionType|text", the form the ExchangeOnlineManagement module splits on '|'.
import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../wire';

export const NOT_FOUND_TYPE = 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException';
export const AMBIGUOUS_TYPE = 'Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException';
export const PARAMETER_SET_TYPE = 'Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException';
export const PARAMETER_BINDING_TYPE = 'System.Management.Automation.ParameterBindingException';
export const COMMAND_NOT_FOUND_TYPE = 'System.Management.Automation.CommandNotFoundException';

/** The domain controller name Exchange puts in its not-found text. */
export const DOMAIN_CONTROLLER = 'AM7PR01A012DC04.EURPR01A012.PROD.OUTLOOK.COM';

export function exchangeError(
  req: SimRequest,
  status: number,
  code: string,
  message: string,
  errorId: string,
  exceptionType: string,
  text: string,
): SimResponse {
  const requestId = req.headers['client-request-id'] ?? randomUUID();
  return {
    status,
    headers: { 'request-id': requestId, 'x-ExceptionType': exceptionType.split('.').pop() ?? exceptionType },
    body: {
      error: {
        code,
        message,
        details: [{ code: 'Client', target: '', message: `${errorId}|${exceptionType}|${text}` }],
        innererror: {
          message,
          type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException',
          stacktrace: '',
          internalexception: { message: text, type: exceptionType, stacktrace: '' },
        },
        'adminapi.warnings@odata.type': '#Collection(String)',
        '@adminapi.warnings': [],
      },
    },
  };
}

export const notFound = (req: SimRequest, identity: string): SimResponse =>
  exchangeError(
    req,
    404,
    'NotFound',
    'Error executing cmdlet',
    'Ex6F9304',
    NOT_FOUND_TYPE,
    `The operation couldn't be performed because object '${identity}' couldn't be found on '${DOMAIN_CONTROLLER}'.`,
  );

export const ambiguous = (req: SimRequest, identity: string): SimResponse =>
  exchangeError(
    req,
    400,
    'BadRequest',
    'Error executing cmdlet',
    'Ex17F4C7',
    AMBIGUOUS_TYPE,
    `The operation couldn't be performed because '${identity}' matches multiple entries.`,
  );

export const badParameter = (req: SimRequest, text: string, type = PARAMETER_SET_TYPE): SimResponse =>
  exchangeError(req, 400, 'BadRequest', 'Invalid Operation', '', type, text);

export const invalidFilter = (req: SimRequest, filter: string, position: number): SimResponse =>
  badParameter(
    req,
    `Cannot bind parameter 'Filter' to the target. Exception setting "Filter": "Invalid filter syntax. For a description of the filter parameter syntax see the command help.\n"${filter}" at position ${position}."`,
    PARAMETER_BINDING_TYPE,
  );

const STATUS_TEXT: Record<number, [string, string]> = {
  400: ['BadRequest', 'Bad request.'],
  404: ['NotFound', 'Not found.'],
  413: ['RequestEntityTooLarge', 'The request body is too large.'],
  429: ['TooManyRequests', 'You have reached the maximum number of concurrent requests per tenant. Please wait and try again'],
  500: ['InternalServerError', 'An internal server error occurred.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Please try again later.'],
  504: ['GatewayTimeout', 'The request timed out.'],
};

/**
 * Transient server-side exceptions the ExchangeOnlineManagement module retries (its
 * RetryableExceptions constant, as copied into public C# ports of the module script), with the
 * namespace each lives in and a message in Exchange's manner (the wording is modelled, not captured).
 */
export const TRANSIENT_EXCEPTIONS: Record<string, [string, string]> = {
  DCOverloadedException: [
    'Microsoft.Exchange.Data.Directory.DCOverloadedException',
    `The domain controller ${DOMAIN_CONTROLLER} is overloaded. Please try again later.`,
  ],
  SuitabilityDirectoryException: [
    'Microsoft.Exchange.Data.Directory.SuitabilityDirectoryException',
    `The Active Directory server ${DOMAIN_CONTROLLER} is not available. Please try again later.`,
  ],
  ServerInMMException: [
    'Microsoft.Exchange.Data.Directory.ServerInMMException',
    'The server is in maintenance mode. Please try again later.',
  ],
  ADServerSettingsChangedException: [
    'Microsoft.Exchange.Data.Directory.ADServerSettingsChangedException',
    'The Active Directory server settings changed while the command ran. Please run it again.',
  ],
  StorageTransientException: [
    'Microsoft.Exchange.Data.Storage.StorageTransientException',
    'A transient storage error occurred. Please try again later.',
  ],
};

/**
 * Any status in Exchange's shape; 401 and 403 come bodiless, as observed from the real service.
 * `exception` names the .NET exception of the body (a short name from TRANSIENT_EXCEPTIONS, or any
 * full type name).
 */
export function exchangeStatusError(req: SimRequest, status: number, retryAfterSeconds?: number, exception?: string): SimResponse {
  if (status === 401) return unauthorized('2000003;reason="Injected fault";error_category="invalid_token"');
  if (status === 403) return forbidden();
  const [code, text] = STATUS_TEXT[status] ?? ['Error', `The service answered ${status}.`];
  const named = exception
    ? (TRANSIENT_EXCEPTIONS[exception] ?? [
        exception.includes('.') ? exception : `Microsoft.Exchange.${exception}`,
        `${exception} occurred.`,
      ])
    : undefined;
  const response = named
    ? exchangeError(req, status, code, 'Error executing cmdlet', '', named[0], named[1])
    : exchangeError(req, status, code, text, '', `Microsoft.Exchange.AdminApi.${code}Exception`, text);
  if (retryAfterSeconds !== undefined || status === 429)
    response.headers = { ...response.headers, 'Retry-After': String(retryAfterSeconds ?? 1) };
  return response;
}

/**
 * 401: no usable token, or no Exchange.ManageAsApp. The real body is empty and the reason travels
 * in headers; the x-ms-diagnostics wording here is modelled on Exchange's, not captured.
 */
export function unauthorized(diagnostics: string): SimResponse {
  return {
    status: 401,
    headers: {
      'WWW-Authenticate':
        'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"',
      'x-ms-diagnostics': diagnostics,
    },
  };
}

/** 403 with the app role but no directory role: observed live as a body of NUL bytes. */
export function forbidden(): SimResponse {
  return { status: 403, headers: { 'Content-Type': 'application/octet-stream' }, body: Buffer.alloc(16) };
}

/** A method the endpoint does not take (`text` says which it does). */
export function methodNotAllowed(req: SimRequest, text: string): SimResponse {
  return exchangeError(
    req,
    405,
    'MethodNotAllowed',
    'The HTTP method is not allowed.',
    '',
    'Microsoft.Exchange.Admin.OData.Core.ODataServiceException',
    text,
  );
}
