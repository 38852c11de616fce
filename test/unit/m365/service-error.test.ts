import { serviceErrorFromBatchItem, serviceErrorFromResponse } from '../../../src/m365/service-error';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  bodyText: typeof body === 'string' ? body : JSON.stringify(body),
  header: (n: string) => headers[n.toLowerCase()],
});

describe('serviceErrorFromResponse: Exchange', () => {
  it('reads the text out of details[0].message "ErrorId|ExceptionType|text"', () => {
    const e = serviceErrorFromResponse(
      'exchange',
      answer(
        404,
        {
          error: {
            code: 'NotFound',
            message: 'Error executing cmdlet',
            details: [
              {
                code: 'Client',
                target: '',
                message:
                  "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'x' couldn't be found on 'DC1.PROD.OUTLOOK.COM'.",
              },
            ],
            innererror: { type: 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException' },
          },
        },
        { 'request-id': 'r-1' },
      ),
      { method: 'POST', url: 'https://outlook.office365.com/adminapi/beta/t/InvokeCommand?$skiptoken=abc' },
    );
    expect(e.code).toBe('ManagementObjectNotFoundException');
    expect(e.serviceMessage).toBe("The operation couldn't be performed because object 'x' couldn't be found on 'DC1.PROD.OUTLOOK.COM'.");
    expect(e.notFound).toBe(true);
    expect(e.requestId).toBe('r-1');
    expect(e.path).toBe('/adminapi/beta/t/InvokeCommand');
    expect(e.retryable).toBe(false);
    expect(e.message).toContain('Exchange Online 404');
  });

  it('says not found whatever the status (400, 500)', () => {
    for (const status of [400, 500]) {
      const e = serviceErrorFromResponse(
        'exchange',
        answer(status, {
          error: {
            code: 'X',
            message: 'Error executing cmdlet',
            details: [{ message: '|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|gone' }],
          },
        }),
      );
      expect(e.notFound).toBe(true);
    }
  });

  it('keeps | inside the text and falls back to innererror.internalexception', () => {
    const a = serviceErrorFromResponse(
      'exchange',
      answer(400, {
        error: { code: 'BadRequest', message: 'Invalid Operation', details: [{ message: '|Some.AmbiguousParameterSetException|a|b' }] },
      }),
    );
    expect(a.serviceMessage).toBe('a|b');
    expect(a.code).toBe('AmbiguousParameterSetException');
    const b = serviceErrorFromResponse(
      'exchange',
      answer(400, {
        error: {
          code: 'BadRequest',
          message: 'Invalid Operation',
          innererror: {
            internalexception: { message: 'Cannot convert value', type: 'System.Management.Automation.ParameterBindingException' },
          },
        },
      }),
    );
    expect(b.serviceMessage).toBe('Cannot convert value');
    expect(b.code).toBe('ParameterBindingException');
  });

  it('copes with the bodyless (NUL bytes) 403 and uses x-ms-diagnostics when present', () => {
    const e = serviceErrorFromResponse(
      'exchange',
      answer(403, '\u0000\u0000\u0000\u0000', { 'x-ms-diagnostics': '2000003;reason="RBAC denied"' }),
    );
    expect(e.status).toBe(403);
    expect(e.code).toBe('Forbidden');
    expect(e.serviceMessage).toContain('RBAC denied');
  });

  it('marks throttling and the concurrency refusal as retryable', () => {
    expect(serviceErrorFromResponse('exchange', answer(429, '')).retryable).toBe(true);
    expect(serviceErrorFromResponse('exchange', answer(503, '')).retryable).toBe(true);
    const busy = serviceErrorFromResponse(
      'exchange',
      answer(400, {
        error: { code: 'x', message: 'You have reached the maximum number of concurrent requests per tenant. Please wait and try again' },
      }),
    );
    expect(busy.retryable).toBe(true);
  });
});

describe('serviceErrorFromResponse: Graph', () => {
  it('reads code, message and the inner request id', () => {
    const e = serviceErrorFromResponse(
      'graph',
      answer(403, {
        error: {
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
          innerError: { 'request-id': 'g-1', date: '2024-01-01' },
        },
      }),
      { method: 'GET', url: 'https://graph.microsoft.com/v1.0/users?$top=999' },
    );
    expect(e.code).toBe('Authorization_RequestDenied');
    expect(e.serviceMessage).toBe('Insufficient privileges to complete the operation.');
    expect(e.requestId).toBe('g-1');
    expect(e.path).toBe('/v1.0/users');
    expect(e.notFound).toBe(false);
  });

  it('reads inner $batch answers with their own headers', () => {
    const e = serviceErrorFromBatchItem(
      'graph',
      { status: 404, headers: { 'Request-Id': 'b-1' }, body: { error: { code: 'Request_ResourceNotFound', message: 'nope' } } },
      { method: 'GET', url: '/v1.0/users/x' },
    );
    expect(e.notFound).toBe(true);
    expect(e.requestId).toBe('b-1');
    expect(e.code).toBe('Request_ResourceNotFound');
  });

  it('names the status when the body says nothing', () => {
    const e = serviceErrorFromResponse('graph', answer(502, '<html>bad gateway</html>'));
    expect(e.code).toBe('BadGateway');
    expect(e.retryable).toBe(true);
  });
});
