// Every card the bot sends, and every card a button answers with, built from the bench's largest
// generated tenant, then measured the way Teams receives it: as the whole activity (a channel reply
// with Teams' long ids), or as the invoke response that replaces the card. Each must hold no Table
// (Teams mobile draws it blank), give every Action.Execute an Action.Submit fallback, click rows only
// through Action.Submit, keep within Teams' six top-level actions, and weigh at most 28 KB.
import { TurnContext, type ConversationReference } from 'botbuilder';
import { generateTenant } from '../../../src/simulator/tenant/generate';
import type { FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';
import type { DirectoryUser, MailboxWithStatistics, SubscribedSku } from '../../../src/model/tenant';
import type { AdaptiveCard } from '../../../src/cards/render';
import { ENVELOPE_ALLOWANCE, sentCardBytes, TEAMS_MESSAGE_LIMIT } from '../../../src/cards/sendable';
import { invokeResponse, toActivity } from '../../../src/teams/bot';
import type { Message } from '../../../src/dispatch/types';
import { mailboxReportMessage } from '../../../src/messages/report-messages';
import { tenantTrendText } from '../../../src/reports/mailbox-trend';
import { sharedReportMessage } from '../../../src/commands/shared';
import { licenseReport } from '../../../src/commands/licenses';
import { allCommands } from '../../../src/commands';
import { errorMessage, progressMessage, runButton, welcomeMessage } from '../../../src/messages/replies';
import { helpMessage } from '../../../src/dispatch/help-message';
import { buildMailboxReport, MAILBOX_SORTS, MAILBOX_TYPES, type MailboxQuery } from '../../../src/reports/mailbox-report';
import { buildMailboxDetails } from '../../../src/reports/mailbox-details';
import { mailboxDetailsCard } from '../../../src/cards/mailbox-details-card';
import { mailboxDetailsButton } from '../../../src/buttons/mailbox-details';
import { sharedMailboxVerdict } from '../../../src/reports/licensing/shared-mailbox-verdict';
import { licensePools } from '../../../src/reports/licensing/license-pools';
import { licenseWaste } from '../../../src/reports/licensing/license-waste';
import { licenseCost } from '../../../src/reports/licensing/license-cost';
import { priceBook } from '../../../src/reports/licensing/prices';
import { upcomingRenewals } from '../../../src/reports/licensing/renewals';
import { userLicenses } from '../../../src/reports/licensing/user-licenses';
import { userLicensesCard } from '../../../src/cards/licensing/user-licenses-card';
import { assignableFix } from '../../../src/reports/licensing/license-assignment';
import { assignLicenseConfirmCard, assignLicenseResultCard } from '../../../src/cards/licensing/assign-license-cards';
import { alertFindings } from '../../../src/reports/alerts/findings';
import { planAlerts } from '../../../src/reports/alerts/ledger-plan';
import { DEFAULT_ALERT_SETTINGS } from '../../../src/reports/alerts/settings';
import { ALERT_KIND_SPECS } from '../../../src/reports/alerts/kinds';
import { alertCard, moreAlertsCard, resolvedCard } from '../../../src/cards/alert-card';
import { doctorCard } from '../../../src/cards/doctor-card';
import { downloadCard } from '../../../src/cards/download-card';
import type { ReportContext } from '../../../src/dispatch/types';
import { archivesReport } from '../../../src/commands/archives';
import { ARCHIVE_SORTS, GB } from '../../../src/reports/archives';
import type { ArchiveFigures, CompanySubscription } from '../../../src/model/tenant';
import { licenseGroupReport } from '../../../src/commands/licenses';
import { mailboxCardMessage } from '../../../src/messages/mailbox-details-message';
import { foldersCard } from '../../../src/cards/folders-card';
import { historyCard } from '../../../src/cards/history-card';
import { pricesCard } from '../../../src/cards/licensing/prices-card';
import { RENEWAL_ROWS } from '../../../src/cards/licensing/license-money';
import { scheduleCard, scheduleListCard, type ScheduleView } from '../../../src/cards/schedule-card';
import { scheduleCancelButton } from '../../../src/buttons/schedule-cancel';
import { mailboxDetailsButton as backButton } from '../../../src/buttons/mailbox-details';
import type { PriceOverrides } from '../../../src/reports/licensing/prices';
import type { GrowthTable } from '../../../src/reports/growth';
import catalog from '../../../src/reports/licensing/sku-catalog.json';
import { elementsOfType } from './client-view';

/** bench/report-memory.bench.ts, bench/shared-mailboxes.bench.ts and bench/usage-report.bench.ts read `generate:100000:1`. */
const MAILBOXES = 100_000;
const NOW = new Date('2026-12-01T09:00:00Z');

function mailboxOf(u: FixtureUser): MailboxWithStatistics {
  const m = u.mailbox!;
  return {
    userId: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    primarySmtpAddress: m.primarySmtpAddress ?? u.userPrincipalName,
    alias: m.alias,
    recipientTypeDetails: m.recipientTypeDetails,
    litigationHoldEnabled: m.litigationHoldEnabled,
    archiveStatus: m.archiveStatus,
    autoExpandingArchiveEnabled: m.autoExpandingArchiveEnabled ?? false,
    issueWarningQuotaBytes: m.issueWarningQuotaBytes ?? null,
    prohibitSendQuotaBytes: m.prohibitSendQuotaBytes ?? null,
    prohibitSendReceiveQuotaBytes: m.prohibitSendReceiveQuotaBytes,
    whenMailboxCreated: m.whenMailboxCreated ?? null,
    statistics: {
      itemCount: m.itemCount,
      totalItemSizeBytes: m.totalItemSizeBytes,
      deletedItemCount: m.deletedItemCount ?? 0,
      totalDeletedItemSizeBytes: m.totalDeletedItemSizeBytes ?? 0,
      lastInteractionTime: m.lastInteractionTime ?? null,
      lastLogonTime: m.lastLogonTime ?? null,
    },
    archiveStatistics: m.archive
      ? {
          itemCount: m.archive.itemCount,
          totalItemSizeBytes: m.archive.totalItemSizeBytes,
          deletedItemCount: 0,
          totalDeletedItemSizeBytes: 0,
          lastInteractionTime: null,
          lastLogonTime: null,
        }
      : null,
  };
}

function userOf(u: FixtureUser): DirectoryUser {
  return {
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail ?? null,
    accountEnabled: u.accountEnabled,
    userType: u.userType,
    usageLocation: u.usageLocation ?? null,
    assignedLicenses: u.assignedLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans ?? [] })),
  };
}

function skusOf(t: TenantFixture): SubscribedSku[] {
  return t.subscribedSkus.map((s) => ({
    skuId: s.skuId,
    skuPartNumber: s.skuPartNumber,
    capabilityStatus: s.capabilityStatus ?? 'Enabled',
    consumedUnits: t.users.filter((u) => u.assignedLicenses.some((l) => l.skuId === s.skuId)).length,
    prepaidUnits: {
      enabled: s.prepaidUnits.enabled,
      suspended: s.prepaidUnits.suspended ?? 0,
      warning: s.prepaidUnits.warning ?? 0,
      lockedOut: s.prepaidUnits.lockedOut ?? 0,
    },
    servicePlans: s.servicePlans,
  }));
}

/**
 * A channel reply as Teams' ids make it longest: a 19:…@thread.tacv2;messageid=… conversation, 29:…
 * user ids, a regional service URL with the tenant id (shapes from Teams' captured
 * activities and learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-basics).
 */
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const REFERENCE: Partial<ConversationReference> = {
  activityId: '1764579600123',
  user: {
    id: `29:1${'Xy3_aB9-'.repeat(16)}`,
    name: 'Adele Vance (Contoso IT operations, Exchange administrator)',
    aadObjectId: 'b0a1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d',
  } as never,
  bot: { id: `28:${'0d2c9e8f-1a2b-4c3d-9e8f-7a6b5c4d3e2f'}`, name: 'Mailbox Watch' },
  conversation: {
    id: `19:${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6'}@thread.tacv2;messageid=1764579600123`,
    conversationType: 'channel',
    tenantId: TENANT_ID,
    isGroup: true,
    name: 'IT operations · Exchange and licensing alerts',
  } as never,
  channelId: 'msteams',
  locale: 'en-US',
  serviceUrl: `https://smba.trafficmanager.net/emea/${TENANT_ID}/`,
};

/** The activity as the bot posts it (or PUTs it, with an id) to the connector, serialised. */
function sentBytes(message: Message): number {
  const activity = TurnContext.applyConversationReference(
    { ...toActivity(message), id: '1764579600456' } as never,
    REFERENCE as ConversationReference,
  );
  return Buffer.byteLength(JSON.stringify(activity), 'utf8');
}

/** The invoke response that replaces the clicked card, serialised. */
function invokeBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(invokeResponse({ kind: 'card', card }).body), 'utf8');
}

interface Sent {
  name: string;
  /** What Teams renders: the card after teams/ added its fallbacks. */
  card: any;
  bytes: number;
  /** What the activity adds around the card. */
  envelope: number;
}

const tenant = generateTenant(MAILBOXES, 1, NOW);
const mailboxes = tenant.users.filter((u) => u.mailbox).map(mailboxOf);
const users = tenant.users.map(userOf);
const usersById = new Map(users.map((u) => [u.id.toLowerCase(), u]));
const skus = skusOf(tenant);
const shared = mailboxes.filter((m) => m.recipientTypeDetails === 'SharedMailbox');
const verdicts = shared.map((mailbox) =>
  sharedMailboxVerdict({ mailbox, user: usersById.get(mailbox.userId.toLowerCase()) ?? null, skus }),
);

const TODAY = NOW.toISOString().slice(0, 10);
/** Entra allows 256 characters in a display name and 64 in a department; a long one of each. */
const LONG_NAME = `Contoso Pharmaceuticals Research & Development ${'Überwachungs­abteilung '.repeat(9)}`.slice(0, 256);
const GROUP_NAME = 'Global Regulatory Affairs & Pharmacovigilance'.padEnd(58, ' ·');
const GROUPS = 1000;

/** Every SKU Microsoft's catalogue names, priced by the tenant. */
const EVERY_SKU_OVERRIDDEN: PriceOverrides = Object.fromEntries(
  Object.values(catalog.skus as Record<string, { partNumber: string }>).map((s, i) => [
    s.partNumber.toUpperCase(),
    {
      partNumber: s.partNumber,
      amount: 1234.5678 + i,
      currency: i % 2 ? 'EUR' : 'CHF',
      term: i % 2 ? 'monthly' : 'annual',
      setAt: NOW.toISOString(),
      setBy: LONG_NAME,
    },
  ]),
);

/**
 * A subscription for every SKU of the catalogue and every SKU of the tenant, each renewing within the
 * card's 90 days (and the renewal alert's 30): the longest renewals list there can be.
 */
const subscriptions: CompanySubscription[] = [
  ...skus.map((s) => ({ skuId: s.skuId, skuPartNumber: s.skuPartNumber, seats: s.prepaidUnits.enabled })),
  ...Object.entries(catalog.skus as Record<string, { partNumber: string }>).map(([skuId, s]) => ({
    skuId,
    skuPartNumber: s.partNumber,
    seats: 1000,
  })),
].map((s, i) => ({
  id: `sub-${i}`,
  skuId: s.skuId,
  skuPartNumber: s.skuPartNumber,
  status: i % 7 ? 'Enabled' : 'Warning',
  isTrial: i % 5 === 0,
  totalLicenses: s.seats,
  createdDateTime: null,
  nextLifecycleDateTime: new Date(NOW.getTime() + ((i % 29) + 1) * 86_400_000).toISOString(),
}));

/** A year of the tenant's total size, a day each. */
const TENANT_YEAR = Array.from({ length: 365 }, (_, i) => ({
  date: new Date(NOW.getTime() - (365 - i) * 86_400_000).toISOString().slice(0, 10),
  bytes: 987_654_321_098_765 + i * 1_234_567_890,
}));

/** Microsoft 365 groups' mailboxes: as many as the shared ones, under their own ids. */
const groupMailboxes = shared.map((m, i) => ({
  ...m,
  userId: `group-${i}`,
  userPrincipalName: `group${i}.${m.userPrincipalName}`,
  recipientTypeDetails: 'GroupMailbox' as const,
}));

/**
 * An archive for every mailbox, two readings a week apart: some grow past 1 GB a day, some are near
 * or at their cap, some failed their last read.
 */
const archives: ArchiveFigures[] = mailboxes.map((m, i) => {
  const cap = i % 3 ? 100 * GB : null;
  const last = i % 10 === 0 ? 99.5 * GB : (i % 97) * GB;
  const perDay = i % 4 === 0 ? 1.5 * GB : (i % 13) * 50_000_000;
  return {
    id: m.userId.toLowerCase(),
    upn: m.userPrincipalName,
    displayName: i % 100 === 0 ? LONG_NAME : m.displayName,
    recipientTypeDetails: m.recipientTypeDetails,
    autoExpanding: cap === null,
    onHold: i % 2 === 0,
    archiveQuotaBytes: cap,
    readings: [
      {
        at: new Date(NOW.getTime() - (7 + (i % 30)) * 86_400_000).toISOString(),
        sizeBytes: Math.max(0, last - 7 * perDay),
        itemCount: i * 10,
        deletedBytes: 0,
      },
      { at: new Date(NOW.getTime() - (i % 30) * 86_400_000).toISOString(), sizeBytes: last, itemCount: i * 11, deletedBytes: GB },
    ],
    ...(i % 50 === 0 ? { lastError: { at: NOW.toISOString(), message: 'timeout' } } : {}),
  };
});

/** Mailboxes that grow to their quota within days (the full-soon alert), from a stored history. */
const growth: GrowthTable = {
  date: TODAY,
  spans: { d30: 30, d90: 90 },
  byUpn: new Map(
    mailboxes
      .filter((m) => m.prohibitSendReceiveQuotaBytes)
      .slice(0, 5000)
      .map((m) => [
        m.userPrincipalName.toLowerCase(),
        {
          bytes: m.prohibitSendReceiveQuotaBytes! * 0.9,
          quotaBytes: m.prohibitSendReceiveQuotaBytes,
          perDay30: m.prohibitSendReceiveQuotaBytes! / 100,
          perDay90: m.prohibitSendReceiveQuotaBytes! / 200,
        },
      ]),
  ),
};

/** Mailboxes on hold with their Recoverable Items nearly full (the Recoverable Items alert). */
const HELD = 2000;
function heldOf(m: MailboxWithStatistics): Partial<MailboxWithStatistics> {
  return {
    litigationHoldEnabled: true,
    recoverableItemsQuotaBytes: 100 * GB,
    statistics: m.statistics && { ...m.statistics, totalDeletedItemSizeBytes: 97 * GB },
  };
}

function everyMessage(): { name: string; message: Message; reply: boolean }[] {
  const out: { name: string; message: Message; reply: boolean }[] = [];
  const add = (name: string, message: Message, reply = false) => out.push({ name, message, reply });
  const card = (name: string, c: AdaptiveCard, reply = false) => add(name, { card: c, text: name }, reply);

  // `mailboxes` in every type and sort, at the default page and at top 1000, and what its buttons
  // answer: Next, Previous, each Sort, the filter's Apply (report.page and report.filter build
  // their replies with the same mailboxReportMessage from the snapshot).
  const view = (name: string, query: MailboxQuery, offset: number, reply: boolean) => {
    const report = buildMailboxReport(mailboxes, query, NOW, { offset });
    // With a year of the tenant's stored history, the storage trend goes under the report.
    add(
      name,
      mailboxReportMessage(report, {
        commandText: 'mailboxes',
        snapshotId: 'f'.repeat(32),
        viewedAt: NOW,
        tenantTrend: tenantTrendText(TENANT_YEAR),
      }),
      reply,
    );
  };
  for (const type of MAILBOX_TYPES) {
    for (const sort of MAILBOX_SORTS) {
      view(`mailboxes ${type} sort ${sort}`, { type, sort, top: 10 }, 0, false);
      view(`Next on mailboxes ${type} sort ${sort}`, { type, sort, top: 10 }, 10, true);
      view(`mailboxes ${type} sort ${sort} top 1000`, { type, sort, top: 1000 }, 0, false);
      view(`Next on mailboxes ${type} sort ${sort} top 1000`, { type, sort, top: 1000 }, 1000, true);
    }
  }
  view('mailboxes filter a', { type: 'user', sort: 'items', top: 1000, filter: 'a' }, 0, false);
  view(
    'Apply filter a, 50%+, inactive 30 days',
    { type: 'all', sort: 'quota', top: 1000, filter: 'a', minPercent: 50, inactiveDays: 30 },
    0,
    true,
  );
  view('Previous on page 3', { type: 'all', sort: 'size', top: 10 }, 20, true);

  // `shared` (first message and Refresh), `licenses` (and Refresh), as their report specs build them.
  const ctx = { services: { config: { remediation: true } }, now: () => NOW } as unknown as ReportContext;
  const inventory = { mailboxes: shared, complete: true, failures: [] } as never;
  add('shared', sharedReportMessage({ inventory, verdicts }, { remediation: true, asOf: NOW, snapshotId: 'e'.repeat(32) }));
  add(
    'shared (partial, Retry)',
    sharedReportMessage(
      {
        inventory: {
          mailboxes: shared.map((m, i) => (i % 50 ? m : { ...m, statistics: null, statisticsError: 'timeout' })),
          complete: false,
          failures: [],
        } as never,
        verdicts,
      },
      { remediation: true, asOf: NOW, snapshotId: 'e'.repeat(32) },
    ),
  );
  const pools = licensePools(skus);
  const waste = licenseWaste({ users, mailboxes, skus, now: NOW });
  const listPrices = priceBook({}, TODAY);
  // An admin may price every SKU Microsoft's catalogue names, each set by someone with a long name.
  const everySkuPriced = priceBook(EVERY_SKU_OVERRIDDEN, TODAY);
  const licensesData = (prices: typeof listPrices, groupedUsers = users) => ({
    pools,
    waste,
    cost: licenseCost(pools, waste, prices),
    renewals: { ok: true, renewals: upcomingRenewals(subscriptions, pools, NOW, 90, prices), withinDays: 90 },
    inventory: { mailboxes, complete: true, failures: [] } as never,
    now: NOW,
    users: groupedUsers,
    prices,
  });
  add('licenses', licenseReport(ctx).result(licensesData(listPrices) as never, 'd'.repeat(32)));
  add('licenses, every SKU priced by the tenant', licenseReport(ctx).result(licensesData(everySkuPriced) as never, 'd'.repeat(32)));
  // `licenses by …` and its Refresh, at 1,000 groups of each property.
  for (const by of ['department', 'country', 'companyName'] as const) {
    const grouped = users.map((u, i) => ({ ...u, [by]: `${GROUP_NAME} ${i % GROUPS}` }));
    const data = licensesData(everySkuPriced, grouped) as never;
    add(`licenses by ${by}`, licenseGroupReport(ctx, by).result(data, 'd'.repeat(32)));
    add(`Refresh on licenses by ${by}`, licenseGroupReport(ctx, by).result(data, 'd'.repeat(32)), true);
  }

  // `price list` with list prices only, and with every SKU of the catalogue overridden.
  card('price list', pricesCard({}, TODAY));
  card('price list, every SKU overridden', pricesCard(EVERY_SKU_OVERRIDDEN, TODAY));

  // `archives` in every sort, from storage and live (Read live, the sort buttons and Refresh answer
  // with the same message), at 100,000 archives and at top 1000, with failed reads.
  for (const sort of ARCHIVE_SORTS) {
    for (const [live, failed] of [
      [false, 0],
      [true, 1234],
    ] as const) {
      for (const top of [25, 1000]) {
        const query = { live, sort, top };
        const text = `archives${live ? ' live' : ''} sort ${sort}${top === 25 ? '' : ` top ${top}`}`;
        const data = { archives, source: live ? 'live' : 'stored', failed };
        add(text, archivesReport(ctx, query, text).result(data as never, 'a'.repeat(32)));
        add(`Sort or Read live to ${text}`, archivesReport(ctx, query, text).result(data as never, 'a'.repeat(32)), true);
      }
    }
  }
  add(
    'archives filter a',
    archivesReport(ctx, { live: false, sort: 'percent', top: 1000, filter: 'a' }, 'archives filter a').result(
      { archives, source: 'stored', failed: 0 } as never,
      'a'.repeat(32),
    ),
  );

  // `mailboxes group`: Microsoft 365 groups' mailboxes, as many as the tenant's shared ones.
  for (const sort of MAILBOX_SORTS) {
    const report = buildMailboxReport(groupMailboxes, { type: 'group', sort, top: 1000 }, NOW, { offset: 0 });
    add(
      `mailboxes group sort ${sort} top 1000`,
      mailboxReportMessage(report, {
        commandText: 'mailboxes group',
        snapshotId: 'f'.repeat(32),
        viewedAt: NOW,
        tenantTrend: tenantTrendText(TENANT_YEAR),
      }),
    );
  }

  // One mailbox, one account, the licence buttons, the alerts and their buttons' answers.
  const biggest = [...mailboxes].sort((a, b) => b.statistics!.totalItemSizeBytes - a.statistics!.totalItemSizeBytes)[0];
  const details = mailboxDetailsCard(buildMailboxDetails(biggest, NOW), {
    actions: [mailboxDetailsButton.button('Live details and licences', { upn: biggest.userPrincipalName })],
  });
  card('Details (a row click)', details, true);
  // `mailbox <name>` (and its Refresh, and Back to mailbox): the largest mailbox on every hold, with
  // every licence, a year of history; and with the history unreadable.
  const held = {
    ...biggest,
    litigationHoldEnabled: true,
    inPlaceHolds: Array.from({ length: 40 }, (_, i) => `UniH${'7'.repeat(32)}${i}`),
    recoverableItemsQuotaBytes: 100 * GB,
    statistics: { ...biggest.statistics!, totalDeletedItemSizeBytes: 99 * GB, deletedItemCount: 9_999_999 },
  };
  const heldDetails = () =>
    buildMailboxDetails(
      held,
      NOW,
      Array.from({ length: 300 }, (_, i) => ({ name: `${LONG_NAME} licence ${i}`, exchangePlan: 'Exchange Online (Plan 2) (turned off)' })),
    );
  const year = Array.from({ length: 365 }, (_, i) => ({
    date: new Date(NOW.getTime() - (365 - i) * 86_400_000).toISOString().slice(0, 10),
    bytes: Math.round(biggest.prohibitSendReceiveQuotaBytes! * (0.5 + i / 800)),
  }));
  add('mailbox <name> with a year of history', mailboxCardMessage(held, heldDetails(), { ok: true, days: year, limited: LONG_NAME }));
  add('Refresh on mailbox <name>', mailboxCardMessage(held, heldDetails(), { ok: true, days: year, limited: undefined }), true);
  add(
    'mailbox <name>, history unreadable',
    mailboxCardMessage(held, heldDetails(), { ok: false, reason: `${LONG_NAME}: the storage account refused the read` }),
  );
  add('mailbox <name>, no history kept', mailboxCardMessage(held, heldDetails()));
  // Largest folders (a new message under the mailbox card) at ten folders with Exchange's longest paths.
  card(
    'Largest folders',
    foldersCard({
      displayName: held.displayName,
      upn: held.userPrincipalName,
      folders: Array.from({ length: 10 }, (_, i) => ({
        name: `${LONG_NAME} ${i}`,
        path: `/${Array.from({ length: 12 }, () => LONG_NAME.slice(0, 40)).join('/')}/${i}`,
        folderType: i % 2 ? 'RecoverableItemsPurges' : 'User Created',
        items: 1_234_567,
        sizeBytes: (99 - i) * GB,
        archive: i % 3 === 0,
        recoverableItems: i % 2 === 1,
      })),
      total: 1_000_000,
      archiveError: `${LONG_NAME}: Exchange did not answer in time`,
      actions: [backButton.button('Back to mailbox', { upn: held.userPrincipalName })],
    }),
  );
  // `history` and `history collect`.
  card(
    'history collect',
    historyCard({
      days: 3650,
      first: '2016-12-01',
      last: '2026-11-30',
      mailboxes: MAILBOXES,
      storedBytes: 9_876_543_210,
      lastCollection: { at: NOW.toISOString(), date: '2026-11-30', outcome: `failed: ${LONG_NAME}` },
      limited: LONG_NAME,
      collected: `Not collected: ${LONG_NAME}.`,
      actions: [runButton('Collect now', 'history collect')],
    }),
  );
  // `schedule …`, `schedule list` at the most schedules a conversation may have, and Cancel's answer.
  const views: ScheduleView[] = Array.from({ length: 20 }, (_, i) => ({
    n: i + 1,
    report: `export mailboxes all sort size filter ${LONG_NAME}`,
    when: 'every weekday at 07:30 and 16:45',
    timeZone: 'America/Argentina/ComodRivadavia',
    by: LONG_NAME,
    next: ['Mon 7 Dec 2026, 07:30', 'Mon 7 Dec 2026, 16:45', 'Tue 8 Dec 2026, 07:30'],
    last: `${LONG_NAME} (Sun 6 Dec 2026, 07:30, 12 attempts); retried at the next check`,
    lastOk: false,
    suspended: `Suspended since Sun 6 Dec 2026, 07:30: ${LONG_NAME}`,
  }));
  const cancel = (n: number) => scheduleCancelButton.button(`Cancel ${n}`, { schedule: n.toString(16).padStart(32, '0') });
  card('schedule list', scheduleListCard(views, { place: 'channel', cancel }));
  card('schedule …', scheduleCard(views[0], { title: 'Scheduled', actions: [cancel(1), runButton('All schedules', 'schedule list')] }));
  card('Cancel on a schedule', scheduleCard(views[0], { title: 'Cancelled', cancelled: `Cancelled by ${LONG_NAME}.` }), true);

  const licensed = users.reduce((a, b) => (b.assignedLicenses.length > a.assignedLicenses.length ? b : a));
  card(
    'licenses <upn>',
    userLicensesCard(
      userLicenses(
        licensed,
        skus,
        mailboxes.find((m) => m.userId === licensed.id),
      ),
      [runButton('Refresh', `licenses ${licensed.userPrincipalName}`)],
    ),
  );
  const fixable = verdicts.find((v) => assignableFix(v));
  if (fixable) {
    const fix = assignableFix(fixable)!;
    const target = { userPrincipalName: fixable.userPrincipalName, displayName: fixable.displayName };
    card('Assign licence (confirm)', assignLicenseConfirmCard(target, fix.skus, { replaces: fix.replaces }), true);
    card(
      'Assign licence (result)',
      assignLicenseResultCard({
        mailbox: target,
        skus: fix.skus,
        requestedBy: 'Adele Vance',
        at: NOW.toISOString(),
        result: { outcome: 'assigned' },
        actions: [runButton('Show shared mailboxes', 'shared')],
      }),
      true,
    );
  }
  const findings = alertFindings(
    {
      mailboxes: [...mailboxes.slice(HELD), ...mailboxes.slice(0, HELD).map((m) => ({ ...m, ...heldOf(m) }))],
      users: usersById,
      skus,
      subscriptions,
      archives,
      growth,
    },
    { ...DEFAULT_ALERT_SETTINGS, kinds: ALERT_KIND_SPECS.map((k) => k.kind) },
    {},
    NOW,
  );
  const plan = planAlerts({}, findings, NOW);
  const kindsSeen = new Set<string>();
  for (const a of plan.alerts) {
    if (kindsSeen.has(a.entry.kind)) continue;
    kindsSeen.add(a.entry.kind);
    card(`alert ${a.entry.kind}`, alertCard({ key: a.key, entry: a.entry, remediation: true }));
    card(
      `Acknowledge on alert ${a.entry.kind}`,
      alertCard({
        key: a.key,
        entry: { ...a.entry, acknowledged: { by: 'Adele Vance', at: NOW.toISOString() } } as never,
        remediation: true,
      }),
      true,
    );
    card(
      `Snooze on alert ${a.entry.kind}`,
      alertCard({ key: a.key, entry: { ...a.entry, snoozedUntil: NOW.toISOString() } as never, remediation: true }),
      true,
    );
  }
  card(`${plan.alerts.length} more alerts`, moreAlertsCard(plan.alerts));
  card('resolved', resolvedCard(plan.alerts.map((a) => ({ ...a, entry: { ...a.entry, resolvedAt: NOW.toISOString() } }))));

  add('help', helpMessage(allCommands(), { unknown: 'mailboxs', suggestion: 'mailboxes' }));
  add('welcome', welcomeMessage());
  add('error with Retry', errorMessage("I couldn't read the mailboxes", 'Exchange did not answer in time.', 'mailboxes'));
  add('progress', progressMessage('Reading mailboxes…', 51_234, MAILBOXES, 'mailboxes'));
  card('doctor', doctorCard({ checks: [], ok: true }, { actions: [runButton('Run doctor again', 'doctor')] }));
  card(
    'Export CSV',
    downloadCard({
      report: 'Mailboxes',
      rows: '100,000 rows',
      url: `https://bot.example/api/exports/${'c'.repeat(32)}?exp=1&sig=${'s'.repeat(43)}`,
      expiresAt: new Date(NOW.getTime() + 3_600_000),
      now: NOW,
      partial: '',
    }),
    true,
  );
  return out;
}

const messages = everyMessage();
// A button's answer is checked twice: as the invoke response that replaces the card, and as the
// message an older client's Action.Submit gets.
const sent: Sent[] = messages.flatMap(({ name, message, reply }) => [
  ...(reply
    ? [
        {
          name: `${name} (invoke response)`,
          card: (invokeResponse({ kind: 'card', card: message.card! }).body as { value: object }).value,
          bytes: invokeBytes(message.card!),
          envelope: 0,
        },
      ]
    : []),
  {
    name,
    card: (toActivity(message).attachments as { content: object }[])[0].content,
    bytes: sentBytes(message),
    envelope: sentBytes(message) - sentCardBytes(message.card!),
  },
]);

test(`the walk covers every report at ${MAILBOXES.toLocaleString('en-US')} mailboxes, every alert kind, and the buttons' answers`, () => {
  expect(mailboxes.length).toBe(MAILBOXES);
  const names = sent.map((s) => s.name);
  expect(names).toEqual(
    expect.arrayContaining(['shared', 'licenses', 'mailboxes filter a', 'Details (a row click)', 'Assign licence (confirm)']),
  );
  const kinds = ALERT_KIND_SPECS.map((k) => `alert ${k.kind}`);
  expect(names.filter((n) => n.startsWith('alert ')).sort()).toEqual([...kinds].sort());
  expect(names).toEqual(
    expect.arrayContaining([
      'archives sort percent top 1000',
      'mailboxes group sort size top 1000',
      'licenses by department',
      'price list, every SKU overridden',
      'mailbox <name> with a year of history',
      'Largest folders',
      'history collect',
      'schedule list',
    ]),
  );
  // Where a list outgrew a message, the card says what it left out.
  const said = (name: string) => JSON.stringify(sent.find((s) => s.name === name)!.card);
  expect(said('price list, every SKU overridden')).toMatch(/ \d+ of \d{3} shown, yours first/);
  expect(said('schedule list')).toMatch(/\d+ more not shown here \(\d+(, \d+)*\): schedule list all/);
  expect(said('mailbox <name> with a year of history')).toMatch(/280 more: licenses /);
  expect(said('licenses')).toMatch(new RegExp(`${subscriptions.length - RENEWAL_ROWS} more renew by 2026-12-\\d\\d: `));
  const largest = sent.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  // WALK_LIST=1 prints every card's size, largest first.
  if (process.env.WALK_LIST)
    console.log(
      [...sent]
        .sort((a, b) => b.bytes - a.bytes)
        .map((s) => `${s.bytes} ${s.name}`)
        .join('\n'),
    );
  // Printed for the record: the largest activity and the room it leaves.
  const envelope = Math.max(...sent.map((s) => s.envelope));
  console.log(
    `${sent.length} cards; largest activity: ${largest.name}, ${largest.bytes} bytes of ${TEAMS_MESSAGE_LIMIT}; largest envelope ${envelope} bytes`,
  );
  // The fit leaves ENVELOPE_ALLOWANCE for the activity around the card: it must cover what was measured.
  expect(envelope).toBeLessThan(ENVELOPE_ALLOWANCE);
});

test('no card holds a Table, not even in a fallback', () => {
  const withTable = sent.filter((s) => elementsOfType(s.card, 'Table', true).length > 0).map((s) => s.name);
  expect(withTable).toEqual([]);
});

test('every Action.Execute has an Action.Submit fallback with its verb and data, and no row click is an Action.Execute', () => {
  const missing: string[] = [];
  for (const s of sent) {
    for (const a of elementsOfType(s.card, 'Action.Execute') as any[]) {
      const f = a.fallback;
      if (f?.type !== 'Action.Submit' || f.data?.verb !== a.verb || JSON.stringify(f.data.data) !== JSON.stringify(a.data ?? {}))
        missing.push(`${s.name}: ${a.title}`);
    }
    const selectExecute = JSON.stringify(s.card).match(/"selectAction":\{"type":"Action\.Execute"/g);
    if (selectExecute) missing.push(`${s.name}: ${selectExecute.length} row clicks as Action.Execute`);
  }
  expect(missing).toEqual([]);
  // The mailbox report's rows answer a click on every client.
  const report = sent.find((s) => s.name === 'mailboxes user sort items')!;
  expect(elementsOfType(report.card, 'Action.Submit').length).toBeGreaterThanOrEqual(10);
});

test("no card has more than Teams' six top-level actions", () => {
  // "You can have up to six" primary actions (learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/design-effective-cards).
  const over = sent.filter((s) => (s.card.actions ?? []).length > 6).map((s) => `${s.name}: ${s.card.actions.length}`);
  expect(over).toEqual([]);
});

test('every activity, as sent, is at most 28 KB', () => {
  const over = sent.filter((s) => s.bytes > TEAMS_MESSAGE_LIMIT).map((s) => `${s.name}: ${s.bytes}`);
  expect(over).toEqual([]);
});
