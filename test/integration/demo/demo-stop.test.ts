// The demo's children (Azurite, the Playground) stop with it, whatever happened to them or to it, and
// a damaged .azurite/ is named with its fix instead of "Cannot start: ".
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startDemo } from '../../../src/demo/launch';

const ROOT = path.resolve(__dirname, '../../..');
const demoEnv = (dir: string) => ({
  ...process.env,
  M365_TENANT_ID: '',
  PORT: '0',
  PLAYGROUND: 'off',
  AZURITE_LOCATION: dir,
  LOG_LEVEL: 'error',
  ALERT_INTERVAL_MINUTES: '0',
});
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'demo-stop-'));
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!condition()) throw new Error(`never: ${what}`);
}

test('Azurite killed by a signal: stopping the demo still completes', async () => {
  const dir = tempDir();
  const demo = await startDemo(demoEnv(dir), { quiet: true });
  const azurite = demo.storage.process!;
  azurite.kill('SIGKILL');
  await until(() => azurite.signalCode !== null, 'Azurite exited');
  await demo.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a crashing process takes its Azurite with it', async () => {
  // A child that starts Azurite through the real code, then dies of an uncaught exception.
  const script = `
    require(${JSON.stringify(path.join(ROOT, 'src/demo/azurite.ts'))}).startAzurite({}).then((s) => {
      process.stdout.write('AZURITE ' + s.process.pid + '\\n');
      setTimeout(() => { throw new Error('the bot crashed'); }, 50);
    });`;
  const child = spawn(process.execPath, ['-r', path.join(ROOT, 'test/support/ts-require.cjs'), '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  expect(await exited).not.toBe(0);
  const pid = Number(/AZURITE (\d+)/.exec(out)?.[1]);
  expect(pid).toBeGreaterThan(0);
  await until(() => !alive(pid), `Azurite ${pid} stopped`);
}, 60_000);

test('a damaged .azurite/ is named, with the fix, and nothing is left running', async () => {
  const dir = tempDir();
  // Valid JSON, wrong content: Azurite starts, then answers every request with a bare 500.
  fs.writeFileSync(
    path.join(dir, '__azurite_db_blob__.json'),
    '{"filename":"x","collections":[{"name":"$CONTAINERS_COLLECTION$","data":[null],"idIndex":[1],"binaryIndices":{}}]}',
  );
  const failure = await startDemo(demoEnv(dir), { quiet: true }).then(
    async (demo) => {
      await demo.stop();
      return new Error('started');
    },
    (err: Error) => err,
  );
  expect(failure.message).toMatch(/Local Blob Storage \(Azurite\)/);
  expect(failure.message).toContain(`delete ${dir}/`);
  expect(failure.message).not.toMatch(/:\s*\.|:\s*$/);
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);
