// The time to alert 1,000 subscribed conversations, against the least time Teams' rate
// limits allow (7/s per conversation, a global 30/s per app). One shared mailbox over 50 GB is the
// one finding; every conversation gets its alert card through the bot's real proactive path
// (continueConversationAsync → a local connector), with the ledger and lease in Azurite.
import { startSimulator } from '../src/simulator';
import type { TenantFixture } from '../src/simulator/tenant/fixture';
import { DEFAULT_ALERT_SETTINGS } from '../src/reports/alerts/settings';
import { GLOBAL, lowerBoundMs, PER_CONVERSATION } from '../src/cycle/pace';
import { startCycleBenchBot } from './bench-bot';
import { count, seconds, saveChannelConversations } from './simulated-tenant';
import { runWhenMain, type AddRow, type Print } from './summary';

const CONVERSATIONS = 1_000;
const GB = 1024 ** 3;
const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';

function benchTenant(): TenantFixture {
  const mailbox = (type: string, size: number) => ({
    recipientTypeDetails: type,
    itemCount: 1000,
    totalItemSizeBytes: size,
    deletedItemCount: 0,
    totalDeletedItemSizeBytes: 0,
    issueWarningQuotaBytes: 98 * GB,
    prohibitSendQuotaBytes: 99 * GB,
    prohibitSendReceiveQuotaBytes: 100 * GB,
    lastInteractionTime: new Date().toISOString(),
    lastLogonTime: null,
    litigationHoldEnabled: false,
    archiveStatus: 'None',
    whenMailboxCreated: '2023-03-01T08:05:00Z',
  });
  return {
    tenant: { id: '2f1b3c4d-0000-4000-8000-00000000aaaa', initialDomain: 'contoso.onmicrosoft.com', displayName: 'Contoso' },
    identity: {
      clientId: '7a7a7a7a-0000-4000-8000-00000000c1d0',
      principalId: '8b8b8b8b-0000-4000-8000-0000000000b0',
      graphAppRoles: ['User.Read.All', 'Organization.Read.All'],
      exchangeAppRoles: ['Exchange.ManageAsApp'],
      directoryRoles: ['Exchange Recipient Administrator'],
    },
    reportSettings: { displayConcealedNames: false },
    reportRefreshDate: new Date().toISOString().slice(0, 10),
    subscribedSkus: [
      {
        skuId: E3,
        skuPartNumber: 'ENTERPRISEPACK',
        prepaidUnits: { enabled: 50 },
        servicePlans: [{ servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0', servicePlanName: 'EXCHANGE_S_ENTERPRISE' }],
      },
    ],
    groups: [],
    users: [
      {
        id: '5a000000-0000-4000-8000-000000000001',
        userPrincipalName: 'archive@contoso.example',
        displayName: 'Old Archive',
        mail: 'archive@contoso.example',
        accountEnabled: false,
        usageLocation: 'US',
        assignedLicenses: [],
        createdDateTime: '2023-03-01T08:00:00Z',
        mailbox: mailbox('SharedMailbox', 60 * GB),
      },
    ],
  } as unknown as TenantFixture;
}

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  const sim = await startSimulator({ tenant: benchTenant(), quiet: true });
  const running = await startCycleBenchBot(sim.info);
  const { bot, connector } = running;
  try {
    const { conversations } = bot.services.alerts;
    const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `19:bench-${i}@thread.tacv2`);
    // Setup, not measured: what `alerts on` leaves in storage for each conversation.
    await saveChannelConversations(conversations, ids, connector.url, sim.info.tenantId);
    const since = new Date().toISOString();
    await bot.services.state.write(
      'alerts/subscriptions',
      Object.fromEntries(
        ids.map((id) => [
          id,
          {
            conversationId: id,
            conversationType: 'channel',
            settings: DEFAULT_ALERT_SETTINGS,
            since,
            by: { aadObjectId: '', name: 'bench' },
          },
        ]),
      ),
    );
    print(
      `alerts: ${count(CONVERSATIONS)} subscribed conversations, one finding (a shared mailbox over 50 GB), pace ${PER_CONVERSATION[0].limit}/s per conversation and ${GLOBAL[0].limit}/s overall`,
    );

    const start = performance.now();
    const report = await bot.services.alerts.runCycle();
    const reached = new Set(connector.arrived.filter((a) => a.kind === 'send').map((a) => a.conversationId));
    const elapsed = performance.now() - start;
    const perConversation = ids.map((id) => connector.of(id).length);
    const bound = lowerBoundMs(perConversation);
    print(
      `alerts: cycle ${seconds(elapsed)} for ${count(report.messages)} messages to ${count(reached.size)} conversations (${count(report.alerts)} alerts, ${report.failed} failed)`,
    );
    print(
      `alerts: lower bound set by Teams' limits ${seconds(bound)}; the cycle took ${(elapsed / Math.max(bound, 1)).toFixed(2)}× that (tenant read, ledger claims and Azurite writes included)`,
    );
    const first = Math.min(...connector.arrived.map((a) => a.at)) - start;
    print(
      `alerts: first alert after ${seconds(first)}; a second cycle sends ${(await bot.services.alerts.runCycle()).messages} (the ledger)`,
    );
    addRow({
      bench: 'alerts',
      figure: `alert ${count(CONVERSATIONS)} subscribed conversations`,
      measured: seconds(elapsed),
      target: `≥ ${seconds(bound)} (Teams' limits)`,
      met: reached.size === CONVERSATIONS ? elapsed < bound * 1.5 + 5000 : false,
    });
  } finally {
    await running.stop();
    await sim.stop();
  }
}

runWhenMain(module, run);
