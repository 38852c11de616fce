// Findings: what the tenant's records say is wrong, under a conversation's settings.
import type { CompanySubscription } from '../../../src/model/tenant';
import { alertFindings } from '../../../src/reports/alerts/findings';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../../src/reports/alerts/settings';
import type { ArchiveFigures, HeldMailbox } from '../../../src/model/tenant';
import { directoryUser, exchangePlan2, GB, office365E3, sharedMailbox, tenantSkus } from '../licensing/licensing-fixtures';

const NOW = new Date('2025-06-10T12:00:00Z');
const settings = (over: Partial<AlertSettings> = {}): AlertSettings => ({ ...DEFAULT_ALERT_SETTINGS, ...over });
const userMailbox = (id: string, sizeBytes: number | null, quota: number | null = 50 * GB) =>
  sharedMailbox({
    userId: id,
    userPrincipalName: `${id}@contoso.example`,
    displayName: `User ${id}`,
    recipientTypeDetails: 'UserMailbox',
    sizeBytes,
    prohibitSendReceiveQuotaBytes: quota,
  });

test('a shared mailbox over 50 GB without Plan 2 is one finding keyed by its account, with the fix to assign', () => {
  const m = sharedMailbox({ sizeBytes: 60 * GB, prohibitSendReceiveQuotaBytes: 100 * GB });
  const r = alertFindings(
    { mailboxes: [m], users: new Map([['user-shared-1', directoryUser()]]), skus: tenantSkus() },
    settings({ kinds: ['shared-licence'] }),
    {},
    NOW,
  );
  expect(r.findings).toHaveLength(1);
  const [f] = r.findings;
  expect(f.key).toBe('shared-licence:user-shared-1');
  expect(f.title).toBe('Shared mailbox Shared Sales needs a licence');
  expect(f.why).toMatch(/over 50 GB/);
  expect(f.assign?.upn).toBe('sales@contoso.example');
  expect(f.severity).toBe('attention');
});

test('the same mailbox under 50 GB, or licensed, is no finding', () => {
  const small = sharedMailbox({ sizeBytes: 20 * GB, prohibitSendReceiveQuotaBytes: 100 * GB });
  const licensed = sharedMailbox({ sizeBytes: 60 * GB, prohibitSendReceiveQuotaBytes: 100 * GB });
  const user = directoryUser({ assignedLicenses: [{ skuId: exchangePlan2().skuId, disabledPlans: [] }] });
  expect(
    alertFindings({ mailboxes: [small], users: new Map(), skus: tenantSkus() }, settings({ kinds: ['shared-licence'] }), {}, NOW).findings,
  ).toEqual([]);
  expect(
    alertFindings(
      { mailboxes: [licensed], users: new Map([['user-shared-1', user]]), skus: tenantSkus() },
      settings({ kinds: ['shared-licence'] }),
      {},
      NOW,
    ).findings,
  ).toEqual([]);
});

test('quota: at or above the threshold only; the threshold is the conversation’s', () => {
  const facts = {
    mailboxes: [userMailbox('a', 45 * GB), userMailbox('b', 44 * GB), userMailbox('c', 49.5 * GB, null)],
    users: new Map(),
    skus: [],
  };
  const at90 = alertFindings(facts, settings({ kinds: ['quota'] }), {}, NOW).findings;
  expect(at90.map((f) => f.key)).toEqual(['quota:a']);
  expect(at90[0].title).toBe('User a is at 90% of its mailbox quota');
  const at85 = alertFindings(facts, settings({ kinds: ['quota'], quotaPercent: 85 }), {}, NOW).findings;
  expect(at85.map((f) => f.key)).toEqual(['quota:a', 'quota:b']);
});

test('quota: with three days of history the alert forecasts days to full, and says since when', () => {
  const history = {
    a: [
      { d: '2025-06-08', b: 44 * GB },
      { d: '2025-06-09', b: 45 * GB },
      { d: '2025-06-10', b: 46 * GB },
    ],
  };
  const [f] = alertFindings(
    { mailboxes: [userMailbox('a', 46 * GB)], users: new Map(), skus: [] },
    settings({ kinds: ['quota'] }),
    history,
    NOW,
  ).findings;
  expect(f.why).toMatch(/full in about 4 days/);
  expect(f.since).toBe('2025-06-09T00:00:00Z');
});

test('missing statistics are "unknown", not "fine": an open alert on them must not be resolved', () => {
  const r = alertFindings({ mailboxes: [userMailbox('a', null)], users: new Map(), skus: [] }, settings({ kinds: ['quota'] }), {}, NOW);
  expect(r.findings).toEqual([]);
  expect(r.unknown.has('quota:a')).toBe(true);
});

test('licence pools: exhausted, or fewer than N free; unbought pools are no news', () => {
  const skus = [office365E3(50, 50), exchangePlan2(10, 7), { ...exchangePlan2(0, 0), skuId: '00000000-0000-4000-8000-000000000099' }];
  const r = alertFindings({ mailboxes: [], users: new Map(), skus }, settings({ kinds: ['licence-pool'] }), {}, NOW);
  expect(r.findings.map((f) => f.title)).toEqual(['No Office 365 E3 licences left', 'Only 3 Exchange Online (Plan 2) licences left']);
  expect(
    alertFindings({ mailboxes: [], users: new Map(), skus }, settings({ kinds: ['licence-pool'], poolFreeBelow: 3 }), {}, NOW).findings,
  ).toHaveLength(1);
});

test('inactive mailboxes only when that kind is chosen', () => {
  const old = userMailbox('z', 1 * GB);
  expect(alertFindings({ mailboxes: [old], users: new Map(), skus: [] }, settings(), {}, NOW).findings).toEqual([]);
  const [f] = alertFindings(
    { mailboxes: [old], users: new Map(), skus: [] },
    settings({ kinds: ['inactive'], inactiveDays: 90 }),
    {},
    NOW,
  ).findings;
  expect(f.key).toBe('inactive:z');
  expect(f.title).toMatch(/inactive for 1\d\d days/);
});

test('full: a mailbox whose 30-day growth fills its quota within N days, from the stored history', () => {
  const growth = (bytes: number, perDay30: number | null) => ({ bytes, quotaBytes: 50 * GB, perDay30, perDay90: null });
  const facts = {
    mailboxes: [userMailbox('a', 45 * GB), userMailbox('b', 45 * GB), userMailbox('c', 45 * GB), userMailbox('d', 10 * GB)],
    users: new Map(),
    skus: [],
    growth: {
      date: '2025-06-08',
      spans: { d30: 30, d90: 30 },
      byUpn: new Map([
        // 5 GB left: at 0.25 GB a day, 20 days; at 0.1 GB, 50 days; shrinking; d is not in the history.
        ['a@contoso.example', growth(45 * GB, 0.25 * GB)],
        ['b@contoso.example', growth(45 * GB, 0.1 * GB)],
        ['c@contoso.example', growth(45 * GB, -0.1 * GB)],
      ]),
    },
  };
  const within30 = alertFindings(facts, settings({ kinds: ['full'] }), {}, NOW).findings;
  expect(within30.map((f) => f.upn)).toEqual(['a@contoso.example']);
  expect(within30[0].projectedFull).toBe('2025-06-28');
  expect(within30[0].title).toMatch(/will be full in about 18 days, around Jun 28/);
  const within60 = alertFindings(facts, settings({ kinds: ['full'], fullWithinDays: 60 }), {}, NOW).findings;
  expect(within60.map((f) => f.upn)).toEqual(['a@contoso.example', 'b@contoso.example']);
});

test('renewals: a paid subscription with unused seats, within the days asked for, once per renewal date; not trials or full ones', () => {
  const e3 = office365E3(50, 46);
  const sub = (id: string, days: number, over: Partial<CompanySubscription> = {}): CompanySubscription => ({
    id,
    skuId: e3.skuId,
    skuPartNumber: 'ENTERPRISEPACK',
    status: 'Enabled',
    isTrial: false,
    totalLicenses: 50,
    createdDateTime: null,
    nextLifecycleDateTime: new Date(NOW.getTime() + days * 86_400_000).toISOString(),
    ...over,
  });
  const judge = (subscriptions: CompanySubscription[], days?: number) =>
    alertFindings(
      { mailboxes: [], users: new Map(), skus: [e3], subscriptions },
      settings({ kinds: ['renewal'], ...(days ? { renewalDaysBefore: days } : {}) }),
      {},
      NOW,
    ).findings;
  const [f] = judge([sub('s1', 30)]);
  expect(f.title).toBe('Office 365 E3 renews in 30 days with 4 unused seats');
  expect(f.key).toBe(`renewal:s1@${sub('s1', 30).nextLifecycleDateTime!.slice(0, 10)}`);
  expect(f.once).toBe(true);
  expect(judge([sub('s1', 31)])).toEqual([]);
  expect(judge([sub('s1', 31)], 45)).toHaveLength(1);
  expect(judge([sub('s1', 10, { isTrial: true })])).toEqual([]);
  expect(judge([sub('s1', -1)])).toEqual([]);
  const full = office365E3(50, 50);
  expect(
    alertFindings(
      { mailboxes: [], users: new Map(), skus: [full], subscriptions: [sub('s1', 5)] },
      settings({ kinds: ['renewal'] }),
      {},
      NOW,
    ).findings,
  ).toEqual([]);
});

const archiveOf = (id: string, gbs: number[], extra: Partial<ArchiveFigures> = {}): ArchiveFigures => ({
  id,
  upn: `${id}@contoso.example`,
  displayName: `Owner ${id}`,
  recipientTypeDetails: 'UserMailbox',
  autoExpanding: false,
  onHold: false,
  archiveQuotaBytes: 100 * GB,
  readings: gbs.map((gb, i) => ({
    at: new Date(NOW.getTime() - (gbs.length - 1 - i) * 86_400_000).toISOString(),
    sizeBytes: gb * GB,
    itemCount: 1000,
    deletedBytes: 0,
  })),
  ...extra,
});

test('archive cap: full within the conversation’s days at its pace, or full already; growth: over 1 GB a day', () => {
  const facts = {
    mailboxes: [],
    users: new Map(),
    skus: [],
    archives: [
      archiveOf('soon', [90, 91]),
      archiveOf('later', [50, 51]),
      archiveOf('full', [100]),
      archiveOf('fast', [200, 203], { autoExpanding: true }),
      archiveOf('unread', []),
    ],
  };
  const r = alertFindings(facts, settings({ kinds: ['archive-cap', 'archive-growth'], archiveCapDays: 30 }), {}, NOW);
  expect(r.findings.map((f) => f.key).sort()).toEqual(['archive-cap:full', 'archive-cap:soon', 'archive-growth:fast']);
  expect(r.findings.find((f) => f.key === 'archive-cap:soon')!.why).toMatch(/full in about 9 days/);
  expect(r.findings.find((f) => f.key === 'archive-cap:full')!.severity).toBe('attention');
  // 49 days at 1 GB a day: within 60 days, not within 30.
  expect(alertFindings(facts, settings({ kinds: ['archive-cap'], archiveCapDays: 60 }), {}, NOW).findings.map((f) => f.key)).toContain(
    'archive-cap:later',
  );
});

test('Recoverable Items: only mailboxes on hold, from the threshold, against their own quota', () => {
  const held = { ...userMailbox('held', 2 * GB), litigationHoldEnabled: true, recoverableItemsQuotaBytes: 100 * GB };
  held.statistics = { ...held.statistics!, totalDeletedItemSizeBytes: 85 * GB };
  const notHeld = { ...userMailbox('free', 2 * GB), recoverableItemsQuotaBytes: 30 * GB };
  notHeld.statistics = { ...notHeld.statistics!, totalDeletedItemSizeBytes: 29 * GB };
  const retained = { ...userMailbox('retained', 2 * GB), inPlaceHolds: ['mbx0123'], recoverableItemsQuotaBytes: 100 * GB };
  retained.statistics = { ...retained.statistics!, totalDeletedItemSizeBytes: 50 * GB };
  const facts = { mailboxes: [held, notHeld, retained], users: new Map(), skus: [] };
  const r = alertFindings(facts, settings({ kinds: ['recoverable-items'] }), {}, NOW);
  expect(r.findings.map((f) => f.key)).toEqual(['recoverable-items:held']);
  expect(r.findings[0].why).toMatch(/85 GB of its 100 GB Recoverable Items quota, held by Litigation Hold/);
  expect(
    alertFindings(facts, settings({ kinds: ['recoverable-items'], recoverablePercent: 50 }), {}, NOW).findings.map((f) => f.key),
  ).toEqual(['recoverable-items:held', 'recoverable-items:retained']);
});

test('recoverable-items: a usage-report row, whose holds the report cannot tell, is judged with the holds the archive refresh listed', () => {
  const row = { ...userMailbox('archived', 2 * GB, 100 * GB), fromUsageOnly: true, statisticsSource: 'usage' as const };
  row.statistics = { ...row.statistics!, totalDeletedItemSizeBytes: 90 * GB };
  const listed: ArchiveFigures = {
    id: 'archived',
    upn: 'Archived@contoso.example',
    displayName: 'User archived',
    recipientTypeDetails: 'UserMailbox',
    autoExpanding: false,
    onHold: true,
    archiveQuotaBytes: 100 * GB,
    litigationHoldEnabled: false,
    inPlaceHolds: ['mbx0123'],
    recoverableItemsQuotaBytes: 100 * GB,
    readings: [],
  };
  const judged = (archives?: ArchiveFigures[]) =>
    alertFindings(
      { mailboxes: [row], users: new Map(), skus: [], ...(archives ? { archives } : {}) },
      settings({ kinds: ['recoverable-items'] }),
      {},
      NOW,
    ).findings;
  expect(judged()).toEqual([]);
  const [f] = judged([listed]);
  expect(f.key).toBe('recoverable-items:archived');
  expect(f.why).toMatch(/90 GB of its 100 GB Recoverable Items quota, held by retention policy mbx0123/);
  // Not held by the archive's account either: nothing.
  expect(judged([{ ...listed, onHold: false, inPlaceHolds: [] }])).toEqual([]);
});

test('recoverable-items: a usage-report row without an archive is judged with the holds of the Litigation Hold listing', () => {
  const row = { ...userMailbox('held', 2 * GB, 100 * GB), fromUsageOnly: true, statisticsSource: 'usage' as const };
  row.statistics = { ...row.statistics!, totalDeletedItemSizeBytes: 85 * GB };
  const judged = (heldMailboxes?: HeldMailbox[]) =>
    alertFindings(
      { mailboxes: [row], users: new Map(), skus: [], archives: [], ...(heldMailboxes ? { heldMailboxes } : {}) },
      settings({ kinds: ['recoverable-items'] }),
      {},
      NOW,
    ).findings;
  expect(judged()).toEqual([]);
  const [f] = judged([{ upn: 'HELD@contoso.example', litigationHoldEnabled: true, recoverableItemsQuotaBytes: 100 * GB }]);
  expect(f.key).toBe('recoverable-items:held');
  expect(f.why).toMatch(/85 GB of its 100 GB Recoverable Items quota, held by Litigation Hold/);
  // A row read live carries its own holds: the listing does not override it.
  expect(
    alertFindings(
      {
        mailboxes: [{ ...row, statisticsSource: 'live' as const }],
        users: new Map(),
        skus: [],
        heldMailboxes: [{ upn: 'held@contoso.example', litigationHoldEnabled: true }],
      },
      settings({ kinds: ['recoverable-items'] }),
      {},
      NOW,
    ).findings,
  ).toEqual([]);
});
