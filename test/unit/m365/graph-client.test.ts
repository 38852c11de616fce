// Request shapes and the token-safety rules of the Graph client, over a fake transport.
import { GraphClient, odataString } from '../../../src/m365/graph-client';
import { fakePipeline, type FakeAnswer, type SeenRequest } from './fake-transport';

function client(answer: (req: SeenRequest, n: number) => FakeAnswer) {
  const fake = fakePipeline('graph', answer);
  return { ...fake, graph: new GraphClient({ endpoint: 'https://graph.microsoft.com', pipeline: fake.pipeline }) };
}

const user = (n: number) => ({
  id: `id-${n}`,
  displayName: `U${n}`,
  userPrincipalName: `u${n}@contoso.com`,
  accountEnabled: true,
  usageLocation: 'NL',
  assignedLicenses: [{ skuId: 's', disabledPlans: [] }],
});

describe('GraphClient', () => {
  it('lists users 999 a page with $select, following same-origin next links', async () => {
    const { graph, seen } = client((req) =>
      req.url.includes('skiptoken')
        ? { status: 200, body: { value: [user(2)] } }
        : { status: 200, body: { value: [user(1)], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users?$skiptoken=X' } },
    );
    const pages: number[] = [];
    const users = await graph.listUsers(['id', 'assignedLicenses'], (p) => pages.push(p.length));
    expect(users.map((u) => u.id)).toEqual(['id-1', 'id-2']);
    expect(pages).toEqual([1, 1]);
    expect(seen[0].url).toBe('https://graph.microsoft.com/v1.0/users?$select=id,assignedLicenses&$top=999');
    expect(seen[1].headers.authorization).toBe('Bearer tok');
  });

  it('never follows a next link to another origin', async () => {
    const { graph, seen } = client(() => ({
      status: 200,
      body: { value: [user(1)], '@odata.nextLink': 'https://graph.microsoft.com.evil.example/v1.0/users?$skiptoken=X' },
    }));
    await expect(graph.listUsers()).rejects.toMatchObject({ code: 'ForeignNextLink' });
    expect(seen).toHaveLength(1);
  });

  it('puts escaped, encoded literals in $filter', async () => {
    const { graph, seen } = client(() => ({ status: 200, body: { value: [] } }));
    await graph.findUsers(`startswith(displayName,${odataString("O'Brien & co")})`, { advanced: true });
    const url = new URL(seen[0].url);
    expect(url.searchParams.get('$filter')).toBe("startswith(displayName,'O''Brien & co')");
    expect(url.searchParams.get('$count')).toBe('true');
    expect(seen[0].headers.consistencylevel).toBe('eventual');
  });

  it('getUser returns null for an unknown user and encodes the UPN', async () => {
    const { graph, seen } = client(() => ({ status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'missing' } } }));
    await expect(graph.getUser("o'brien#1@contoso.com")).resolves.toBeNull();
    expect(seen[0].url).toContain("/v1.0/users/o'brien%231%40contoso.com?");
  });

  it('follows the report redirect without sending the token there, and reads the CSV by column', async () => {
    const { graph, seen } = client((req) =>
      req.url.includes('getMailboxUsageDetail')
        ? { status: 302, headers: { Location: 'https://reports.office.com/data/download/abc?sig=1' } }
        : { status: 200, body: '\uFEFFUser Principal Name,Storage Used (Byte),Has Archive\r\na@contoso.com,42,True\r\n' },
    );
    const rows = await graph.getMailboxUsageReport('D7');
    expect(rows).toEqual([expect.objectContaining({ userPrincipalName: 'a@contoso.com', storageUsedBytes: 42, hasArchive: true })]);
    expect(seen[0].url).toBe("https://graph.microsoft.com/v1.0/reports/getMailboxUsageDetail(period='D7')");
    expect(seen[0].headers.authorization).toBe('Bearer tok');
    expect(seen[1].url).toBe('https://reports.office.com/data/download/abc?sig=1');
    expect(seen[1].headers.authorization).toBeUndefined();
  });

  it('refuses a report download link over plain http', async () => {
    const { graph, seen } = client(() => ({ status: 302, headers: { Location: 'http://reports.example/x' } }));
    await expect(graph.getMailboxUsageReport()).rejects.toMatchObject({ code: 'ReportDownloadFailed' });
    expect(seen).toHaveLength(1);
  });

  it('reads report settings with or without the "value" wrapper', async () => {
    const bare = client(() => ({ status: 200, body: { displayConcealedNames: true } }));
    await expect(bare.graph.getReportSettings()).resolves.toEqual({ displayConcealedNames: true });
    const wrapped = client(() => ({ status: 200, body: { value: { displayConcealedNames: false } } }));
    await expect(wrapped.graph.getReportSettings()).resolves.toEqual({ displayConcealedNames: false });
  });

  it('assigns a licence with both arrays present', async () => {
    const { graph, seen } = client(() => ({ status: 200, body: user(1) }));
    await graph.assignLicense('id-1', 'sku-1', ['plan-x']);
    expect(seen[0]).toMatchObject({ method: 'POST', url: 'https://graph.microsoft.com/v1.0/users/id-1/assignLicense' });
    expect(seen[0].body).toEqual({ addLicenses: [{ skuId: 'sku-1', disabledPlans: ['plan-x'] }], removeLicenses: [] });
  });

  it('checks group membership 20 ids per call', async () => {
    const { graph, seen } = client((req) => ({
      status: 200,
      body: { value: (req.body as { groupIds: string[] }).groupIds.filter((g) => g.endsWith('7')) },
    }));
    const ids = Array.from({ length: 25 }, (_, i) => `g-${i}`);
    await expect(graph.checkMemberGroups('u', ids)).resolves.toEqual(['g-7', 'g-17']);
    expect(seen.map((r) => (r.body as { groupIds: string[] }).groupIds.length)).toEqual([20, 5]);
  });

  it('batches with relative URLs and retries only the throttled inner requests', async () => {
    let throttled = false;
    const { graph, seen, retries } = client((req) => {
      const requests = (req.body as { requests: { id: string; url: string }[] }).requests;
      return {
        status: 200,
        body: {
          responses: requests.map((r) => {
            if (r.id === '2' && !throttled) {
              throttled = true;
              return {
                id: r.id,
                status: 429,
                headers: { 'Retry-After': '0' },
                body: { error: { code: 'TooManyRequests', message: 'wait' } },
              };
            }
            if (r.id === '3')
              return {
                id: r.id,
                status: 403,
                body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } },
              };
            return { id: r.id, status: 200, body: { url: r.url } };
          }),
        },
      };
    });
    const answers = await graph.batch([
      { method: 'GET', url: '/users/a' },
      { method: 'GET', url: 'https://graph.microsoft.com/v1.0/users/b' },
      { method: 'GET', url: '/v1.0/subscribedSkus' },
    ]);
    expect((seen[0].body as { requests: { url: string }[] }).requests.map((r) => r.url)).toEqual([
      '/users/a',
      '/users/b',
      '/subscribedSkus',
    ]);
    expect((seen[1].body as { requests: { id: string }[] }).requests.map((r) => r.id)).toEqual(['2']);
    expect(retries).toEqual([expect.objectContaining({ inner: true, status: 429 })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 403]);
    expect(answers[2].error).toMatchObject({ code: 'Authorization_RequestDenied', path: '/v1.0/subscribedSkus' });
  });

  it('refuses more than 20 requests in one batch', async () => {
    const { graph } = client(() => ({ status: 200, body: { responses: [] } }));
    await expect(graph.batch(Array.from({ length: 21 }, (_, i) => ({ method: 'GET' as const, url: `/users/${i}` })))).rejects.toThrow(
      /at most 20/,
    );
  });
});
