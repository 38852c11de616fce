// Issue 24: (1) Largest folders on a mailbox of 5,000 folders under the assumed cost model, with the
// five selected fields against every field (the baseline, same run); (2) `archives` answered from
// storage for 100,000 archives (Azurite): reading the 16 shards, ranking and fitting the card,
// against reading one shard (the baseline, same run).
import { randomUUID } from 'node:crypto';
import { FAST_MODEL } from '../src/simulator/cost-model';
import { loadTenant } from '../src/simulator/tenant/load';
import { archiveReportCard } from '../src/cards/archive-report-card';
import { fitCard } from '../src/cards/fit';
import { startAzurite } from '../src/demo/azurite';
import { readLargestFolders } from '../src/m365/folder-statistics';
import type { ArchiveMailbox } from '../src/model/tenant';
import { buildArchiveReport } from '../src/reports/archives';
import { startSimulator, type RunningSimulator } from '../src/simulator';
import { ASSUMED_MODEL } from '../src/simulator/cost-model';
import type { TenantFixture } from '../src/simulator/tenant/fixture';
import { ArchiveReadings, archiveId, type ArchiveResult } from '../src/state/archive-readings';
import { createBlobState } from '../src/teams/blob-state';
import { chatActivity, postActivity, startBenchBot } from './bench-bot';
import { botClients, botConfigFor, count, seconds } from './simulated-tenant';
import type { AddRow, Print } from './summary';

const GB = 1024 ** 3;
const FOLDERS = 5_000;
const ARCHIVES = 100_000;

function folderTenant(): TenantFixture {
  return {
    tenant: { id: '2f1b3c4d-0000-4000-8000-00000000aaaa', initialDomain: 'contoso.onmicrosoft.com', displayName: 'Contoso' },
    identity: {
      clientId: '7a7a7a7a-0000-4000-8000-00000000c1d0',
      principalId: '8b8b8b8b-0000-4000-8000-0000000000b0',
      graphAppRoles: ['User.Read.All'],
      exchangeAppRoles: ['Exchange.ManageAsApp'],
      directoryRoles: ['Exchange Recipient Administrator'],
    },
    subscribedSkus: [],
    users: [
      {
        id: 'f0000000-0000-4000-8000-000000000001',
        userPrincipalName: 'hoarder@contoso.example',
        displayName: 'Hoarder',
        accountEnabled: true,
        assignedLicenses: [],
        mailbox: {
          recipientTypeDetails: 'UserMailbox',
          itemCount: 2_000_000,
          totalItemSizeBytes: 95 * GB,
          totalDeletedItemSizeBytes: 20 * GB,
          deletedItemCount: 100_000,
          prohibitSendReceiveQuotaBytes: 100 * GB,
          litigationHoldEnabled: true,
          archiveStatus: 'Active',
          archive: { itemCount: 900_000, totalItemSizeBytes: 80 * GB },
          folderCount: FOLDERS,
        },
      },
    ],
  } as TenantFixture;
}

async function largestFolders(sim: RunningSimulator, print: Print, addRow: AddRow): Promise<void> {
  // The assumed model's full costs for this one (the chat part used the demo's faster ones).
  await fetch(`${sim.controlUrl}/_sim/model`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ASSUMED_MODEL),
  });
  {
    const { exchange } = botClients(sim.info);
    const id = 'f0000000-0000-4000-8000-000000000001';
    await readLargestFolders(exchange, id, { top: 1 }).catch(() => undefined);
    let started = performance.now();
    const primary = await readLargestFolders(exchange, id);
    const primaryMs = performance.now() - started;
    started = performance.now();
    const [both] = await Promise.all([readLargestFolders(exchange, id), readLargestFolders(exchange, id, { archive: true })]);
    const bothMs = performance.now() - started;
    started = performance.now();
    const all = await exchange.invokeCommandAll('Get-MailboxFolderStatistics', { Identity: id });
    const fullMs = performance.now() - started;
    print(`Largest folders, ${count(primary.total)} folders, assumed cost model:`);
    print(`  five selected fields: ${seconds(primaryMs)}; with the archive's ${count(FOLDERS / 2)} at once: ${seconds(bothMs)}`);
    print(
      `  baseline, every field of ${count(all.length)} folders: ${seconds(fullMs)} (selected = ${(primaryMs / fullMs).toFixed(2)} × baseline)`,
    );
    void both;
    addRow({
      bench: 'archives',
      figure: `Largest folders, ${count(FOLDERS)} folders (target < 3 s)`,
      measured: `${seconds(bothMs)} with archive; ${seconds(primaryMs)} primary; full fields ${seconds(fullMs)}`,
    });
  }
}

async function archivesFromStorage(print: Print, addRow: AddRow): Promise<void> {
  const storage = await startAzurite({ quiet: true });
  try {
    const config = {
      ...botConfigFor({ identityEndpoint: '', identityHeader: '' } as never),
      storage: { connectionString: storage.connectionString, container: `bench${randomUUID().slice(0, 8)}` },
    };
    const state = createBlobState(config, undefined as never);
    const readings = new ArchiveReadings(state);
    const mailboxes: ArchiveMailbox[] = Array.from({ length: ARCHIVES }, (_, i) => ({
      userId: `a${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`,
      displayName: `Archive Owner ${i}`,
      userPrincipalName: `owner${i}@contoso.example`,
      primarySmtpAddress: `owner${i}@contoso.example`,
      recipientTypeDetails: 'UserMailbox',
      litigationHoldEnabled: i % 10 === 0,
      archiveStatus: 'Active',
      autoExpandingArchiveEnabled: i % 3 === 0,
      issueWarningQuotaBytes: 98 * GB,
      prohibitSendQuotaBytes: 99 * GB,
      prohibitSendReceiveQuotaBytes: 100 * GB,
      archiveQuotaBytes: 100 * GB,
    }));
    const day = Date.parse('2026-12-01T09:00:00Z');
    let started = performance.now();
    await readings.syncInventory(mailboxes, new Date(day));
    for (const d of [0, 1]) {
      const results = new Map<string, ArchiveResult>();
      mailboxes.forEach((m, i) =>
        results.set(archiveId(m), {
          ok: true,
          reading: {
            at: new Date(day + d * 86_400_000).toISOString(),
            sizeBytes: (10 + (i % 90) + d * (i % 4)) * GB,
            itemCount: 1000 + i,
            deletedBytes: 0,
          },
        }),
      );
      await readings.record(results);
    }
    print(`archives store: ${count(ARCHIVES)} archives, 2 readings each, written in ${seconds(performance.now() - started)}`);
    const fresh = new ArchiveReadings(state);
    started = performance.now();
    const all = await fresh.all();
    const readMs = performance.now() - started;
    started = performance.now();
    const report = buildArchiveReport(all, { sort: 'percent' });
    const card = fitCard(
      (n) => archiveReportCard({ report, sort: 'percent', now: new Date(day + 86_400_000), source: 'stored', actions: [] }, n),
      25,
    );
    const buildMs = performance.now() - started;
    started = performance.now();
    await state.read('archives/shard-00');
    const oneMs = performance.now() - started;
    print(
      `archives from storage: read ${seconds(readMs)} + rank and card ${seconds(buildMs)} = ${seconds(readMs + buildMs)} (${card.rows} rows, ${count(card.bytes)} bytes); baseline one shard ${seconds(oneMs)} (${((readMs + buildMs) / oneMs).toFixed(1)} ×)`,
    );
    addRow({
      bench: 'archives',
      figure: `archives from storage, ${count(ARCHIVES)} archives (target < 10 s)`,
      measured: seconds(readMs + buildMs),
    });
  } finally {
    await storage.stop();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Chat first replies while `archives live` reads every archive of generate:2000 (415 archives) (the assumed limits
 * at the demo's costs), against the same replies with nothing running (baseline, same run).
 */
async function firstRepliesDuringLiveRead(sim: RunningSimulator, print: Print, addRow: AddRow): Promise<void> {
  const running = await startBenchBot(sim.info);
  const { bot, connector } = running;
  const say = async (text: string): Promise<{ conversationId: string; firstMs: number }> => {
    const conversationId = `bench-${randomUUID()}`;
    const start = performance.now();
    await postActivity(bot.url, chatActivity(connector.url, sim.info.tenantId, conversationId, { type: 'message', text }));
    const first = await connector.waitFor(conversationId, 30_000);
    return { conversationId, firstMs: first.at - start };
  };
  try {
    const quiet: number[] = [];
    for (let i = 0; i < 20; i++) quiet.push((await say('mailbox nobody-at-all@contoso.example')).firstMs);
    const started = performance.now();
    const live = await say('archives live');
    const busy: number[] = [];
    for (let i = 0; i < 20; i++) busy.push((await say('mailbox nobody-at-all@contoso.example')).firstMs);
    while (!connector.of(live.conversationId).some((a) => a.kind === 'update' && /Archives/.test(JSON.stringify(a.activity)))) {
      if (performance.now() - started > 600_000) throw new Error('archives live did not finish in 10 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    const liveMs = performance.now() - started;
    const archives = (await bot.services.archives.readings.inventory()).count;
    print(
      `first replies while archives live read ${count(archives)} archives (${seconds(liveMs)}): p95 ${percentile(busy, 95).toFixed(0)} ms, p50 ${percentile(busy, 50).toFixed(0)} ms; baseline, nothing running: p95 ${percentile(quiet, 95).toFixed(0)} ms (${(percentile(busy, 95) / percentile(quiet, 95)).toFixed(2)} ×)`,
    );
    addRow({
      bench: 'archives',
      figure: 'first reply p95 during archives live (target < 1 s)',
      measured: `${percentile(busy, 95).toFixed(0)} ms (baseline ${percentile(quiet, 95).toFixed(0)} ms)`,
    });
  } finally {
    await running.stop();
  }
}

export async function run(print: Print, addRow: AddRow): Promise<void> {
  // One simulator for both parts: MSAL keeps the first managed-identity endpoint of a process.
  const tenant = loadTenant('generate:2000:1');
  tenant.users.push(...folderTenant().users);
  const sim = await startSimulator({ tenant, modelBase: ASSUMED_MODEL, model: FAST_MODEL, quiet: true });
  try {
    await firstRepliesDuringLiveRead(sim, print, addRow);
    await largestFolders(sim, print, addRow);
  } finally {
    await sim.stop();
  }
  await archivesFromStorage(print, addRow);
}
