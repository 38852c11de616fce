// POST /api/alerts/run in the demo, the way docs/alerts.md shows it: a token from the (simulated) managed
// identity for the bot, checked against the tenant's published signing keys; anything else is refused.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startDemo, Demo } from '../../../src/demo/launch';

let demo: Demo;
const azuriteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-run-'));

beforeAll(async () => {
  demo = await startDemo(
    {
      ...process.env,
      M365_TENANT_ID: '',
      PORT: '0',
      PLAYGROUND: 'off',
      AZURITE_LOCATION: azuriteDir,
      LOG_LEVEL: 'error',
      ALERT_INTERVAL_MINUTES: '0',
    },
    { quiet: true },
  );
});
afterAll(async () => {
  await demo?.stop();
  fs.rmSync(azuriteDir, { recursive: true, force: true });
});

/** What the curl in docs/alerts.md does: the App Service token protocol, straight from /_sim/info. */
async function identityToken(resource: string): Promise<{ status: number; token?: string }> {
  const info = await (await fetch(`${demo.simulator.controlUrl}/_sim/info`)).json();
  const res = await fetch(`${info.identityEndpoint}?api-version=2019-08-01&resource=${encodeURIComponent(resource)}`, {
    headers: { 'X-IDENTITY-HEADER': info.identityHeader },
  });
  const body = await res.json();
  return { status: res.status, token: body.access_token };
}

const run = (authorization?: string) =>
  fetch(`${demo.bot.url}/api/alerts/run?wait=1`, { method: 'POST', headers: authorization ? { authorization } : {} });

test("the demo identity's token for the bot runs a cycle and gets its counts", async () => {
  const { status, token } = await identityToken(demo.simulator.info.clientId);
  expect(status).toBe(200);
  const res = await run(`Bearer ${token}`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ran: true });
});

test('the same identity with a token for Graph, a forged token, or none at all is refused', async () => {
  const graph = await identityToken('https://graph.microsoft.com');
  expect((await run(`Bearer ${graph.token}`)).status).toBe(401);
  const { token } = await identityToken(`api://${demo.simulator.info.clientId}`);
  const [head, body] = token!.split('.');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, oid: '11111111-1111-1111-1111-111111111111' })).toString('base64url')}.${token!.split('.')[2]}`;
  expect((await run(`Bearer ${forged}`)).status).toBe(401);
  const none = await run();
  expect(none.status).toBe(401);
  expect(none.headers.get('www-authenticate')).toBe('Bearer');
});

test("a resource the tenant does not know gets Entra's AADSTS500011 from the identity endpoint", async () => {
  const res = await identityToken('api://someone-elses-app');
  expect(res.status).toBe(400);
});
