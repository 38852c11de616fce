import type { DirectoryUser, MailboxWithStatistics, SubscribedSku } from '../../../src/model/tenant';
import {
  countVerdicts,
  rankByRisk,
  sharedMailboxVerdict,
  type LicenseReason,
  type VerdictKind,
} from '../../../src/reports/licensing/shared-mailbox-verdict';
import {
  archivingAddOn,
  directoryUser,
  exchangePlan1,
  exchangePlan2,
  GB,
  license,
  microsoft365E5,
  office365E3,
  PLAN,
  sharedMailbox,
  SKU_ID,
  tenantSkus,
} from './licensing-fixtures';

interface Row {
  name: string;
  mailbox: MailboxWithStatistics;
  user?: DirectoryUser | null;
  skus?: SubscribedSku[];
  kind: VerdictKind;
  reasons: LicenseReason[];
  /** 'assign:<skuIds>' | 'enable-plan:<skuId>' | 'wait' | 'buy:<skuIds>' | null */
  fix?: string | null;
  plan?: string;
}

const fixOf = (v: ReturnType<typeof sharedMailboxVerdict>): string | null => {
  const f = v.fix;
  if (!f) return null;
  if (f.kind === 'assign') return `assign:${f.skus.map((s) => s.skuId).join('+')}`;
  if (f.kind === 'enable-plan') return `enable-plan:${f.skuId}`;
  if (f.kind === 'buy') return `buy:${f.products.map((p) => p.skuId).join('+')}`;
  return 'wait';
};

const unlicensed = directoryUser();
const withLicenses = (...licenses: ReturnType<typeof license>[]) => directoryUser({ assignedLicenses: licenses });

// One row per line of WIRE.md's licensing table, and each edge the issue names.
const rows: Row[] = [
  {
    name: 'exactly 50 GB is not over (but is near)',
    mailbox: sharedMailbox({ sizeBytes: 50 * GB }),
    kind: 'soon',
    reasons: [],
    fix: `assign:${SKU_ID.exchangePlan2}`,
  },
  {
    name: 'one byte over 50 GB needs Plan 2',
    mailbox: sharedMailbox({ sizeBytes: 50 * GB + 1 }),
    kind: 'needs-licence',
    reasons: ['over-50-gb'],
    fix: `assign:${SKU_ID.exchangePlan2}`,
  },
  { name: 'just under 90% of 50 GB is fine', mailbox: sharedMailbox({ sizeBytes: 45 * GB - 1 }), kind: 'ok', reasons: [], fix: null },
  {
    name: 'exactly 90% of 50 GB will need one soon',
    mailbox: sharedMailbox({ sizeBytes: 45 * GB }),
    kind: 'soon',
    reasons: [],
    fix: `assign:${SKU_ID.exchangePlan2}`,
  },
  {
    name: 'over 50 GB with Plan 1 and archiving still needs Plan 2',
    mailbox: sharedMailbox({ sizeBytes: 60 * GB }),
    user: withLicenses(license(SKU_ID.exchangePlan1), license(SKU_ID.archiving)),
    kind: 'needs-licence',
    reasons: ['over-50-gb'],
    fix: `assign:${SKU_ID.exchangePlan2}`,
  },
  {
    name: 'archive without a licence: Plan 1 plus archiving',
    mailbox: sharedMailbox({ archiveStatus: 'Active' }),
    kind: 'needs-licence',
    reasons: ['archive'],
    fix: `assign:${SKU_ID.exchangePlan1}+${SKU_ID.archiving}`,
  },
  {
    name: 'archive with Plan 1 alone: add archiving',
    mailbox: sharedMailbox({ archiveStatus: 'Active' }),
    user: withLicenses(license(SKU_ID.exchangePlan1)),
    kind: 'needs-licence',
    reasons: ['archive'],
    fix: `assign:${SKU_ID.archiving}`,
    plan: 'plan1',
  },
  {
    name: 'archive with Plan 1 plus archiving is covered',
    mailbox: sharedMailbox({ archiveStatus: 'Active' }),
    user: withLicenses(license(SKU_ID.exchangePlan1), license(SKU_ID.archiving)),
    kind: 'ok',
    reasons: ['archive'],
    fix: null,
  },
  {
    name: 'archive with Plan 2 is covered',
    mailbox: sharedMailbox({ archiveStatus: 'Active' }),
    user: withLicenses(license(SKU_ID.exchangePlan2)),
    kind: 'ok',
    reasons: ['archive'],
    fix: null,
    plan: 'plan2',
  },
  {
    name: 'auto-expanding archive without a licence',
    mailbox: sharedMailbox({ archiveStatus: 'Active', autoExpandingArchiveEnabled: true }),
    kind: 'needs-licence',
    reasons: ['archive', 'auto-expanding-archive'],
    fix: `assign:${SKU_ID.exchangePlan1}+${SKU_ID.archiving}`,
  },
  {
    name: 'auto-expanding archive with Plan 1 plus archiving is covered',
    mailbox: sharedMailbox({ archiveStatus: 'Active', autoExpandingArchiveEnabled: true }),
    user: withLicenses(license(SKU_ID.exchangePlan1), license(SKU_ID.archiving)),
    kind: 'ok',
    reasons: ['archive', 'auto-expanding-archive'],
    fix: null,
  },
  {
    name: 'litigation hold without a licence',
    mailbox: sharedMailbox({ litigationHoldEnabled: true }),
    kind: 'needs-licence',
    reasons: ['litigation-hold'],
    fix: `assign:${SKU_ID.exchangePlan1}+${SKU_ID.archiving}`,
  },
  {
    name: 'litigation hold with Plan 1 plus archiving is covered',
    mailbox: sharedMailbox({ litigationHoldEnabled: true }),
    user: withLicenses(license(SKU_ID.exchangePlan1), license(SKU_ID.archiving)),
    kind: 'ok',
    reasons: ['litigation-hold'],
    fix: null,
  },
  {
    name: 'hold, archive and over 50 GB at once: Plan 2',
    mailbox: sharedMailbox({ sizeBytes: 75 * GB, archiveStatus: 'Active', litigationHoldEnabled: true }),
    kind: 'needs-licence',
    reasons: ['over-50-gb', 'archive', 'litigation-hold'],
    fix: `assign:${SKU_ID.exchangePlan2}`,
  },
  {
    name: 'archive near 50 GB: Plan 2 since it will be needed anyway',
    mailbox: sharedMailbox({ sizeBytes: 48 * GB, archiveStatus: 'Active' }),
    kind: 'needs-licence',
    reasons: ['archive'],
    fix: `assign:${SKU_ID.exchangePlan2}`,
  },
  {
    name: 'Office 365 E3 with its Exchange plan disabled',
    mailbox: sharedMailbox({ archiveStatus: 'Active' }),
    user: withLicenses(license(SKU_ID.office365E3, [PLAN.plan2])),
    kind: 'needs-licence',
    reasons: ['archive'],
    fix: `enable-plan:${SKU_ID.office365E3}`,
    plan: 'none',
  },
  {
    name: 'Microsoft 365 E5 with its Exchange plan disabled',
    mailbox: sharedMailbox({ sizeBytes: 80 * GB }),
    user: withLicenses(license(SKU_ID.microsoft365E5, [PLAN.plan2])),
    kind: 'needs-licence',
    reasons: ['over-50-gb'],
    fix: `enable-plan:${SKU_ID.microsoft365E5}`,
  },
  {
    name: 'Plan 2 through Microsoft 365 E5 covers everything',
    mailbox: sharedMailbox({ sizeBytes: 80 * GB, archiveStatus: 'Active', litigationHoldEnabled: true }),
    user: withLicenses(license(SKU_ID.microsoft365E5)),
    kind: 'ok',
    reasons: ['over-50-gb', 'archive', 'litigation-hold'],
    fix: null,
    plan: 'plan2',
  },
  {
    name: 'a 100 GB quota without any licence proves nothing',
    mailbox: sharedMailbox({ sizeBytes: 60 * GB, prohibitSendReceiveQuotaBytes: 100 * GB }),
    kind: 'needs-licence',
    reasons: ['over-50-gb'],
    fix: `assign:${SKU_ID.exchangePlan2}`,
    plan: 'none',
  },
  {
    name: 'a 100 GB quota on a small mailbox needs nothing',
    mailbox: sharedMailbox({ sizeBytes: 5 * GB, prohibitSendReceiveQuotaBytes: 100 * GB }),
    kind: 'ok',
    reasons: [],
    fix: null,
  },
  {
    name: 'a licence whose plan is not provisioned yet: wait',
    mailbox: sharedMailbox({ sizeBytes: 55 * GB }),
    user: withLicenses(license(SKU_ID.exchangePlan2)),
    skus: [exchangePlan2(10, 7, 'PendingProvisioning'), office365E3()],
    kind: 'needs-licence',
    reasons: ['over-50-gb'],
    fix: 'wait',
    plan: 'none',
  },
  {
    name: 'no free units anywhere: say what to buy',
    mailbox: sharedMailbox({ sizeBytes: 55 * GB }),
    skus: [exchangePlan2(10, 10), office365E3(50, 50), exchangePlan1(5, 5)],
    kind: 'needs-licence',
    reasons: ['over-50-gb'],
    fix: `buy:${SKU_ID.exchangePlan2}`,
  },
  {
    name: 'hold with Plan 1, no archiving units: buy the add-on',
    mailbox: sharedMailbox({ litigationHoldEnabled: true }),
    user: withLicenses(license(SKU_ID.exchangePlan1)),
    skus: [exchangePlan1(), archivingAddOn(3, 3), exchangePlan2(2, 2)],
    kind: 'needs-licence',
    reasons: ['litigation-hold'],
    fix: `buy:${SKU_ID.archiving}`,
  },
  {
    name: 'only a suite is free: assign the suite',
    mailbox: sharedMailbox({ sizeBytes: 55 * GB }),
    skus: [exchangePlan2(10, 10), office365E3(50, 49), microsoft365E5(5, 1)],
    kind: 'needs-licence',
    reasons: ['over-50-gb'],
    fix: `assign:${SKU_ID.office365E3}`,
  },
  {
    name: 'Plan 2 on a small mailbox is money to save',
    mailbox: sharedMailbox({ sizeBytes: 3 * GB }),
    user: withLicenses(license(SKU_ID.exchangePlan2)),
    kind: 'licensed-without-need',
    reasons: [],
    fix: null,
  },
  {
    name: 'Plan 1 on a small mailbox is money to save',
    mailbox: sharedMailbox({ sizeBytes: 3 * GB }),
    user: withLicenses(license(SKU_ID.exchangePlan1)),
    kind: 'licensed-without-need',
    reasons: [],
    fix: null,
  },
  {
    name: 'Plan 2 on a mailbox at 95% keeps it out of trouble',
    mailbox: sharedMailbox({ sizeBytes: 47.5 * GB }),
    user: withLicenses(license(SKU_ID.exchangePlan2)),
    kind: 'ok',
    reasons: [],
    fix: null,
  },
  {
    name: 'Plan 1 at 95% will still need Plan 2 soon',
    mailbox: sharedMailbox({ sizeBytes: 47.5 * GB }),
    user: withLicenses(license(SKU_ID.exchangePlan1)),
    kind: 'soon',
    reasons: [],
    fix: `assign:${SKU_ID.exchangePlan2}`,
  },
  {
    name: 'no Entra account: verdict from Exchange data alone',
    mailbox: sharedMailbox({ userId: '', sizeBytes: 60 * GB }),
    user: null,
    kind: 'needs-licence',
    reasons: ['over-50-gb'],
    fix: null,
  },
  { name: 'no Entra account, small mailbox', mailbox: sharedMailbox({ userId: '' }), user: null, kind: 'ok', reasons: [], fix: null },
  {
    name: 'unknown size, archive still counts',
    mailbox: sharedMailbox({ sizeBytes: null, archiveStatus: 'Active', statisticsError: 'timed out' }),
    kind: 'needs-licence',
    reasons: ['archive'],
    fix: `assign:${SKU_ID.exchangePlan1}+${SKU_ID.archiving}`,
  },
];

describe('sharedMailboxVerdict: the licensing table', () => {
  test.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const v = sharedMailboxVerdict({
      mailbox: row.mailbox,
      user: row.user === undefined ? unlicensed : row.user,
      skus: row.skus ?? tenantSkus(),
    });
    expect(v.kind).toBe(row.kind);
    expect(v.reasons).toEqual(row.reasons);
    if (row.fix !== undefined) expect(fixOf(v)).toBe(row.fix);
    if (row.plan) expect(v.exchange?.plan).toBe(row.plan);
    expect(v.why.length).toBeGreaterThan(0);
  });
});

describe('sharedMailboxVerdict: what the admin reads', () => {
  const skus = tenantSkus();

  test('a mailbox without an Entra account says licences cannot be checked and offers no fix', () => {
    const v = sharedMailboxVerdict({ mailbox: sharedMailbox({ userId: '', archiveStatus: 'Active' }), user: directoryUser(), skus });
    expect(v.licenseCheck).toBe('no-entra-account');
    expect(v.notes).toContain('No Entra account linked: cannot check licences.');
    expect(v.fix).toBeNull();
    expect(v.canSignIn).toBeNull();
  });

  test('a pending plan is reported, not trusted', () => {
    const v = sharedMailboxVerdict({
      mailbox: sharedMailbox({ sizeBytes: 55 * GB }),
      user: withLicenses(license(SKU_ID.exchangePlan2)),
      skus: [exchangePlan2(10, 7, 'PendingActivation')],
    });
    expect(v.exchange?.pending.map((p) => [p.planName, p.status])).toEqual([['EXCHANGE_S_ENTERPRISE', 'PendingActivation']]);
    expect(v.fix?.text).toMatch(/not in effect yet.*PendingActivation/);
    expect(v.notes.join(' ')).toMatch(/Exchange Online \(Plan 2\) from Exchange Online \(Plan 2\) is not in effect yet/);
  });

  test('the fix names the product, its free units and the skuId to assign', () => {
    const v = sharedMailboxVerdict({ mailbox: sharedMailbox({ sizeBytes: 51 * GB }), user: unlicensed, skus });
    expect(v.fix).toMatchObject({
      kind: 'assign',
      gives: 'plan2',
      skus: [{ skuId: SKU_ID.exchangePlan2, skuName: 'Exchange Online (Plan 2)', free: 3 }],
    });
    expect(v.fix?.text).toBe('Assign Exchange Online (Plan 2) (3 free).');
  });

  test('Plan 2 replaces Plan 1 in the same change, since Exchange refuses both at once', () => {
    const v = sharedMailboxVerdict({
      mailbox: sharedMailbox({ sizeBytes: 60 * GB }),
      user: withLicenses(license(SKU_ID.exchangePlan1), license(SKU_ID.archiving)),
      skus,
    });
    expect(v.fix).toMatchObject({ kind: 'assign', replaces: [{ skuId: SKU_ID.exchangePlan1, skuName: 'Exchange Online (Plan 1)' }] });
    expect(v.fix?.text).toBe('Assign Exchange Online (Plan 2) (3 free) in place of Exchange Online (Plan 1).');
  });

  test('no usage location: the fix warns that Graph will refuse', () => {
    const v = sharedMailboxVerdict({ mailbox: sharedMailbox({ sizeBytes: 51 * GB }), user: directoryUser({ usageLocation: null }), skus });
    expect(v.fix).toMatchObject({ kind: 'assign', needsUsageLocation: true });
    expect(v.fix?.text).toMatch(/usage location/);
  });

  test('no free units: names the full pools and what to buy', () => {
    const v = sharedMailboxVerdict({
      mailbox: sharedMailbox({ sizeBytes: 55 * GB }),
      user: unlicensed,
      skus: [exchangePlan2(10, 10), office365E3(50, 50)],
    });
    expect(v.fix?.kind).toBe('buy');
    expect(v.fix?.text).toContain('buy Exchange Online (Plan 2)');
    expect(v.fix?.text).toContain('Office 365 E3 (50 of 50 assigned)');
  });

  test('an account that can sign in is its own finding, whatever the licence verdict', () => {
    const v = sharedMailboxVerdict({ mailbox: sharedMailbox(), user: directoryUser({ accountEnabled: true }), skus });
    expect(v.kind).toBe('ok');
    expect(v.canSignIn).toBe(true);
  });

  test('a 100 GB quota without Plan 2 is explained as legacy, not as a licence', () => {
    const v = sharedMailboxVerdict({
      mailbox: sharedMailbox({ sizeBytes: 60 * GB, prohibitSendReceiveQuotaBytes: 100 * GB }),
      user: unlicensed,
      skus,
    });
    expect(v.notes.join(' ')).toMatch(/100 GB quota is not a licence/);
  });

  test('a soon threshold can be configured', () => {
    const v = sharedMailboxVerdict({ mailbox: sharedMailbox({ sizeBytes: 41 * GB }), user: unlicensed, skus }, { soonRatio: 0.8 });
    expect(v.kind).toBe('soon');
  });

  test('decides by service plan id, not by the SKU name', () => {
    const misleading = exchangePlan1();
    misleading.skuPartNumber = 'EXCHANGEENTERPRISE';
    const v = sharedMailboxVerdict({
      mailbox: sharedMailbox({ sizeBytes: 55 * GB }),
      user: withLicenses(license(SKU_ID.exchangePlan1)),
      skus: [misleading],
    });
    expect(v.kind).toBe('needs-licence');
  });
});

describe('rankByRisk and countVerdicts', () => {
  const skus = tenantSkus();
  const verdict = (upn: string, mailbox: Partial<MailboxWithStatistics> & { sizeBytes?: number }, user: Partial<DirectoryUser> = {}) =>
    sharedMailboxVerdict({ mailbox: sharedMailbox({ userPrincipalName: upn, ...mailbox }), user: directoryUser(user), skus });

  const verdicts = [
    verdict('waste@x', { sizeBytes: 1 * GB }, { assignedLicenses: [license(SKU_ID.exchangePlan2)] }),
    verdict('fine@x', { sizeBytes: 2 * GB }),
    verdict('signin@x', { sizeBytes: 1 * GB }, { accountEnabled: true }),
    verdict('soon@x', { sizeBytes: 46 * GB }),
    verdict('small-archive@x', { sizeBytes: 5 * GB, archiveStatus: 'Active' }),
    verdict('huge@x', { sizeBytes: 90 * GB }),
  ];

  test('needs a licence (largest first), then soon, can sign in, licence not needed, then the rest', () => {
    expect(rankByRisk(verdicts).map((v) => v.userPrincipalName)).toEqual([
      'huge@x',
      'small-archive@x',
      'soon@x',
      'signin@x',
      'waste@x',
      'fine@x',
    ]);
  });

  test('counts lead the card', () => {
    expect(countVerdicts(verdicts)).toEqual({ needsLicense: 2, soon: 1, canSignIn: 1, licenseNotNeeded: 1, ok: 2, total: 6 });
  });
});
