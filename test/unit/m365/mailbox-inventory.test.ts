// readMailboxes' own rules over a fake Exchange: which identity statistics are asked by, that
// statistics for page 1 start before page 2 is read, and what a failure does to the result.
import { ExchangeClient } from '../../../src/m365/exchange-client';
import { readMailboxes } from '../../../src/m365/mailbox-inventory';
import { ServiceError } from '../../../src/m365/service-error';
import { cmdletError, fakePipeline, type FakeAnswer, type SeenRequest } from './fake-transport';

type Cmd = { CmdletInput: { CmdletName: string; Parameters: Record<string, unknown> } };
type Batch = { requests: { id: string; body: Cmd }[] };

const mailbox = (n: number, entraId = `id-${n}`) => ({
  UserPrincipalName: `u${n}@contoso.com`,
  PrimarySmtpAddress: `u${n}@contoso.com`,
  DisplayName: `U${n}`,
  RecipientTypeDetails: n % 2 ? 'SharedMailbox' : 'UserMailbox',
  ExternalDirectoryObjectId: entraId,
  ArchiveStatus: n === 1 ? 'Active' : 'None',
  ProhibitSendReceiveQuota: '50 GB (53,687,091,200 bytes)',
});
const stats = (items: number) => ({
  value: [{ ItemCount: items, TotalItemSize: `${items} B (${items} bytes)`, DeletedItemCount: 0, TotalDeletedItemSize: '0 B (0 bytes)' }],
});

function exchangeWith(answer: (req: SeenRequest, n: number) => FakeAnswer | Promise<FakeAnswer>) {
  const fake = fakePipeline('exchange', answer, 2);
  return {
    ...fake,
    exchange: new ExchangeClient({ endpoint: 'https://outlook.office365.com', tenantId: 't', pipeline: fake.pipeline, pageSize: 12 }),
  };
}

/** Two pages of 12 mailboxes; statistics answer per identity via `perIdentity`. */
function tenant(perIdentity: (identity: string, archive: boolean) => { status: number; body: unknown }, firstEntraId = 'id-0') {
  const all = Array.from({ length: 24 }, (_, i) => mailbox(i, i === 0 ? firstEntraId : `id-${i}`));
  return (req: SeenRequest): FakeAnswer => {
    if (req.url.endsWith('/$batch')) {
      const body = req.body as Batch;
      return {
        status: 200,
        body: {
          responses: body.requests.map((r) => ({
            id: r.id,
            ...perIdentity(String(r.body.CmdletInput.Parameters.Identity), r.body.CmdletInput.Parameters.Archive === true),
          })),
        },
      };
    }
    const second = req.url.includes('skiptoken');
    return {
      status: 200,
      body: { value: second ? all.slice(12) : all.slice(0, 12), ...(second ? {} : { '@odata.nextLink': 'InvokeCommand?$skiptoken=2' }) },
    };
  };
}

describe('readMailboxes', () => {
  it('asks by Entra id, or by UPN when Exchange has none, and starts statistics before page 2', async () => {
    const answer = tenant((id) => ({ status: 200, body: stats(id.length) }), '');
    let batchWhilePage2Pending = false;
    let page2Pending = false;
    const { exchange, seen } = exchangeWith(async (req) => {
      if (req.url.endsWith('/$batch')) batchWhilePage2Pending ||= page2Pending;
      if (req.url.includes('skiptoken')) {
        // Page 2 answers slowly; statistics for page 1 should be on their way meanwhile.
        page2Pending = true;
        await new Promise((r) => setTimeout(r, 50));
        page2Pending = false;
      }
      return answer(req);
    });
    const result = await readMailboxes({ exchange }, { types: ['UserMailbox', 'SharedMailbox'] });

    expect(result.complete).toBe(true);
    expect(result.mailboxes).toHaveLength(24);
    const asked = seen
      .filter((r) => r.url.endsWith('/$batch'))
      .flatMap((r) => (r.body as Batch).requests.map((q) => q.body.CmdletInput.Parameters.Identity));
    expect(asked).toContain('u0@contoso.com');
    expect(asked).toContain('id-5');
    expect(asked).toHaveLength(24);
    // Pipelining: statistics for page 1 went out while page 2 was still being read.
    expect(batchWhilePage2Pending).toBe(true);
    // Exchange filters by type: the types go to the server.
    expect((seen[0].body as Cmd).CmdletInput.Parameters).toEqual({
      ResultSize: 'Unlimited',
      RecipientTypeDetails: ['UserMailbox', 'SharedMailbox'],
    });
  });

  it("'all' asks for the four mailbox types the bot reports on", async () => {
    const { exchange, seen } = exchangeWith(tenant(() => ({ status: 200, body: stats(1) })));
    await readMailboxes({ exchange }, { types: 'all' });
    expect((seen[0].body as Cmd).CmdletInput.Parameters.RecipientTypeDetails).toEqual([
      'UserMailbox',
      'SharedMailbox',
      'RoomMailbox',
      'EquipmentMailbox',
    ]);
  });

  it('keeps a mailbox whose statistics failed, with the reason, and says the read is partial', async () => {
    const notFound = cmdletError(
      404,
      'NotFound',
      "|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'id-7' couldn't be found.",
    );
    const { exchange } = exchangeWith(tenant((id) => (id === 'id-7' ? notFound : { status: 200, body: stats(3) })));
    const result = await readMailboxes({ exchange }, { types: 'all' });
    expect(result.complete).toBe(false);
    expect(result.mailboxes).toHaveLength(24);
    const m = result.mailboxes.find((x) => x.userId === 'id-7')!;
    expect(m.statistics).toBeNull();
    expect(m.statisticsError).toContain("couldn't be found");
    expect(result.failures).toEqual([{ identity: 'id-7', reason: m.statisticsError }]);
  });

  it('counts a mailbox nobody ever signed in to as empty, not as a failure', async () => {
    const never = cmdletError(
      400,
      'BadRequest',
      "|Microsoft.Exchange.Data.Storage.MailboxNotLoggedOnException|The user hasn't logged on to mailbox 'id-2'.",
    );
    const { exchange } = exchangeWith(tenant((id) => (id === 'id-2' ? never : { status: 200, body: stats(3) })));
    const result = await readMailboxes({ exchange }, { types: 'all' });
    expect(result.complete).toBe(true);
    expect(result.mailboxes.find((x) => x.userId === 'id-2')!.statistics).toMatchObject({
      itemCount: 0,
      totalItemSizeBytes: 0,
      lastLogonTime: null,
    });
  });

  it('reads archive statistics only for active archives', async () => {
    const { exchange, seen } = exchangeWith(tenant((_id, archive) => ({ status: 200, body: stats(archive ? 77 : 1) })));
    const result = await readMailboxes({ exchange }, { types: 'all', withArchiveStatistics: true });
    const archived = seen
      .filter((r) => r.url.endsWith('/$batch'))
      .flatMap((r) => (r.body as Batch).requests)
      .filter((q) => q.body.CmdletInput.Parameters.Archive === true);
    expect(archived.map((q) => q.body.CmdletInput.Parameters.Identity)).toEqual(['id-1']);
    expect(result.mailboxes.find((x) => x.userId === 'id-1')!.archiveStatistics).toMatchObject({ itemCount: 77 });
    expect(result.mailboxes.find((x) => x.userId === 'id-2')!.archiveStatistics).toBeUndefined();
  });

  it('stops and throws when Exchange refuses the identity (a permission problem, not a partial report)', async () => {
    const { exchange } = exchangeWith((req) =>
      req.url.endsWith('/$batch') ? { status: 403, body: '\u0000\u0000' } : tenant(() => ({ status: 200, body: stats(1) }))(req),
    );
    const err = await readMailboxes({ exchange }, { types: 'all' }).catch((e) => e);
    expect(err).toBeInstanceOf(ServiceError);
    expect(err.status).toBe(403);
  });

  it('stops when the caller cancels', async () => {
    const controller = new AbortController();
    const { exchange } = exchangeWith(tenant(() => ({ status: 200, body: stats(1) })));
    const promise = readMailboxes({ exchange }, { types: 'all', signal: controller.signal, onProgress: () => controller.abort() });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });
});
