// The settings and commands the bot has are the ones its documents name: README, .env.sample, and
// the shared CONTRACT.md (when it is beside the repository).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTINGS, readConfig, ConfigError } from '../../src/config';
import { envSample } from '../../scripts/write-env-sample';
import { allCommands } from '../../src/commands';

const root = path.resolve(__dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const contractPath = path.resolve(root, '../shared/design/CONTRACT.md');

test('.env.sample is generated from SETTINGS (npm run env-sample)', () => {
  expect(fs.readFileSync(path.join(root, '.env.sample'), 'utf8')).toBe(envSample());
});

test('the README names every setting and every command', () => {
  for (const s of SETTINGS) expect(readme).toContain(`\`${s.name}\``);
  for (const c of allCommands()) expect(readme).toContain(`\`${c.name}`);
});

test('every setting of the contract is read by the bot', () => {
  if (!fs.existsSync(contractPath)) return;
  const contract = fs.readFileSync(contractPath, 'utf8');
  const table = contract.slice(contract.indexOf('## Settings'), contract.indexOf('## Chat commands'));
  const named = [...table.matchAll(/`([A-Za-z_0-9]+)`/g)].map((m) => m[1]).filter((n) => /^[A-Z]|^Microsoft/.test(n));
  expect(named.length).toBeGreaterThan(15);
  const known = new Set(SETTINGS.map((s) => s.name));
  for (const n of named) expect(known.has(n) || n === 'UserAssignedMSI').toBe(true);
});

test('a production configuration without a bot identity refuses to start, and says why', () => {
  const env = {
    M365_TENANT_ID: '11111111-2222-3333-4444-555555555555',
    M365_ORGANIZATION: 'contoso.onmicrosoft.com',
    BOT_ADMINS: '11111111-2222-3333-4444-555555555556',
    STORAGE_ACCOUNT_URL: 'https://x.blob.core.windows.net',
  };
  expect(() => readConfig(env)).toThrow(ConfigError);
  expect(() => readConfig(env)).toThrow(/MicrosoftAppId is empty/);
  expect(() =>
    readConfig({
      ...env,
      MicrosoftAppId: '11111111-2222-3333-4444-555555555557',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: env.M365_TENANT_ID,
    }),
  ).not.toThrow();
  expect(() => readConfig({ ...env, MicrosoftAppId: 'x', GRAPH_ENDPOINT: 'http://graph.microsoft.com' })).toThrow(/https/);
});
