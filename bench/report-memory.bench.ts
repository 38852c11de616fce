import * as fs from 'node:fs';
// The memory the bot needs for a report over 100,000 mailboxes. The simulated tenant runs
// in one child process (100,000 users would swell any process that holds them) and the bot's read,
// report and card in another, so the peak measured is the bot's alone.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { INSTANT_MODEL } from '../src/simulator';
import { exited, firstLine, startSimulatorProcess } from './simulator-process';
import type { MemoryFigures } from './report-memory-reader';
import { count, seconds } from './simulated-tenant';
import type { AddRow, Print } from './summary';

const TENANT = 'generate:100000:1';
const TARGET_MB = 300;
/** A V8 old-space cap that leaves room under the target for code, buffers and young space. */
/** The heap cap the bot runs with on App Service (infra/modules/app-service.bicep appCommandLine). */
const DEPLOYED_HEAP_MB = deployedHeapMb();

export async function run(print: Print, addRow: AddRow = () => undefined): Promise<void> {
  const idle = spawn(process.execPath, ['-e', 'setTimeout(() => console.log(JSON.stringify(process.memoryUsage())), 300)'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const idleRssMb = (JSON.parse(await firstLine(idle, 10_000, 'an idle node')) as NodeJS.MemoryUsage).rss / 1024 / 1024;
  await exited(idle);

  const simStart = performance.now();
  // `npm run simulator` starts with the assumed Exchange's costs; this bench measures memory, not time.
  const sim = await startSimulatorProcess(TENANT, INSTANT_MODEL, 120_000);
  const info = sim.info;
  try {
    print(
      `report-memory: simulator with ${TENANT} in its own process (pid ${sim.pid}), no latency, no throttling, up in ${seconds(performance.now() - simStart)}`,
    );
    const readOnce = async (heapCapMb?: number): Promise<MemoryFigures> => {
      // --expose-gc only lets the reader measure what it keeps; it changes no collection on its own.
      const flags = ['--expose-gc', ...(heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : [])];
      const reader = spawn(process.execPath, [...flags, path.join(__dirname, 'report-memory-reader.js')], {
        env: { ...process.env, SIM_INFO: JSON.stringify(info) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const figures = JSON.parse(await firstLine(reader, 300_000, 'the report reader')) as MemoryFigures;
      await exited(reader);
      return figures;
    };
    const mb = (v: number) => `${v.toFixed(0)} MB`;
    const figures = await readOnce(DEPLOYED_HEAP_MB);
    const peak = Math.max(figures.peakRssMb, figures.maxRssMb);
    print(
      `report-memory: bot process as deployed (--max-old-space-size=${DEPLOYED_HEAP_MB}, V8 heap limit ${mb(figures.heapLimitMb)}) read ${count(figures.mailboxes)} mailboxes (all types, ${figures.failures} failures), built the report and its card (${figures.cardRows} rows) in ${seconds(figures.ms)}`,
    );
    print(
      `report-memory: idle node process RSS ${mb(idleRssMb)}; bot process before the read (modules loaded, clients made) RSS ${mb(figures.rssBeforeMb)}, heap ${mb(figures.heapBeforeMb)}`,
    );
    print(
      `report-memory: bot process peak RSS ${mb(figures.peakRssMb)} sampled every 50 ms (kernel high-water mark ${mb(figures.maxRssMb)}), peak heap used ${mb(figures.peakHeapMb)}`,
    );
    print(
      `report-memory: peak RSS ${mb(peak)} (target < ${TARGET_MB} MB); above an idle node: ${mb(peak - idleRssMb)}; above the bot before the read: ${mb(peak - figures.rssBeforeMb)}`,
    );
    if (figures.liveHeapMb !== null) {
      print(
        `report-memory: heap still used after a full GC with all ${count(figures.mailboxes)} mailboxes held: ${mb(figures.liveHeapMb)} (${(((figures.liveHeapMb - figures.heapBeforeMb) * 1024) / figures.mailboxes).toFixed(2)} KB a mailbox); the rest of the peak heap is garbage V8 had not yet collected`,
      );
    }
    addRow({
      bench: 'report-memory',
      figure: `peak RSS, report over ${count(figures.mailboxes)} mailboxes`,
      measured: `${mb(peak)} (heap ${mb(figures.peakHeapMb)}, live ${figures.liveHeapMb === null ? '?' : mb(figures.liveHeapMb)})`,
      target: `< ${TARGET_MB} MB`,
      met: peak < TARGET_MB,
    });

    // For comparison: node's defaults size the heap to the machine and collect lazily.
    const uncapped = await readOnce();
    const uncappedPeak = Math.max(uncapped.peakRssMb, uncapped.maxRssMb);
    print(
      `report-memory: same read with node's default heap (limit ${mb(uncapped.heapLimitMb)}): peak RSS ${mb(uncappedPeak)}, peak heap ${mb(uncapped.peakHeapMb)}, in ${seconds(uncapped.ms)}`,
    );
    addRow({
      bench: 'report-memory',
      figure: "  same with node's default heap limit",
      measured: `${mb(uncappedPeak)} in ${seconds(uncapped.ms)}`,
    });
  } finally {
    await sim.stop();
  }
}

function deployedHeapMb(): number {
  const bicep = fs.readFileSync(path.join(__dirname, '..', '..', 'infra', 'modules', 'app-service.bicep'), 'utf8');
  const m = /appCommandLine: 'node --max-old-space-size=(\d+) /.exec(bicep);
  if (!m) throw new Error('infra/modules/app-service.bicep no longer sets --max-old-space-size in appCommandLine');
  return Number(m[1]);
}
