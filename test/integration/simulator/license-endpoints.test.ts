// The simulated tenant's active-user report and directory/subscriptions as the bot's HTTP stack sees
// them: the documented CSV columns and both concealed-name forms; companySubscription records with
// lifecycle dates and trial status, and the permission that reads them.
import * as https from 'node:https';
import type { RunningSimulator } from '../../../src/simulator';
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { simulatorForFile } from '../../support/simulator';
import { ACTIVE_USER_COLUMNS } from '../../../src/simulator/graph/active-user-report';
import { ALICE, E3, EXO_P1, smallTenant } from './small-tenant';
import { control, freshTokenCredential, SimClient } from './sim-client';

let sim: RunningSimulator;
let client: SimClient;

function tenant(): TenantFixture {
  const t = smallTenant();
  t.users.find((u) => u.id === ALICE)!.activity = { teams: '2024-05-02T09:00:00Z', oneDrive: null };
  t.subscriptions = [
    { skuId: E3, totalLicenses: 5, nextLifecycleDateTime: '2025-01-31T00:00:00Z', createdDateTime: '2024-01-31T00:00:00Z' },
    { skuId: EXO_P1, totalLicenses: 1, isTrial: true, status: 'Warning', nextLifecycleDateTime: '2024-06-01T00:00:00Z' },
  ];
  return t;
}
simulatorForFile(tenant(), { managedIdentity: true, simulator: { usageReport: { concealedForm: 'pii' } } }, (s) => ({ sim, client } = s));

function download(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca: sim.info.caCertPem }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

describe('active-user report', () => {
  it('redirects to a CSV with the documented columns and each service’s last activity', async () => {
    const res = await client.graph("/reports/getOffice365ActiveUserDetail(period='D7')");
    expect(res.status).toBe(302);
    const csv = await download(res.headers.location);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0].split(',')).toEqual([...ACTIVE_USER_COLUMNS]);
    const cells = (line: string) => Object.fromEntries(lines[0].split(',').map((h, i) => [h, line.split(',')[i]]));
    const alice = cells(lines.find((l) => l.includes('alice@contoso.example'))!);
    // Exchange follows the mailbox's last interaction; Teams is the fixture's own; OneDrive never.
    expect(alice).toMatchObject({
      'Report Refresh Date': '2024-05-02',
      'Exchange Last Activity Date': '2024-05-01',
      'Teams Last Activity Date': '2024-05-02',
      'OneDrive Last Activity Date': '',
      'Has Exchange License': 'True',
      'Assigned Products': 'ENTERPRISEPACK',
    });
    // Users without a mailbox are in it too: the report is about people, not mailboxes.
    expect(csv).toContain('nomail@contoso.example');
  });

  it('conceals names in the form the tenant is set to, and answers 304 to its ETag', async () => {
    await control(sim.info, 'PATCH', '/_sim/tenant', { reportSettings: { displayConcealedNames: true } });
    try {
      const first = await client.graph("/reports/getOffice365ActiveUserDetail(period='D7')");
      const row = (await download(first.headers.location)).trim().split('\r\n')[1].split(',');
      expect(row[1]).toMatch(/^<PII:H105\([^)]*\)>@contoso\.example$/);
      const again = await client.graph("/reports/getOffice365ActiveUserDetail(period='D7')", 'GET', undefined, {
        'If-None-Match': first.headers.etag,
      });
      expect(again.status).toBe(304);
    } finally {
      await control(sim.info, 'PATCH', '/_sim/tenant', { reportSettings: { displayConcealedNames: false } });
    }
  });
});

describe('directory/subscriptions', () => {
  it('lists each subscription with its seats, lifecycle date, trial and status', async () => {
    const body = (await client.graph('/directory/subscriptions')).json();
    expect(body.value).toEqual([
      expect.objectContaining({
        skuId: E3,
        skuPartNumber: 'ENTERPRISEPACK',
        totalLicenses: 5,
        isTrial: false,
        status: 'Enabled',
        nextLifecycleDateTime: '2025-01-31T00:00:00Z',
      }),
      expect.objectContaining({ skuId: EXO_P1, isTrial: true, status: 'Warning', nextLifecycleDateTime: '2024-06-01T00:00:00Z' }),
    ]);
  });

  it('refuses an identity that holds only LicenseAssignment permissions, as Graph documents', async () => {
    await control(sim.info, 'PATCH', '/_sim/tenant', {
      identity: { ...smallTenant().identity, graphAppRoles: ['LicenseAssignment.ReadWrite.All'] },
    });
    try {
      const fresh = new SimClient(sim.info, freshTokenCredential(sim.info));
      try {
        expect((await fresh.graph('/subscribedSkus')).status).toBe(200);
        expect((await fresh.graph('/directory/subscriptions')).status).toBe(403);
      } finally {
        fresh.close();
      }
    } finally {
      await control(sim.info, 'PATCH', '/_sim/tenant', { identity: smallTenant().identity });
    }
  });
});
