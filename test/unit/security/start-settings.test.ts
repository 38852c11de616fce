// Running without channel authentication is a demo-only choice: a production configuration without
// an app id must refuse to start and say what to set.
import { readConfig, ConfigError } from '../../../src/config';

const TENANT = '11111111-2222-3333-4444-555555555555';
const production = {
  M365_TENANT_ID: TENANT,
  M365_ORGANIZATION: 'contoso.onmicrosoft.com',
  MicrosoftAppId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  MicrosoftAppType: 'UserAssignedMSI',
  MicrosoftAppTenantId: TENANT,
  BOT_ADMINS: '00000000-0000-0000-0000-000000000001',
  STORAGE_ACCOUNT_URL: 'https://acct.blob.core.windows.net',
};

test('a complete production configuration is accepted', () => {
  const config = readConfig(production);
  expect(config.demo).toBe(false);
  expect(config.bot.appId).toBe(production.MicrosoftAppId);
});

test.each([
  ['missing', undefined],
  ['empty', ''],
  ['blank', '   '],
])('production with the app id %s refuses to start and says why', (_what, value) => {
  const env: NodeJS.ProcessEnv = { ...production, MicrosoftAppId: value };
  expect(() => readConfig(env)).toThrow(ConfigError);
  expect(() => readConfig(env)).toThrow(/MicrosoftAppId is empty.*unauthenticated requests.*only demo mode/);
});

test('demo mode (no tenant) may run without an app id', () => {
  const config = readConfig({});
  expect(config.demo).toBe(true);
  expect(config.bot.appId).toBe('');
});

test('production without admins still starts (no crash loop); the bot then says what to set', () => {
  const config = readConfig({ ...production, BOT_ADMINS: '' });
  expect(config.admins).toEqual([]);
  expect(config.adminGroupId).toBeUndefined();
});
