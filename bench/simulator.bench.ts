// How long paging through 100,000 mailboxes with Get-Mailbox takes over HTTPS, 1000 per page,
// the way the bot's full mailbox report starts. The simulator must never be the bottleneck.
import { Agent, request } from 'node:https';
import { startSimulator } from '../src/simulator';
import type { TenantFixture } from '../src/simulator/tenant/fixture';

const MAILBOXES = 100_000;

function post(agent: Agent, url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Prefer: 'odata.maxpagesize=1000',
          'X-ResponseFormat': 'json',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function run(print: (line: string) => void): Promise<void> {
  let loadTenant: ((spec?: string) => TenantFixture) | undefined;
  try {
    ({ loadTenant } = await import('../src/simulator/tenant/load'));
  } catch {
    print('simulator: skipped (src/simulator/tenant/load is not there yet)');
    return;
  }
  const tenant = loadTenant(`generate:${MAILBOXES}:1`);
  const startup = performance.now();
  const sim = await startSimulator({ tenant, quiet: true });
  print(`simulator: started with ${tenant.users.length.toLocaleString('en-US')} users in ${(performance.now() - startup).toFixed(0)} ms`);
  const agent = new Agent({ ca: sim.info.caCertPem, keepAlive: true });
  try {
    const tokenRes = await fetch(`${sim.info.identityEndpoint}?api-version=2019-08-01&resource=https://outlook.office365.com`, {
      headers: { 'X-IDENTITY-HEADER': sim.info.identityHeader },
    });
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const body = JSON.stringify({ CmdletInput: { CmdletName: 'Get-Mailbox', Parameters: { ResultSize: 'Unlimited' } } });
    let url: string | undefined = `${sim.info.exchange}/adminapi/beta/${sim.info.tenantId}/InvokeCommand`;
    let pages = 0;
    let mailboxes = 0;
    let bytes = 0;
    const start = performance.now();
    while (url) {
      const res = await post(agent, url, token, body);
      if (res.status !== 200) throw new Error(`page ${pages + 1} answered ${res.status}: ${res.text.slice(0, 200)}`);
      const page = JSON.parse(res.text) as { value: unknown[]; '@odata.nextLink'?: string };
      pages++;
      mailboxes += page.value.length;
      bytes += res.text.length;
      url = page['@odata.nextLink'];
    }
    const ms = performance.now() - start;
    print(
      `simulator: Get-Mailbox paged ${mailboxes.toLocaleString('en-US')} mailboxes in ${pages} pages of 1000 over HTTPS: ${ms.toFixed(0)} ms (${(ms / pages).toFixed(1)} ms/page, ${(bytes / 1024 / 1024).toFixed(0)} MB of JSON)`,
    );
  } finally {
    agent.destroy();
    await sim.stop();
  }
}
