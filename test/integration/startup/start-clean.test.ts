// `npm start` as a new user runs it: the real entry point in its own Node process, in demo mode,
// with every deprecation turned into a crash (`--throw-deprecation`). A dependency that reaches for
// a removed or deprecated Node API (restify 11's spdy → http-deceiver → process.binding) ends the
// process here, on whichever Node runs the tests (CI runs them on 22 and on the newest LTS).
import { spawn, ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalConnector, cardText } from '../../support/connector';

const ROOT = path.resolve(__dirname, '../../..');
const PLAYGROUND_USER_ID = '00000000-0000-0000-0000-0000000000020';

let child: ChildProcess;
let output = '';
let connector: LocalConnector;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-clean-'));

beforeAll(async () => {
  connector = await new LocalConnector().start();
  child = spawn(process.execPath, ['--throw-deprecation', '-r', path.join(ROOT, 'test/support/ts-require.cjs'), 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      M365_TENANT_ID: '',
      PORT: '0',
      SIM_PORT: '0',
      PLAYGROUND: 'off',
      AZURITE_LOCATION: dir,
      ALERT_INTERVAL_MINUTES: '0',
      NODE_OPTIONS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
}, 10_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await connector.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function botUrl(): Promise<string> {
  for (let i = 0; i < 1200; i++) {
    const m = /Bot:\s+(http:\/\/[^\s]+)\/api\/messages/.exec(output);
    if (m) return m[1];
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the demo did not start (exit ${child.exitCode}):\n${output}`);
}

test(`the demo starts under --throw-deprecation on Node ${process.version} and answers help`, async () => {
  const url = await botUrl();
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: randomUUID(),
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: connector.url,
      timestamp: new Date().toISOString(),
      from: { id: `user-${PLAYGROUND_USER_ID}`, name: 'Admin', aadObjectId: PLAYGROUND_USER_ID },
      recipient: { id: 'bot-id', name: 'Mailbox Watch' },
      conversation: { id: `conv-${randomUUID()}`, conversationType: 'personal', tenantId: '00000000-0000-0000-0000-0000000000001' },
    }),
  });
  expect(res.status).toBe(200);
  const reply = await connector.waitFor(() => connector.activities.find((a) => a.kind === 'send'));
  expect(cardText(reply.activity)).toMatch(/mailboxes/);
  expect(child.exitCode).toBeNull();
  expect(output).not.toMatch(/DeprecationWarning|DEP0\d+/);
}, 90_000);
