// Every setting the bot reads, in one place. `.env.sample`, the README, CONTRACT.md and the Bicep in
// infra/ are checked against SETTINGS by tests, so a setting cannot be added in one place only.
import { DEFAULT_EXCHANGE_CEILING, MAX_EXCHANGE_CEILING } from './m365/adaptive-concurrency';

export interface SettingInfo {
  name: string;
  meaning: string;
  /** Only read in demo mode (the simulated tenant); production deployments do not set it. */
  demoOnly?: boolean;
  /** Production deployments (infra/) need not set it: a default or another setting covers it. */
  optionalInProduction?: boolean;
}

export const SETTINGS: SettingInfo[] = [
  { name: 'PORT', meaning: "the bot's HTTP port (default 3978)", optionalInProduction: true },
  {
    name: 'MicrosoftAppId',
    meaning:
      "the bot's identity: client id of the user-assigned managed identity in production; empty = no channel authentication (demo mode only)",
  },
  { name: 'MicrosoftAppType', meaning: 'UserAssignedMSI in production (no secret); SingleTenant or MultiTenant also work' },
  { name: 'MicrosoftAppTenantId', meaning: "the bot identity's tenant" },
  {
    name: 'MicrosoftAppPassword',
    meaning: 'only for SingleTenant/MultiTenant app registrations; never with UserAssignedMSI',
    optionalInProduction: true,
  },
  { name: 'M365_TENANT_ID', meaning: 'the tenant to report on (GUID); its presence switches demo mode off' },
  { name: 'M365_ORGANIZATION', meaning: "the tenant's initial domain, x.onmicrosoft.com" },
  {
    name: 'AZURE_CLIENT_ID',
    meaning: 'client id of the user-assigned managed identity used for Graph, Exchange and Storage (empty = system-assigned)',
  },
  { name: 'GRAPH_ENDPOINT', meaning: 'Microsoft Graph root (default https://graph.microsoft.com)', optionalInProduction: true },
  { name: 'EXCHANGE_ENDPOINT', meaning: 'Exchange Online root (default https://outlook.office365.com)', optionalInProduction: true },
  {
    name: 'EXCHANGE_MAX_IN_FLIGHT',
    meaning:
      "the most Exchange requests the bot keeps in flight for the tenant (default 3, at most 9): Exchange's budget is shared with every admin's PowerShell",
    optionalInProduction: true,
  },
  { name: 'STORAGE_ACCOUNT_URL', meaning: 'Blob Storage account URL, used with the managed identity' },
  {
    name: 'STORAGE_CONNECTION_STRING',
    meaning: 'Blob Storage connection string, instead of STORAGE_ACCOUNT_URL (local development)',
    optionalInProduction: true,
  },
  { name: 'STORAGE_CONTAINER', meaning: 'the blob container for all bot state (default botstate)', optionalInProduction: true },
  { name: 'BOT_ADMINS', meaning: 'comma-separated Entra object ids of the admins allowed to use the bot' },
  { name: 'BOT_ADMIN_GROUP_ID', meaning: 'an Entra group whose (transitive) members may use the bot' },
  { name: 'PUBLIC_URL', meaning: "the bot's public https base URL, for export download links (demo: http://localhost:PORT)" },
  {
    name: 'REMEDIATION',
    meaning: 'on = admins may assign licences from cards (needs LicenseAssignment.ReadWrite.All); default off',
    optionalInProduction: true,
  },
  {
    name: 'ALERT_INTERVAL_MINUTES',
    meaning: 'minutes between alert check cycles (default 60, demo mode 5; 0 = only on POST /api/alerts/run and `alerts check`)',
    optionalInProduction: true,
  },
  {
    name: 'HISTORY_DAYS',
    meaning: 'days of mailbox history kept in storage (default 400; at least 30)',
    optionalInProduction: true,
  },
  {
    name: 'ALERT_RUNNERS',
    meaning:
      "comma-separated Entra object ids (e.g. a Logic App's managed identity) allowed to call POST /api/alerts/run with a token for the bot; empty = nobody",
    optionalInProduction: true,
  },
  { name: 'LOG_LEVEL', meaning: 'debug, info, warn or error (default info)', optionalInProduction: true },
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
    meaning:
      'Application Insights connection string: requests, dependencies, logs, exceptions and metrics go there, signed in with the managed identity (infra/ sets it); empty = telemetry off',
    optionalInProduction: true,
  },
  { name: 'DEMO_TENANT', meaning: 'demo tenant: a fixture file path, or generate:N[:seed]', demoOnly: true },
  { name: 'SIM_PORT', meaning: "the simulated tenant's control API port (demo)", demoOnly: true },
  { name: 'PLAYGROUND_PORT', meaning: 'the Agents Playground port (demo, default 56150)', demoOnly: true },
  { name: 'PLAYGROUND', meaning: 'off = demo mode starts no playground', demoOnly: true },
];

export interface BotConfig {
  demo: boolean;
  port: number;
  tenantId: string;
  organization: string;
  managedIdentityClientId?: string;
  graphEndpoint: string;
  exchangeEndpoint: string;
  storage: { accountUrl?: string; connectionString?: string; container: string };
  admins: string[];
  adminGroupId?: string;
  publicUrl: string;
  remediation: boolean;
  alertIntervalMinutes: number;
  /** Days of mailbox history kept (HISTORY_DAYS). */
  historyDays: number;
  /** EXCHANGE_MAX_IN_FLIGHT: the ceiling of the adaptive Exchange limit. */
  exchangeMaxInFlight: number;
  /** Who may call POST /api/alerts/run; tests point metadataUrl/issuers/audiences at a local key server. */
  alertRun: { runners: string[]; metadataUrl?: string; issuers?: string[]; audiences?: string[] };
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  bot: { appId: string; appType: string; appTenantId: string; hasPassword: boolean };
}

export class ConfigError extends Error {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function httpsRoot(name: string, value: string | undefined, fallback: string): string {
  const v = (value ?? '').trim() || fallback;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    throw new ConfigError(`${name} is not a URL: ${v}`);
  }
  if (url.protocol !== 'https:') throw new ConfigError(`${name} must be an https URL (it carries bearer tokens): ${v}`);
  return v.replace(/\/+$/, '');
}

/** Reads the settings; throws ConfigError with a sentence an operator can act on. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const get = (n: string) => (env[n] ?? '').trim();
  const tenantId = get('M365_TENANT_ID');
  const demo = tenantId === '';
  if (!demo && !GUID.test(tenantId)) throw new ConfigError(`M365_TENANT_ID must be the tenant's GUID, got "${tenantId}"`);
  const port = Number(get('PORT') || 3978);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${get('PORT')}"`);

  const appId = get('MicrosoftAppId');
  const appType = get('MicrosoftAppType');
  if (!demo && appId === '') {
    throw new ConfigError(
      'MicrosoftAppId is empty: without it the bot would accept unauthenticated requests, which only demo mode allows. ' +
        "Set MicrosoftAppId to the bot's managed identity client id and MicrosoftAppType=UserAssignedMSI.",
    );
  }
  if (appType.toLowerCase() === 'userassignedmsi' && get('MicrosoftAppPassword') !== '') {
    throw new ConfigError('MicrosoftAppPassword must not be set when MicrosoftAppType is UserAssignedMSI.');
  }
  const admins = get('BOT_ADMINS')
    .split(/[,;\s]+/)
    .filter(Boolean);
  for (const a of admins) if (!GUID.test(a)) throw new ConfigError(`BOT_ADMINS must list Entra object ids (GUIDs); "${a}" is not one`);
  const adminGroupId = get('BOT_ADMIN_GROUP_ID') || undefined;
  if (adminGroupId && !GUID.test(adminGroupId))
    throw new ConfigError(`BOT_ADMIN_GROUP_ID must be a group's object id (GUID), got "${adminGroupId}"`);
  // No admins is not refused here: App Service would restart the bot forever. It starts and answers
  // every message with what to set (src/access/admins.ts); infra/main.bicep refuses it at deployment.
  const organization = get('M365_ORGANIZATION');
  if (!demo && !/^[a-z0-9-]+\.onmicrosoft\.(com|us|de)$/i.test(organization)) {
    throw new ConfigError(`M365_ORGANIZATION must be the tenant's initial domain (x.onmicrosoft.com), got "${organization}"`);
  }
  const clientId = get('AZURE_CLIENT_ID') || undefined;
  if (clientId && !GUID.test(clientId)) throw new ConfigError(`AZURE_CLIENT_ID must be a client id (GUID), got "${clientId}"`);
  const interval = Number(get('ALERT_INTERVAL_MINUTES') || (demo ? 5 : 60));
  if (!Number.isFinite(interval) || interval < 0) throw new ConfigError('ALERT_INTERVAL_MINUTES must be a number of minutes ≥ 0');
  const historyDays = Number(get('HISTORY_DAYS') || 400);
  if (!Number.isInteger(historyDays) || historyDays < 30) throw new ConfigError('HISTORY_DAYS must be a whole number of days ≥ 30');
  const runners = get('ALERT_RUNNERS')
    .split(/[,;\s]+/)
    .filter(Boolean);
  for (const r of runners) if (!GUID.test(r)) throw new ConfigError(`ALERT_RUNNERS must list Entra object ids (GUIDs); "${r}" is not one`);
  const exchangeMaxInFlight = Number(get('EXCHANGE_MAX_IN_FLIGHT') || DEFAULT_EXCHANGE_CEILING);
  if (!Number.isInteger(exchangeMaxInFlight) || exchangeMaxInFlight < 1 || exchangeMaxInFlight > MAX_EXCHANGE_CEILING)
    throw new ConfigError(
      `EXCHANGE_MAX_IN_FLIGHT must be a whole number from 1 to ${MAX_EXCHANGE_CEILING} (default ${DEFAULT_EXCHANGE_CEILING}), got "${get('EXCHANGE_MAX_IN_FLIGHT')}"`,
    );
  const level = (get('LOG_LEVEL') || 'info').toLowerCase();
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new ConfigError('LOG_LEVEL must be debug, info, warn or error');
  const storageUrl = get('STORAGE_ACCOUNT_URL') || undefined;
  const storageCs = get('STORAGE_CONNECTION_STRING') || undefined;
  if (!demo && !storageUrl && !storageCs)
    throw new ConfigError('Set STORAGE_ACCOUNT_URL (or STORAGE_CONNECTION_STRING): the bot keeps its state in Blob Storage.');
  // Empty: the bot's own address once it listens (the demo, tests); production sets it (infra/).
  const publicUrl = get('PUBLIC_URL').replace(/\/+$/, '');

  return {
    demo,
    port,
    tenantId,
    organization,
    managedIdentityClientId: clientId,
    graphEndpoint: httpsRoot('GRAPH_ENDPOINT', env.GRAPH_ENDPOINT, 'https://graph.microsoft.com'),
    exchangeEndpoint: httpsRoot('EXCHANGE_ENDPOINT', env.EXCHANGE_ENDPOINT, 'https://outlook.office365.com'),
    storage: { accountUrl: storageUrl, connectionString: storageCs, container: get('STORAGE_CONTAINER') || 'botstate' },
    admins: admins.map((a) => a.toLowerCase()),
    adminGroupId: adminGroupId?.toLowerCase(),
    publicUrl,
    remediation: /^(on|true|1|yes)$/i.test(get('REMEDIATION')),
    alertIntervalMinutes: interval,
    historyDays,
    exchangeMaxInFlight,
    alertRun: { runners: runners.map((r) => r.toLowerCase()) },
    logLevel: level as BotConfig['logLevel'],
    bot: { appId, appType, appTenantId: get('MicrosoftAppTenantId'), hasPassword: get('MicrosoftAppPassword') !== '' },
  };
}
