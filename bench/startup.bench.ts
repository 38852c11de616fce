// Start-up cost of telemetry: fresh Node processes load the bot as main() does, up to
// and including ./app (every module production start needs), and report the time since the
// process began and the memory then. Three ways, alternated, median of 5 each:
//   before:        main's imports as they were, no telemetry module at all;
//   after, off:    main's imports now, with src/telemetry and startTelemetry() on an env without
//                  APPLICATIONINSIGHTS_CONNECTION_STRING (what production without the setting runs);
//   after, on:     the same with the setting (the distro loaded and started), for information.
// The "on" child points ingestion at a closed local port and exits before anything is exported.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { AddRow, Print } from './summary';

const dist = join(__dirname, '..', 'src');
const ROUNDS = 5;

function script(mode: 'before' | 'off' | 'on'): string {
  const telemetry =
    mode === 'before'
      ? ''
      : `await require(${JSON.stringify(join(dist, 'telemetry'))}).startTelemetry(${
          mode === 'on'
            ? "{ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:9/' }"
            : '{}'
        }, { stdout: () => undefined });`;
  return `(async () => {
    process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
    ${telemetry}
    require(${JSON.stringify(join(dist, 'config'))}); require(${JSON.stringify(join(dist, 'log'))});
    await import(${JSON.stringify(join(dist, 'app.js'))});
    const ms = performance.now();
    const m = process.memoryUsage();
    process.stdout.write(JSON.stringify({ ms, rss: m.rss, heap: m.heapUsed, modules: Object.keys(require.cache).length }));
    process.exit(0);
  })();`;
}

interface Sample {
  /** Module files loaded: the same in every run, unlike times on a shared machine. */
  modules: number;
  ms: number;
  rss: number;
  heap: number;
}

function runOnce(mode: 'before' | 'off' | 'on'): Sample {
  const out = spawnSync(process.execPath, ['--no-deprecation', '-e', script(mode)], {
    encoding: 'utf8',
    env: { ...process.env, APPLICATIONINSIGHTS_CONNECTION_STRING: '' },
  });
  if (out.status !== 0) throw new Error(`startup child (${mode}) failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as Sample;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function run(print: Print, addRow: AddRow): Promise<void> {
  const samples: Record<'before' | 'off' | 'on', Sample[]> = { before: [], off: [], on: [] };
  runOnce('before'); // warm the file cache
  for (let i = 0; i < ROUNDS; i++) for (const mode of ['before', 'off', 'on'] as const) samples[mode].push(runOnce(mode));
  const figures = Object.fromEntries(
    Object.entries(samples).map(([mode, s]) => [
      mode,
      {
        modules: median(s.map((x) => x.modules)),
        ms: median(s.map((x) => x.ms)),
        rss: median(s.map((x) => x.rss)),
        heap: median(s.map((x) => x.heap)),
      },
    ]),
  ) as Record<'before' | 'off' | 'on', Sample>;
  const base = figures.before;
  for (const [mode, f] of Object.entries(figures)) {
    print(
      `startup ${mode.padEnd(6)}: ${f.modules} modules, ${f.ms.toFixed(0)} ms to load the bot, rss ${mb(f.rss)}, heap ${mb(f.heap)}` +
        `  (×${(f.ms / base.ms).toFixed(2)} time, ×${(f.rss / base.rss).toFixed(2)} rss vs before; median of ${ROUNDS})`,
    );
  }
  const off = figures.off;
  addRow({
    bench: 'startup',
    figure: 'modules loaded without telemetry, after/before',
    measured: `${off.modules}/${base.modules}`,
    target: 'unchanged (+1: src/telemetry/index)',
    met: off.modules - base.modules <= 1,
  });
  addRow({
    bench: 'startup',
    figure: 'load time without telemetry, after/before',
    measured: `${off.ms.toFixed(0)}/${base.ms.toFixed(0)} ms (×${(off.ms / base.ms).toFixed(2)})`,
    target: 'unchanged',
  });
  addRow({
    bench: 'startup',
    figure: 'rss without telemetry, after/before',
    measured: `${mb(off.rss)}/${mb(base.rss)} (×${(off.rss / base.rss).toFixed(2)})`,
    target: 'unchanged',
  });
  addRow({
    bench: 'startup',
    figure: 'with telemetry on (information)',
    measured: `${figures.on.ms.toFixed(0)} ms, rss ${mb(figures.on.rss)}`,
  });
}
