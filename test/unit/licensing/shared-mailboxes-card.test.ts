import { sentCardBytes, CARD_BYTE_LIMIT } from '../../../src/cards/render';
import { sharedMailboxesCard } from '../../../src/cards/licensing/shared-mailboxes-card';
import { assignLicenseConfirmCard, assignLicenseResultCard } from '../../../src/cards/licensing/assign-license-cards';
import { sharedMailboxVerdict, type SharedMailboxVerdict } from '../../../src/reports/licensing/shared-mailbox-verdict';
import { cardProblems, findAll, visibleTexts } from './card-checks';
import { directoryUser, exchangePlan2, GB, license, sharedMailbox, SKU_ID, tenantSkus } from './licensing-fixtures';

const asOf = '2025-06-01T09:00:00Z';
const skus = tenantSkus();

function verdicts(): SharedMailboxVerdict[] {
  return [
    sharedMailboxVerdict({
      mailbox: sharedMailbox({ userPrincipalName: 'big@contoso.example', displayName: 'Big Box', sizeBytes: 70 * GB }),
      user: directoryUser(),
      skus,
    }),
    sharedMailboxVerdict({
      mailbox: sharedMailbox({ userPrincipalName: 'near@contoso.example', displayName: 'Near Box', sizeBytes: 46 * GB }),
      user: directoryUser(),
      skus,
    }),
    sharedMailboxVerdict({
      mailbox: sharedMailbox({ userPrincipalName: 'open@contoso.example', displayName: 'Open Box', sizeBytes: GB }),
      user: directoryUser({ accountEnabled: true }),
      skus,
    }),
    sharedMailboxVerdict({
      mailbox: sharedMailbox({ userPrincipalName: 'paid@contoso.example', displayName: 'Paid Box', sizeBytes: GB }),
      user: directoryUser({ assignedLicenses: [license(SKU_ID.exchangePlan2)] }),
      skus,
    }),
    sharedMailboxVerdict({
      mailbox: sharedMailbox({ userPrincipalName: 'fine@contoso.example', displayName: 'Fine Box', sizeBytes: GB }),
      user: directoryUser(),
      skus,
    }),
    sharedMailboxVerdict({
      mailbox: sharedMailbox({ userPrincipalName: 'orphan@contoso.example', displayName: 'Orphan', userId: '', archiveStatus: 'Active' }),
      user: null,
      skus,
    }),
  ];
}

const executes = (card: object) => findAll(card, 'Action.Execute') as { title: string; verb: string; data: Record<string, unknown> }[];

describe('shared card', () => {
  test('leads with the four counts, then the mailboxes most at risk', () => {
    const { card } = sharedMailboxesCard({ verdicts: verdicts(), asOf, remediationAllowed: true });
    expect(cardProblems(card)).toEqual([]);
    const text = visibleTexts(card);
    expect(text).toMatch(/2\nneed a licence now\n1\nwill need one soon\n1\ncan sign in\n1\nlicence not needed/);
    const order = ['Big Box', 'Orphan', 'Near Box', 'Open Box', 'Paid Box'].map((n) => text.indexOf(n));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('Fine Box');
    expect(text).toContain('over 50 GB');
    expect(text).toContain('Assign Exchange Online (Plan 2) (3 free).');
    expect(text).toContain('No Entra account linked: cannot check licences.');
  });

  test('Assign licence appears only where a fix with free units exists, and only when remediation is allowed', () => {
    const allowed = executes(sharedMailboxesCard({ verdicts: verdicts(), asOf, remediationAllowed: true }).card);
    const assign = allowed.filter((a) => a.verb === 'licence.assign.confirm');
    expect(assign.map((a) => a.data.upn)).toEqual(['big@contoso.example', 'near@contoso.example']);
    expect(assign[0].data).toEqual({
      upn: 'big@contoso.example',
      skuId: SKU_ID.exchangePlan2,
      skuIds: [SKU_ID.exchangePlan2],
      removeSkuIds: [],
    });
    expect(allowed.filter((a) => a.verb === 'mailbox.details')).toHaveLength(5);

    const refused = executes(sharedMailboxesCard({ verdicts: verdicts(), asOf, remediationAllowed: false }).card);
    expect(refused.filter((a) => a.verb === 'licence.assign.confirm')).toEqual([]);

    const full = [exchangePlan2(5, 5)];
    const none = sharedMailboxVerdict({ mailbox: sharedMailbox({ sizeBytes: 70 * GB }), user: directoryUser(), skus: full });
    const card = sharedMailboxesCard({ verdicts: [none], asOf, remediationAllowed: true }).card;
    expect(executes(card).map((a) => a.verb)).toEqual(['mailbox.details']);
    expect(visibleTexts(card)).toMatch(/buy Exchange Online \(Plan 2\)/);
  });

  test('tenant text stays plain text: no Markdown, no template expressions, no date functions', () => {
    const v = sharedMailboxVerdict({
      mailbox: sharedMailbox({ displayName: '**Boss** ${owner} {{DATE(2020-01-01T00:00:00Z)}}', sizeBytes: 60 * GB }),
      user: directoryUser(),
      skus,
    });
    const { card } = sharedMailboxesCard({ verdicts: [v], asOf, remediationAllowed: false });
    expect(cardProblems(card, true)).toEqual([]);
    const run = findAll(card, 'TextRun').find((t) => String(t.text).includes('Boss'));
    expect(run?.text).toContain('**Boss** ${owner}');
    expect(String(run?.text)).not.toContain('{{DATE');
    // Names only ever sit in TextRuns, which clients never read as Markdown.
    expect(findAll(card, 'TextBlock').some((t) => String(t.text).includes('Boss'))).toBe(false);
  });

  test('3,000 shared mailboxes fit in one Teams message, saying how many are shown', () => {
    const many: SharedMailboxVerdict[] = [];
    for (let i = 0; i < 3000; i++) {
      many.push(
        sharedMailboxVerdict({
          mailbox: sharedMailbox({
            userId: `u${i}`,
            userPrincipalName: `shared-${i}@contoso.example`,
            displayName: `Shared mailbox number ${i} of the finance department`,
            sizeBytes: (30 + (i % 40)) * GB,
            archiveStatus: i % 3 === 0 ? 'Active' : 'None',
            litigationHoldEnabled: i % 7 === 0,
          }),
          user: directoryUser({ id: `u${i}`, accountEnabled: i % 11 === 0 }),
          skus,
        }),
      );
    }
    const fitted = sharedMailboxesCard({ verdicts: many, asOf, remediationAllowed: true });
    expect(fitted.bytes).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(sentCardBytes(fitted.card)).toBe(fitted.bytes);
    // The first screen: the counts, then the five most at risk; the rest are in the export.
    expect(fitted.rows).toBe(5);
    expect(cardProblems(fitted.card)).toEqual([]);
    expect(visibleTexts(fitted.card)).toMatch(/The 5 most at risk of [\d,]+\. Get every one with: export shared/);
  });

  test('no shared mailbox needs anything: says so', () => {
    const v = sharedMailboxVerdict({ mailbox: sharedMailbox(), user: directoryUser(), skus });
    const { card } = sharedMailboxesCard({ verdicts: [v], asOf, remediationAllowed: true });
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toContain('Every shared mailbox is within what it may use without a licence');
  });
});

describe('assign licence cards', () => {
  const mailbox = { userPrincipalName: 'big@contoso.example', displayName: 'Big Box' };
  const sku = { skuId: SKU_ID.exchangePlan2, skuName: 'Exchange Online (Plan 2)', free: 3 };

  test('confirmation names the licence and what it costs, with Confirm and Cancel', () => {
    const card = assignLicenseConfirmCard(mailbox, sku, {
      why: 'over 50 GB (70 GB)',
      replaces: [{ skuId: SKU_ID.exchangePlan1, skuName: 'Exchange Online (Plan 1)' }],
    });
    expect(cardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('Exchange Online (Plan 2) (3 free now, 2 after)');
    expect(text).toContain('"title":"Remove","value":"Exchange Online (Plan 1)"');
    const actions = executes(card);
    expect(actions.map((a) => [a.title, a.verb])).toEqual([
      ['Confirm', 'licence.assign'],
      ['Cancel', 'licence.assign.cancel'],
    ]);
    expect(actions[0].data).toEqual({
      upn: 'big@contoso.example',
      skuId: SKU_ID.exchangePlan2,
      skuIds: [SKU_ID.exchangePlan2],
      removeSkuIds: [SKU_ID.exchangePlan1],
    });
  });

  test('confirmation warns when the account has no usage location', () => {
    const card = assignLicenseConfirmCard(mailbox, sku, { needsUsageLocation: true });
    expect(visibleTexts(card)).toContain('no usage location');
  });

  const result = (r: Parameters<typeof assignLicenseResultCard>[0]['result']) =>
    assignLicenseResultCard({ mailbox, skus: [sku], requestedBy: 'Alex Wilber', at: asOf, result: r });

  test.each([
    [{ status: 400, message: 'License assignment cannot be done for user with invalid usage location.' }, /no usage location/],
    [
      { status: 400, message: 'Subscription with SKU 19ec0d23-8335-4cbd-94ac-6050e30712fa does not have any available licenses.' },
      /No free Exchange Online \(Plan 2\) licence is left/,
    ],
    [
      { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
      /LicenseAssignment\.ReadWrite\.All/,
    ],
    [
      { status: 400, message: 'License assignment failed because service plans 9aaf7827 and efb87545 are mutually exclusive.' },
      /Plan 1 and Plan 2 exclude each other/,
    ],
  ])('a refusal is said plainly: %j', (refusal, expected) => {
    const card = result({ outcome: 'refused', refusal });
    expect(cardProblems(card)).toEqual([]);
    const text = visibleTexts(card);
    expect(text).toMatch(expected);
    expect(text).toContain('Nothing was changed.');
    expect(text).toContain('Requested by Alex Wilber');
  });

  test('success says what was assigned and who asked', () => {
    const card = result({ outcome: 'assigned' });
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toMatch(/Licence assigned[\s\S]*Exchange Online \(Plan 2\) assigned[\s\S]*Requested by Alex Wilber/);
  });
});
