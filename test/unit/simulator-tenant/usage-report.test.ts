import { TenantState } from '../../../src/simulator/tenant-state';
import { loadTenant } from '../../../src/simulator/tenant/load';
import { MAILBOX_USAGE_COLUMNS, mailboxUsageCsv, usageReportEtag } from '../../../src/simulator/graph/usage-report';
import { parseCsv } from '../../../src/m365/report-csv';
import { concealedForm } from '../../../src/m365/graph-records';

const now = new Date('2026-12-01T08:00:00Z');

function report(state: TenantState, options = {}) {
  const text = mailboxUsageCsv(state, 7, now, options);
  const [header, ...rows] = parseCsv(text);
  return { text, header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

describe("the simulated tenant's mailbox usage report", () => {
  const state = new TenantState(loadTenant('demo'));
  const { text, header, rows } = report(state);

  it('has the documented v1.0 columns behind a BOM, and the refresh date of days before live data', () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(header).toEqual([...MAILBOX_USAGE_COLUMNS]);
    expect(new Set(rows.map((r) => r['Report Refresh Date']))).toEqual(new Set([state.fixture.reportRefreshDate]));
    expect(rows.every((r) => r['Report Period'] === '7' && /^(True|False)$/.test(r['Has Archive']))).toBe(true);
  });

  it('drifts from live statistics as a day-old report does: most a little smaller, a few far off, none above its quota', () => {
    const live = new Map(state.mailboxes.map((u) => [u.userPrincipalName, u.mailbox]));
    let smaller = 0;
    let farOff = 0;
    for (const r of rows) {
      const m = live.get(r['User Principal Name'])!;
      const bytes = Number(r['Storage Used (Byte)']);
      if (bytes < m.totalItemSizeBytes) smaller++;
      if (Math.abs(bytes - m.totalItemSizeBytes) > 0.2 * m.totalItemSizeBytes) farOff++;
      if (m.prohibitSendReceiveQuotaBytes !== null)
        expect(bytes).toBeLessThanOrEqual(Math.max(m.prohibitSendReceiveQuotaBytes, m.totalItemSizeBytes));
    }
    expect(smaller / rows.length).toBeGreaterThan(0.9);
    expect(farOff).toBeGreaterThan(0);
    expect(farOff / rows.length).toBeLessThan(0.1);
  });

  it('conceals names in either form while the tenant asks for it, and its tag changes with that and with the day', () => {
    const hidden = new TenantState(loadTenant('demo'));
    hidden.patchTenant({ reportSettings: { displayConcealedNames: true } });
    const hex = report(hidden).rows.map((r) => r['User Principal Name']);
    const pii = report(hidden, { concealedForm: 'pii' }).rows.map((r) => r['User Principal Name']);
    expect(hex.every((n) => concealedForm(n) === 'hex')).toBe(true);
    expect(pii.every((n) => concealedForm(n) === 'pii' && /@[a-z0-9.-]+$/i.test(n))).toBe(true);
    const tag = usageReportEtag(state, 'D7', now);
    expect(usageReportEtag(hidden, 'D7', now)).not.toBe(tag);
    const nextDay = new TenantState(loadTenant('demo'));
    nextDay.patchTenant({ reportRefreshDate: '2030-01-01' });
    expect(usageReportEtag(nextDay, 'D7', now)).not.toBe(tag);
  });
});
