// Request shapes and paging rules of the Exchange client, over a fake transport. The simulated
// tenant (integration tests) covers the same calls end to end.
import { ExchangeClient } from '../../../src/m365/exchange-client';
import { ServiceError } from '../../../src/m365/service-error';
import { cmdletError, fakePipeline, type FakeAnswer, type SeenRequest } from './fake-transport';

const TENANT = '11111111-2222-3333-4444-555555555555';
const ROOT = `https://outlook.office365.com/adminapi/beta/${TENANT}`;
const mailbox = (n: number) => ({
  UserPrincipalName: `u${n}@contoso.com`,
  'UserPrincipalName@odata.type': '#String',
  DisplayName: `U${n}`,
  RecipientTypeDetails: 'UserMailbox',
  ExternalDirectoryObjectId: `id-${n}`,
  ProhibitSendReceiveQuota: 'Unlimited',
});

function client(answer: (req: SeenRequest, n: number) => FakeAnswer) {
  const fake = fakePipeline('exchange', answer);
  return {
    ...fake,
    exchange: new ExchangeClient({ endpoint: 'https://outlook.office365.com', tenantId: TENANT, pipeline: fake.pipeline }),
  };
}

describe('ExchangeClient.invokeCommand', () => {
  it('sends the headers Exchange expects and the CmdletInput body', async () => {
    const { exchange, seen } = client(() => ({ status: 200, body: { value: [mailbox(1)] } }));
    const found = await exchange.getMailboxes({ recipientTypeDetails: ['SharedMailbox'] });
    expect(found.map((m) => m.userPrincipalName)).toEqual(['u1@contoso.com']);
    const [req] = seen;
    expect(req.method).toBe('POST');
    // Only the properties the bot reads, with $select as CIPP-API's New-ExoRequest.ps1 sends it.
    const url = new URL(req.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${ROOT}/InvokeCommand`);
    expect(url.searchParams.get('$select')?.split(',')).toEqual(
      expect.arrayContaining(['UserPrincipalName', 'ProhibitSendQuota', 'ArchiveStatus', 'ExternalDirectoryObjectId']),
    );
    expect(req.headers).toMatchObject({
      'content-type': 'application/json',
      'x-anchormailbox': `APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@${TENANT}`,
      prefer: 'odata.maxpagesize=1000',
      'x-responseformat': 'json',
      authorization: 'Bearer tok',
    });
    expect(req.headers['client-request-id']).toBeTruthy();
    expect(req.body).toEqual({
      CmdletInput: { CmdletName: 'Get-Mailbox', Parameters: { ResultSize: 'Unlimited', RecipientTypeDetails: ['SharedMailbox'] } },
    });
  });

  it.each([
    ['a full URL', `${ROOT}/InvokeCommand?$skiptoken=p2`],
    ['a path from the root', `/adminapi/beta/${TENANT}/InvokeCommand?$skiptoken=p2`],
    ['a link relative to InvokeCommand', 'InvokeCommand?$skiptoken=p2'],
  ])('follows a next link given as %s, POSTing the same body', async (_kind, link) => {
    const { exchange, seen } = client((_req, n) =>
      n === 0 ? { status: 200, body: { value: [mailbox(1)], '@odata.nextLink': link } } : { status: 200, body: { value: [mailbox(2)] } },
    );
    const pages: string[][] = [];
    for await (const page of exchange.invokeCommand('Get-Mailbox', { ResultSize: 'Unlimited' }))
      pages.push(page.map((r) => String(r.UserPrincipalName)));
    expect(pages).toEqual([['u1@contoso.com'], ['u2@contoso.com']]);
    expect(seen[1].method).toBe('POST');
    expect(seen[1].url).toBe(`${ROOT}/InvokeCommand?$skiptoken=p2`);
    expect(seen[1].body).toEqual(seen[0].body);
    // One client-request-id for all pages of one cmdlet, as the module does.
    expect(seen[1].headers['client-request-id']).toBe(seen[0].headers['client-request-id']);
  });

  it('drops keys containing @ from records', async () => {
    const { exchange } = client(() => ({ status: 200, body: { '@adminapi.warnings': [], value: [mailbox(1)] } }));
    const [record] = await exchange.invokeCommandAll('Get-Mailbox');
    expect(Object.keys(record).some((k) => k.includes('@'))).toBe(false);
  });

  it('refuses to send its token to another origin named by a next link', async () => {
    const { exchange, seen } = client(() => ({
      status: 200,
      body: { value: [mailbox(1)], '@odata.nextLink': 'https://evil.example/adminapi/beta/x/InvokeCommand?$skiptoken=p2' },
    }));
    await expect(exchange.getMailboxes()).rejects.toMatchObject({ code: 'ForeignNextLink' });
    expect(seen).toHaveLength(1);
  });

  it('starts again once when a page link has expired, without repeating records', async () => {
    const expired = {
      status: 400,
      body: {
        error: {
          code: 'BadRequest',
          message: 'Invalid Operation',
          innererror: { internalexception: { message: 'Expired or Invalid pagination request. Default Expiry time is 00:30:00' } },
        },
      },
    };
    const { exchange, seen } = client((req, n) => {
      if (n === 1) return expired;
      if (req.url.includes('p2')) return { status: 200, body: { value: [mailbox(3)] } };
      return { status: 200, body: { value: [mailbox(1), mailbox(2)], '@odata.nextLink': `${ROOT}/InvokeCommand?$skiptoken=p2` } };
    });
    const all = await exchange.getMailboxes();
    expect(all.map((m) => m.userPrincipalName)).toEqual(['u1@contoso.com', 'u2@contoso.com', 'u3@contoso.com']);
    expect(seen).toHaveLength(4);
  });

  it('says null for a mailbox Exchange does not know, whatever the status', async () => {
    const { exchange } = client(() =>
      cmdletError(
        400,
        'BadRequest',
        "Ex1|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'x' couldn't be found.",
      ),
    );
    await expect(exchange.getMailbox('x@contoso.com')).resolves.toBeNull();
  });
});

describe('ExchangeClient.batch and statistics', () => {
  const stats = (items: number) => ({
    value: [
      {
        ItemCount: items,
        TotalItemSize: `${items} B (${items} bytes)`,
        DeletedItemCount: 0,
        TotalDeletedItemSize: '0 B (0 bytes)',
        LastInteractionTime: null,
        LastLogonTime: null,
      },
    ],
  });
  type BatchBody = {
    requests: {
      id: string;
      method: string;
      url: string;
      headers: Record<string, string>;
      body: { CmdletInput: { CmdletName: string; Parameters: { Identity: string; Archive?: boolean } } };
    }[];
  };

  it('sends up to 10 InvokeCommand requests per $batch and retries only the throttled ones', async () => {
    let throttledOnce = false;
    const { exchange, seen, retries } = client((req) => {
      const body = req.body as BatchBody;
      return {
        status: 200,
        body: {
          responses: body.requests.map((r) => {
            const id = r.body.CmdletInput.Parameters.Identity;
            if (id === 'id-3' && !throttledOnce) {
              throttledOnce = true;
              return {
                id: r.id,
                status: 429,
                headers: { 'Retry-After': '0.01' },
                body: { error: { code: 'TooManyRequests', message: 'slow down' } },
              };
            }
            if (id === 'id-4')
              return {
                id: r.id,
                status: 404,
                body: {
                  error: {
                    code: 'NotFound',
                    message: 'Error executing cmdlet',
                    details: [{ message: '|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|not found' }],
                  },
                },
              };
            return { id: r.id, status: 200, body: stats(Number(id.slice(3))) };
          }),
        },
      };
    });
    const ids = Array.from({ length: 12 }, (_, i) => `id-${i}`);
    const progress: number[] = [];
    const result = await exchange.getMailboxStatistics(ids, { onProgress: (d) => progress.push(d) });

    const batches = seen.filter((r) => r.url.endsWith('/$batch'));
    expect(batches[0].url).toBe(`${ROOT}/$batch`);
    const first = batches[0].body as BatchBody;
    expect(first.requests.length).toBeLessThanOrEqual(10);
    expect(first.requests[0]).toMatchObject({ method: 'POST', url: `https://outlook.office365.com/adminapi/beta/${TENANT}/InvokeCommand` });
    expect(first.requests[0].headers['X-AnchorMailbox']).toContain('SystemMailbox{bb558c35');
    // 12 identities → 2 batches, plus one batch holding only the throttled request.
    expect(batches).toHaveLength(3);
    expect((batches[2].body as BatchBody).requests.map((r) => r.body.CmdletInput.Parameters.Identity)).toEqual(['id-3']);
    expect(retries).toEqual([expect.objectContaining({ inner: true, status: 429, delayMs: 10 })]);

    expect(result.get('id-3')).toMatchObject({ itemCount: 3, totalItemSizeBytes: 3 });
    expect(result.get('id-11')).toMatchObject({ itemCount: 11 });
    const missing = result.get('id-4');
    expect(missing).toBeInstanceOf(ServiceError);
    expect((missing as ServiceError).notFound).toBe(true);
    expect(progress[progress.length - 1]).toBe(12);
  });

  it('asks for archive statistics with Archive: true', async () => {
    const { exchange, seen } = client((req) => ({
      status: 200,
      body: { responses: (req.body as BatchBody).requests.map((r) => ({ id: r.id, status: 200, body: stats(1) })) },
    }));
    await exchange.getMailboxStatistics(['a'], { archive: true });
    expect((seen[0].body as BatchBody).requests[0].body.CmdletInput.Parameters).toEqual({ Identity: 'a', Archive: true });
  });

  it('refuses more than 10 commands in one batch', async () => {
    const { exchange } = client(() => ({ status: 200, body: { responses: [] } }));
    await expect(exchange.batch(Array.from({ length: 11 }, () => ({ cmdlet: 'Get-Mailbox' })))).rejects.toThrow(/at most 10/);
  });
});
