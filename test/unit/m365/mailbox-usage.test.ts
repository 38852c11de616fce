import { CsvStreamParser, parseCsv } from '../../../src/m365/report-csv';
import { concealedForm } from '../../../src/m365/graph-records';
import { chooseFigureSource, figuresWarning } from '../../../src/reports/figure-source';
import { MailboxUsageCache } from '../../../src/m365/mailbox-usage';
import { ServiceError } from '../../../src/m365/service-error';
import type { GraphClient } from '../../../src/m365/graph-client';
import type { MailboxUsageDetail } from '../../../src/model/tenant';

describe('CsvStreamParser', () => {
  const text = '\uFEFFa,b,c\r\n"x, ""quoted""",2,"line\nbreak"\r\nplain,,last\n';
  it('reads the same rows however the text is cut into chunks', () => {
    const whole = parseCsv(text);
    for (let size = 1; size <= text.length; size++) {
      const parser = new CsvStreamParser();
      const rows: string[][] = [];
      for (let i = 0; i < text.length; i += size) rows.push(...parser.push(text.slice(i, i + size)));
      rows.push(...parser.end());
      expect(rows).toEqual(whole);
    }
    expect(whole[1]).toEqual(['x, "quoted"', '2', 'line\nbreak']);
  });
});

describe('concealed names', () => {
  it('knows both forms seen in live Graph answers, and real names from them', () => {
    expect(concealedForm('22C5B5A0E3BB38EA4BB5B8CCEEEEA51D')).toBe('hex');
    expect(concealedForm('<PII:H105(se/njcX9qwMG8mXJy0s+hqA0Iw=)>@contoso.com')).toBe('pii');
    // microsoft-graph-docs-contrib #2687, #8980: the name column reads "(Unknown)".
    expect(concealedForm('(Unknown)')).toBe('unknown');
    expect(concealedForm('(unknown) ')).toBe('unknown');
    expect(concealedForm('Unknown')).toBeNull();
    expect(concealedForm('adele.vance@contoso.com')).toBeNull();
    expect(concealedForm('Cafe Babe')).toBeNull();
  });
});

function row(upn: string, date = '2026-11-29'): MailboxUsageDetail {
  return {
    reportRefreshDate: date,
    userPrincipalName: upn,
    displayName: upn,
    isDeleted: false,
    lastActivityDate: null,
    itemCount: 1,
    storageUsedBytes: 1,
    issueWarningQuotaBytes: null,
    prohibitSendQuotaBytes: null,
    prohibitSendReceiveQuotaBytes: null,
    deletedItemCount: 0,
    deletedItemSizeBytes: 0,
    hasArchive: false,
  };
}

/** A Graph client that answers the report from a script: rows, 304, or an error. */
function fakeGraph(script: Array<MailboxUsageDetail[] | 'not-modified' | ServiceError>, origin = 'https://graph.microsoft.com') {
  const calls: Array<string | undefined> = [];
  const graph = {
    origin,
    async streamMailboxUsageReport(_p: string, onRow: (r: MailboxUsageDetail) => void, o: { etag?: string } = {}) {
      calls.push(o.etag);
      const next = script.shift();
      if (next instanceof ServiceError) throw next;
      if (next === 'not-modified' || next === undefined) return { notModified: true, etag: o.etag, rows: 0 };
      next.forEach(onRow);
      return { notModified: false, etag: `"${next[0]?.reportRefreshDate}"`, rows: next.length };
    },
  };
  return { graph: graph as unknown as GraphClient, calls };
}

const throttled = () =>
  new ServiceError({ service: 'graph', status: 429, code: 'TooManyRequests', serviceMessage: 'Please retry again later.' });

describe('MailboxUsageCache', () => {
  it('downloads once for callers at the same time, then answers from the copy until it is time to check', async () => {
    let now = 0;
    const cache = new MailboxUsageCache({ recheckMs: 1000, now: () => now });
    const { graph, calls } = fakeGraph([[row('a@x.com'), row('b@x.com')], 'not-modified', [row('a@x.com', '2026-11-30')]]);
    const [one, two] = await Promise.all([cache.get('t', graph), cache.get('t', graph)]);
    expect(one.ok && two.ok && one.usage === two.usage).toBe(true);
    expect(calls).toEqual([undefined]);
    now = 500;
    await cache.get('t', graph);
    expect(calls.length).toBe(1);
    now = 1500;
    const same = await cache.get('t', graph);
    expect(calls[1]).toBe('"2026-11-29"');
    expect(same.ok && same.usage.refreshDate).toBe('2026-11-29');
    now = 3000;
    const newer = await cache.get('t', graph);
    expect(newer.ok && newer.downloaded && newer.usage.refreshDate).toBe('2026-11-30');
    expect(cache.downloadCount).toBe(2);
  });

  it('says when the names are concealed, in either form', async () => {
    const cache = new MailboxUsageCache();
    const hex = fakeGraph([[row('22C5B5A0E3BB38EA4BB5B8CCEEEEA51D'), row('F4A03F10147176D455A66FE7FA72363C')]]);
    const a = await cache.get('hex', hex.graph);
    expect(a.ok && a.usage.concealed).toBe('hex');
    const pii = fakeGraph([[row('<PII:H105(abc=)>@contoso.com')]]);
    const b = await cache.get('pii', pii.graph);
    expect(b.ok && b.usage.concealed).toBe('pii');
    const unknown = fakeGraph([[row('(Unknown)'), row('(Unknown)'), row('adele@x.com')]]);
    const c = await cache.get('unknown', unknown.graph);
    expect(c.ok && c.usage.concealed).toBe('unknown');
  });

  it('in the US Government and 21Vianet clouds, where Graph has no usage report, says so and asks nothing', async () => {
    const cache = new MailboxUsageCache();
    for (const [origin, cloud] of [
      ['https://graph.microsoft.us', 'US Government'],
      ['https://dod-graph.microsoft.us', 'US Government (DoD)'],
      ['https://microsoftgraph.chinacloudapi.cn', '21Vianet'],
    ]) {
      const { graph, calls } = fakeGraph([[row('a@x.com')]], origin);
      const answer = await cache.get('t', graph);
      expect(answer).toMatchObject({ ok: false, reason: 'not-in-this-cloud' });
      expect(!answer.ok && answer.message).toContain(cloud);
      expect(calls).toEqual([]);
      // A large tenant then takes the live path, and its card says why.
      const usage = { kind: 'unavailable' as const, reason: 'not-in-this-cloud' as const, message: !answer.ok ? answer.message : '' };
      const source = chooseFigureSource({ askedLive: false, usage });
      expect(source).toMatchObject({ kind: 'live', why: 'no-usage' });
      const warning = figuresWarning({ source: 'live', why: 'no-usage', message: usage.message });
      expect(warning).toContain(`Microsoft publishes no usage reports in the`);
      expect(warning).toContain(cloud);
      expect(warning).toContain('every mailbox was read live');
    }
  });

  it('answers a throttled download with the kept copy, or says it is throttled when there is none', async () => {
    let now = 0;
    const cache = new MailboxUsageCache({ recheckMs: 0, now: () => now });
    const none = await cache.get('t', fakeGraph([throttled()]).graph);
    expect(none).toMatchObject({ ok: false, reason: 'throttled' });
    now = 120_000;
    await cache.get('t', fakeGraph([[row('a@x.com')]]).graph);
    now = 130_000;
    const kept = await cache.get('t', fakeGraph([throttled()]).graph);
    expect(kept).toMatchObject({ ok: true, throttled: true });
    // While Graph asked to wait, it is not asked again.
    const quiet = fakeGraph([[row('b@x.com')]]);
    await cache.get('t', quiet.graph);
    expect(quiet.calls.length).toBe(0);
  });
});
