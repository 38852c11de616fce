// The Exchange admin REST gateway, reached the way the bot reaches it.
import type { RunningSimulator } from '../../../src/simulator';
import { simulatorForFile } from '../../support/simulator';
import { ALICE, BOB, FINANCE, tenantWith } from './small-tenant';
import { control, freshTokenCredential, SimClient } from './sim-client';

let sim: RunningSimulator;
let client: SimClient;
const EXTRA = 2500;

simulatorForFile(tenantWith(EXTRA), { managedIdentity: true }, (s) => ({ sim, client } = s));

const detail = (body: any): string => body.error.details[0].message;

describe('Get-OrganizationConfig', () => {
  it("answers one record with the organisation's auto-expanding archiving, and refuses parameters Exchange Online has not", async () => {
    const off = await client.exchange('Get-OrganizationConfig');
    expect(off.status).toBe(200);
    expect(off.json().value).toHaveLength(1);
    expect(off.json().value[0].AutoExpandingArchiveEnabled).toBe(false);
    await control(sim.info, 'PATCH', '/_sim/tenant', { organization: { autoExpandingArchive: true } });
    expect((await client.exchange('Get-OrganizationConfig')).json().value[0].AutoExpandingArchiveEnabled).toBe(true);
    await control(sim.info, 'PATCH', '/_sim/tenant', { organization: { autoExpandingArchive: false } });
    const onPremises = await client.exchange('Get-OrganizationConfig', { DomainController: 'dc01.contoso.com' });
    expect(onPremises.status).toBe(400);
    expect(detail(onPremises.json())).toMatch(/Parameter set cannot be resolved/);
  });
});

describe('Get-Mailbox', () => {
  it('pages at the requested size by POSTing the same body to @odata.nextLink', async () => {
    const params = { ResultSize: 'Unlimited' };
    let res = await client.exchange('Get-Mailbox', params, { pageSize: 700 });
    const seen = new Set<string>();
    let pages = 0;
    for (;;) {
      expect(res.status).toBe(200);
      const body = res.json();
      pages++;
      expect(body['@adminapi.warnings']).toEqual([]);
      for (const m of body.value) seen.add(m.ExternalDirectoryObjectId);
      const next = body['@odata.nextLink'];
      if (!next) break;
      expect(body.value).toHaveLength(700);
      res = await client.exchange('Get-Mailbox', params, { url: next, pageSize: 700 });
    }
    expect(seen.size).toBe(EXTRA + 6);
    expect(pages).toBe(Math.ceil((EXTRA + 6) / 700));
  });

  it('also serves a next link followed with GET', async () => {
    const first = (await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited' }, { pageSize: 5 })).json();
    const second = await client.exchange('', {}, { url: first['@odata.nextLink'], method: 'GET', pageSize: 5 });
    expect(second.status).toBe(200);
    expect(second.json().value[0].ExternalDirectoryObjectId).not.toBe(first.value[0].ExternalDirectoryObjectId);
  });

  it('refuses a next link replayed with another body', async () => {
    const first = (await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited' }, { pageSize: 5 })).json();
    const res = await client.exchange(
      'Get-Mailbox',
      { ResultSize: 'Unlimited', RecipientTypeDetails: 'SharedMailbox' },
      { url: first['@odata.nextLink'], pageSize: 5 },
    );
    expect(res.status).toBe(400);
    expect(res.json().error.innererror.internalexception.message).toContain('Expired or Invalid pagination request');
  });

  it('stops at 1000 by default and warns that there are more', async () => {
    let body = (await client.exchange('Get-Mailbox', {}, { pageSize: 600 })).json();
    let count = body.value.length;
    while (body['@odata.nextLink']) {
      body = (await client.exchange('Get-Mailbox', {}, { url: body['@odata.nextLink'], pageSize: 600 })).json();
      count += body.value.length;
    }
    expect(count).toBe(1000);
    expect(body['@adminapi.warnings'][0]).toMatch(/There are more results available/);
  });

  it('gives the WIRE.md field list with formatted quotas and side keys', async () => {
    const body = (await client.exchange('Get-Mailbox', { Identity: 'finance@contoso.example' })).json();
    expect(body['@odata.context']).toEqual(expect.any(String));
    const m = body.value[0];
    expect(m).toMatchObject({
      DisplayName: 'Finance Shared',
      UserPrincipalName: 'finance@contoso.example',
      PrimarySmtpAddress: 'finance@contoso.example',
      RecipientTypeDetails: 'SharedMailbox',
      ExternalDirectoryObjectId: FINANCE,
      LitigationHoldEnabled: true,
      ArchiveStatus: 'Active',
      AutoExpandingArchiveEnabled: true,
      IssueWarningQuota: '49 GB (52,613,349,376 bytes)',
      ProhibitSendQuota: '49.5 GB (53,150,220,288 bytes)',
      ProhibitSendReceiveQuota: 'Unlimited',
      Identity: FINANCE,
      'Guid@odata.type': '#Guid',
      'EmailAddresses@odata.type': '#Collection(String)',
      WhenMailboxCreated: '2023-03-01T08:05:00.0000000+00:00',
    });
    expect(m.ArchiveGuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(m.ArchiveGuid).not.toBe('00000000-0000-0000-0000-000000000000');
    expect(m.Guid).toBe(m.ExchangeGuid);
  });

  it('finds one mailbox by UPN, SMTP, alias, display name, object id or Guid', async () => {
    const guid = (await client.exchange('Get-Mailbox', { Identity: BOB })).json().value[0].Guid;
    for (const identity of ['BOB@contoso.example', 'bobby', "Bob O'Brien", BOB, guid]) {
      const res = await client.exchange('Get-Mailbox', { Identity: identity });
      expect(res.status).toBe(200);
      expect(res.json().value.map((m: { ExternalDirectoryObjectId: string }) => m.ExternalDirectoryObjectId)).toEqual([BOB]);
    }
  });

  it("answers not-found and ambiguous identities with Exchange's error bodies", async () => {
    const missing = await client.exchange('Get-Mailbox', { Identity: 'ghost@contoso.example' });
    expect(missing.status).toBe(404);
    const body = missing.json();
    expect(body.error.code).toBe('NotFound');
    expect(body.error.message).toBe('Error executing cmdlet');
    expect(detail(body).split('|')).toEqual([
      'Ex6F9304',
      'Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException',
      expect.stringContaining("object 'ghost@contoso.example' couldn't be found"),
    ]);
    const twice = await client.exchange('Get-Mailbox', { Identity: 'Sam Lee' });
    expect(twice.status).toBe(400);
    expect(detail(twice.json())).toContain("'Sam Lee' matches multiple entries");
  });

  it('filters by RecipientTypeDetails given as a string or an array', async () => {
    const shared = (await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited', RecipientTypeDetails: 'SharedMailbox' })).json();
    expect(shared.value.map((m: { DisplayName: string }) => m.DisplayName)).toEqual(['Finance Shared']);
    const two = (
      await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited', RecipientTypeDetails: ['SharedMailbox', 'RoomMailbox'] })
    ).json();
    expect(two.value).toHaveLength(2);
  });

  it.each([
    ["DisplayName -like 'Bob*'", [BOB]],
    ["DisplayName -like '*O''Brien*'", [BOB]],
    ["UserPrincipalName -eq 'alice@contoso.example'", [ALICE]],
    ["PrimarySmtpAddress -eq 'finance@contoso.example' -or UserPrincipalName -eq 'bob@contoso.example'", [BOB, FINANCE]],
    ["RecipientTypeDetails -eq 'SharedMailbox' -and LitigationHoldEnabled -eq $true", [FINANCE]],
    ["ArchiveStatus -eq 'Active'", [FINANCE]],
  ])('applies the filter %s', async (filter, expected) => {
    const res = await client.exchange('Get-Mailbox', { ResultSize: 'Unlimited', Filter: filter });
    expect(res.status).toBe(200);
    expect(
      res
        .json()
        .value.map((m: { ExternalDirectoryObjectId: string }) => m.ExternalDirectoryObjectId)
        .sort(),
    ).toEqual([...expected].sort());
  });

  it('refuses an unknown filter and an unknown parameter as Exchange words it', async () => {
    const filter = await client.exchange('Get-Mailbox', { Filter: "CustomAttribute99 -eq 'x'" });
    expect(filter.status).toBe(400);
    expect(detail(filter.json())).toMatch(
      /^\|System\.Management\.Automation\.ParameterBindingException\|Cannot bind parameter 'Filter'.*Invalid filter syntax/s,
    );
    const param = await client.exchange('Get-Mailbox', { BogusParameter: 1 });
    expect(param.status).toBe(400);
    expect(detail(param.json())).toMatch(/AmbiguousParameterSetException\|Parameter set cannot be resolved.*BogusParameter/);
    const cmdlet = await client.exchange('Get-Nothing');
    expect(cmdlet.status).toBe(400);
    expect(detail(cmdlet.json())).toContain("The term 'Get-Nothing' is not recognized");
  });
});

describe('Get-MailboxStatistics', () => {
  it('reports sizes as Exchange formats them', async () => {
    const res = await client.exchange('Get-MailboxStatistics', { Identity: ALICE });
    expect(res.json().value[0]).toMatchObject({
      DisplayName: 'Alice Adams',
      ItemCount: 4321,
      TotalItemSize: '1.66 GB (1,782,579,200 bytes)',
      DeletedItemCount: 3,
      TotalDeletedItemSize: '2 KB (2,048 bytes)',
      LastInteractionTime: '2024-05-01T10:00:00.0000000+00:00',
      LastLogonTime: '2024-05-01T09:00:00.0000000+00:00',
    });
  });

  it('gives archive statistics, and an error for a mailbox without an archive', async () => {
    const archive = (await client.exchange('Get-MailboxStatistics', { Identity: 'finance@contoso.example', Archive: true })).json()
      .value[0];
    expect(archive).toMatchObject({ ItemCount: 900, TotalItemSize: '3 GB (3,221,225,472 bytes)', IsArchiveMailbox: true });
    const none = await client.exchange('Get-MailboxStatistics', { Identity: ALICE, Archive: true });
    expect(none.status).toBe(400);
    expect(detail(none.json())).toContain("doesn't have an archive");
  });

  it('runs up to 10 cmdlets in one $batch, each with its own answer', async () => {
    const requests = [ALICE, BOB, 'ghost@contoso.example'].map((identity, i) => ({
      id: String(i + 1),
      method: 'POST',
      url: `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`,
      headers: { 'Content-Type': 'application/json' },
      body: { CmdletInput: { CmdletName: 'Get-MailboxStatistics', Parameters: { Identity: identity } } },
    }));
    const res = await client.exchangeBatch(requests);
    expect(res.status).toBe(200);
    const responses = res.json().responses;
    expect(responses.map((r: { status: number }) => r.status)).toEqual([200, 200, 404]);
    expect(responses[1].body.value[0].DisplayName).toBe("Bob O'Brien");
    const tooMany = await client.exchangeBatch(Array.from({ length: 11 }, (_, i) => ({ ...requests[0], id: String(i) })));
    expect(tooMany.status).toBe(400);
  });

  it('refuses a $batch whose items carry a bare path instead of the absolute InvokeCommand URL', async () => {
    const res = await client.exchangeBatch([
      {
        id: '1',
        method: 'POST',
        url: `/adminapi/beta/${sim.info.tenantId}/InvokeCommand`,
        headers: { 'Content-Type': 'application/json' },
        body: { CmdletInput: { CmdletName: 'Get-MailboxStatistics', Parameters: { Identity: ALICE } } },
      },
    ]);
    expect(res.status).toBe(400);
    expect(detail(res.json())).toContain('absolute');
  });
});

describe('permissions and malformed requests', () => {
  afterEach(async () => {
    await control(sim.info, 'PATCH', '/_sim/tenant', {
      identity: {
        exchangeAppRoles: ['Exchange.ManageAsApp'],
        directoryRoles: ['Exchange Recipient Administrator'],
        exchangeRoleGroups: [],
      },
    });
  });

  it('runs only the cmdlets the granted roles hold: a refused one gets 403 with a NUL body, alone or in a $batch', async () => {
    await control(sim.info, 'PATCH', '/_sim/tenant', {
      identity: { directoryRoles: [], exchangeRoleGroups: [{ name: 'Custom', roles: [], cmdlets: ['Get-Mailbox'] }] },
    });
    const fresh = new SimClient(sim.info, freshTokenCredential(sim.info));
    try {
      expect((await fresh.exchange('Get-Mailbox', { Identity: ALICE })).status).toBe(200);
      const refused = await fresh.exchange('Get-MailboxStatistics', { Identity: ALICE });
      expect(refused.status).toBe(403);
      expect(refused.text).toMatch(/^\u0000+$/);
      const url = `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`;
      const batch = await fresh.exchangeBatch(
        ['Get-Mailbox', 'Get-MailboxStatistics'].map((cmdlet, i) => ({
          id: String(i + 1),
          method: 'POST',
          url,
          headers: { 'Content-Type': 'application/json' },
          body: { CmdletInput: { CmdletName: cmdlet, Parameters: { Identity: ALICE } } },
        })),
      );
      expect(batch.json().responses.map((r: { status: number }) => r.status)).toEqual([200, 403]);
      // Global Reader, the default grant, runs both.
      await control(sim.info, 'PATCH', '/_sim/tenant', { identity: { directoryRoles: ['Global Reader'], exchangeRoleGroups: [] } });
      const reader = new SimClient(sim.info, freshTokenCredential(sim.info));
      expect((await reader.exchange('Get-MailboxStatistics', { Identity: ALICE })).status).toBe(200);
      reader.close();
    } finally {
      fresh.close();
    }
  });

  it('answers EXOModuleFile, and tells what is left of the cmdlet budget in Rate-Limit headers from its own model', async () => {
    await control(sim.info, 'PUT', '/_sim/model', { exchange: { cmdletsPerSecond: 20 } });
    try {
      const probe = await client.send(
        'https://outlook.office365.com/.default',
        `${sim.info.exchange}/AdminApi/v1.0/${sim.info.tenantId}/EXOModuleFile`,
      );
      expect(probe.status).toBe(200);
      const res = await client.exchange('Get-Mailbox', { Identity: ALICE });
      expect(res.headers['rate-limit-limit']).toBe('20');
      expect(Number(res.headers['rate-limit-remaining'])).toBeLessThan(20);
      expect(Number(res.headers['rate-limit-reset'])).toBeGreaterThan(0);
      expect(Number(res.headers['rate-limit-reset'])).toBeLessThanOrEqual(1);
    } finally {
      await control(sim.info, 'PUT', '/_sim/model', { exchange: { cmdletsPerSecond: null } });
    }
    expect((await client.exchange('Get-Mailbox', { Identity: ALICE })).headers['rate-limit-remaining']).toBeUndefined();
  });

  it('answers 401 without Exchange.ManageAsApp, with WWW-Authenticate', async () => {
    await control(sim.info, 'PATCH', '/_sim/tenant', { identity: { exchangeAppRoles: [] } });
    const fresh = new SimClient(sim.info, freshTokenCredential(sim.info));
    const res = await fresh.exchange('Get-Mailbox');
    fresh.close();
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
  });

  it('answers 403 with the app role but no directory role that can read mailboxes', async () => {
    await control(sim.info, 'PATCH', '/_sim/tenant', { identity: { directoryRoles: ['Security Reader'] } });
    const fresh = new SimClient(sim.info, freshTokenCredential(sim.info));
    const res = await fresh.exchange('Get-Mailbox');
    fresh.close();
    expect(res.status).toBe(403);
  });

  it('answers 401 to a Graph token', async () => {
    const viaPipeline = await client.send(
      'https://graph.microsoft.com/.default',
      `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`,
      'POST',
      { CmdletInput: { CmdletName: 'Get-Mailbox' } },
    );
    expect(viaPipeline.status).toBe(401);
  });

  it('is not trusted by a client that does not trust its CA', async () => {
    const res = await fetch(`${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`, { method: 'POST' }).then(
      () => 'answered',
      (e: Error) => String(e.cause ?? e.message),
    );
    expect(res).toMatch(/certificate/i);
  });

  it('answers bad JSON and unknown paths in Exchange shape', async () => {
    const bad = await client.send(
      'https://outlook.office365.com/.default',
      `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`,
      'POST',
      undefined,
      { 'Content-Type': 'application/json' },
    );
    expect(bad.status).toBe(400);
    expect(bad.json().error.code).toBe('BadRequest');
    const unknown = await client.send(
      'https://outlook.office365.com/.default',
      `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/Nothing`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.details[0].message).toEqual(expect.any(String));
  });
});
