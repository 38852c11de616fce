// Every card the bot sends, built from sample data, and every button on it: its verb has a card
// action to answer it, and the data it carries is accepted by that action's own parser. A button
// whose verb or data drifted from its handler fails here, not on an admin's click.
import { allActions } from '../../../src/actions';
import { allCommands } from '../../../src/commands';
import { alertCard, moreAlertsCard, resolvedCard } from '../../../src/cards/alert-card';
import { assignLicenseConfirmCard, assignLicenseResultCard } from '../../../src/cards/licensing/assign-license-cards';
import { doctorCard } from '../../../src/cards/doctor-card';
import { historyCard } from '../../../src/cards/history-card';
import { mailboxDetailsCard } from '../../../src/cards/mailbox-details-card';
import { errorMessage, runButton, welcomeMessage } from '../../../src/messages/replies';
import { helpMessage } from '../../../src/dispatch/help-message';
import { mailboxReportMessage } from '../../../src/messages/report-messages';
import { sharedReportMessage } from '../../../src/commands/shared';
import { mailboxDetailsButton } from '../../../src/buttons/mailbox-details';
import { mailboxFoldersButton } from '../../../src/buttons/mailbox-folders';
import { foldersCard } from '../../../src/cards/folders-card';
import { scheduleCancelButton } from '../../../src/buttons/schedule-cancel';
import { scheduleCard, scheduleListCard, type ScheduleView } from '../../../src/cards/schedule-card';
import { buildMailboxDetails } from '../../../src/reports/mailbox-details';
import { buildMailboxReport, DEFAULT_MAILBOX_QUERY } from '../../../src/reports/mailbox-report';
import { alertFindings } from '../../../src/reports/alerts/findings';
import { planAlerts } from '../../../src/reports/alerts/ledger-plan';
import { DEFAULT_ALERT_SETTINGS } from '../../../src/reports/alerts/settings';
import { sharedMailboxVerdict } from '../../../src/reports/licensing/shared-mailbox-verdict';
import { assignableFix } from '../../../src/reports/licensing/license-assignment';
import { findAll } from '../licensing/card-checks';
import { directoryUser, exchangePlan2, GB, sharedMailbox, tenantSkus } from '../licensing/licensing-fixtures';
import { mailbox, NOW } from '../reports/sample-mailboxes';

const skus = [...tenantSkus(), exchangePlan2(10, 10)];
const big = sharedMailbox({ userPrincipalName: 'big@contoso.example', displayName: 'Big Box', sizeBytes: 70 * GB });
const verdict = sharedMailboxVerdict({ mailbox: big, user: directoryUser(), skus: tenantSkus() });

/** A weekly schedule, as `schedule …` and `schedule list` show it. */
const SCHEDULE: ScheduleView = {
  n: 1,
  report: 'shared',
  when: 'weekly on Monday at 08:00',
  timeZone: 'Europe/Berlin',
  by: 'Admin',
  next: ['Mon 7 Dec 2026, 08:00'],
};

function cards(): [string, object][] {
  const report = buildMailboxReport(
    [mailbox('a@contoso.example'), mailbox('b@contoso.example'), mailbox('c@contoso.example')],
    { ...DEFAULT_MAILBOX_QUERY, top: 1 },
    NOW,
    { offset: 1 },
  );
  const facts = {
    mailboxes: [big, { ...mailbox('full@contoso.example', { sizeBytes: 49.5 * GB }), prohibitSendReceiveQuotaBytes: 50 * GB }],
    users: new Map([[big.userId.toLowerCase(), directoryUser()]]),
    skus,
  };
  const findings = alertFindings(
    facts,
    { ...DEFAULT_ALERT_SETTINGS, kinds: ['shared-licence', 'quota', 'licence-pool', 'inactive'] },
    {},
    NOW,
  );
  const plan = planAlerts({}, findings, NOW);
  const fix = assignableFix(verdict)!;
  const list: [string, object][] = [
    ['mailbox report', mailboxReportMessage(report, { commandText: 'mailboxes', snapshotId: 'snap-1', viewedAt: NOW }).card!],
    [
      'shared mailboxes',
      sharedReportMessage(
        { inventory: { mailboxes: [big], complete: true, failures: [] } as never, verdicts: [verdict] },
        { remediation: true, asOf: NOW, snapshotId: 'snap-2' },
      ).card!,
    ],
    [
      'assign confirmation',
      assignLicenseConfirmCard({ userPrincipalName: big.userPrincipalName, displayName: 'Big Box' }, fix.skus, { replaces: fix.replaces }),
    ],
    [
      'assign result',
      assignLicenseResultCard({
        mailbox: { userPrincipalName: big.userPrincipalName, displayName: 'Big Box' },
        skus: fix.skus,
        requestedBy: 'Admin',
        at: NOW.toISOString(),
        result: { outcome: 'assigned' },
        actions: [runButton('Show shared mailboxes', 'shared')],
      }),
    ],
    [
      'mailbox details',
      mailboxDetailsCard(buildMailboxDetails(big, NOW), {
        actions: [mailboxDetailsButton.button('Live details and licences', { upn: big.userPrincipalName })],
      }),
    ],
    [
      'largest folders',
      foldersCard({
        displayName: 'Big Box',
        upn: big.userPrincipalName,
        folders: [],
        total: 0,
        actions: [
          mailboxDetailsButton.button('Back to mailbox', { upn: big.userPrincipalName }),
          mailboxFoldersButton.button('Largest folders', { upn: big.userPrincipalName }),
        ],
      }),
    ],
    ['more alerts', moreAlertsCard(plan.alerts)],
    ['resolved', resolvedCard(plan.alerts)],
    ['help', helpMessage(allCommands(), { unknown: 'mailboxs', suggestion: 'mailboxes' }).card!],
    ['welcome', welcomeMessage().card!],
    ['error with Retry', errorMessage('Failed', 'It failed.', 'shared').card!],
    ['doctor', doctorCard({ checks: [], ok: true }, { actions: [runButton('Run doctor again', 'doctor')] })],
    [
      'history',
      historyCard({
        days: 93,
        first: '2026-09-03',
        last: '2026-12-04',
        mailboxes: 202,
        storedBytes: 694_284,
        actions: [runButton('Collect now', 'history collect')],
      }),
    ],
    [
      'schedule',
      scheduleCard(SCHEDULE, {
        title: 'Scheduled',
        actions: [scheduleCancelButton.button('Cancel', { schedule: 'a'.repeat(32) }), runButton('All schedules', 'schedule list')],
      }),
    ],
    [
      'schedule list',
      scheduleListCard([SCHEDULE], {
        place: 'chat',
        cancel: (n) => scheduleCancelButton.button(`Cancel ${n}`, { schedule: 'b'.repeat(32) }),
      }),
    ],
  ];
  for (const a of plan.alerts) list.push([`alert ${a.entry.kind}`, alertCard({ key: a.key, entry: a.entry, remediation: true })]);
  return list;
}

test('the sample covers every kind of alert and the report buttons', () => {
  const names = cards().map(([name]) => name);
  expect(names).toEqual(expect.arrayContaining(['alert shared-licence', 'alert quota', 'alert licence-pool']));
});

test('every button on every card has an action for its verb, and that action accepts its data', () => {
  const actions = new Map(allActions().map((a) => [a.verb, a]));
  const seen = new Set<string>();
  for (const [name, card] of cards()) {
    for (const button of findAll(card, 'Action.Execute') as { title: string; verb: string; data: Record<string, unknown> }[]) {
      const action = actions.get(button.verb);
      expect({ card: name, title: button.title, handled: Boolean(action) }).toEqual({ card: name, title: button.title, handled: true });
      expect(action!.button.verb).toBe(button.verb);
      expect({ card: name, title: button.title, parsed: action!.button.parse(button.data ?? {}) !== null }).toEqual({
        card: name,
        title: button.title,
        parsed: true,
      });
      seen.add(button.verb);
    }
  }
  // Every verb the bot answers is on some card it sends.
  expect([...seen].sort()).toEqual([...actions.keys()].sort());
});
