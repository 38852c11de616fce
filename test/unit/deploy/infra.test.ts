// Bicep cannot be compiled on our machines, so these read infra/ as text and hold it to what the
// bot reads (src/config.ts SETTINGS) and to the security choices the README promises.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SETTINGS } from '../../../src/config';
import { DEPLOYED_NODE_STACK, MIN_NODE_MAJOR, TESTED_NODE_MAJORS, nodeRuntimeCheck } from '../../../src/doctor/node-runtime';

const root = join(__dirname, '..', '..', '..');
const infra = join(root, 'infra');

function bicepFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return bicepFiles(path);
    return name.endsWith('.bicep') ? [path] : [];
  });
}
const files = bicepFiles(infra);
const read = (name: string) => readFileSync(join(infra, name), 'utf8');
/** Bicep source with comments removed, so a commented-out line cannot satisfy a test. */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'])\/\/.*$/gm, '$1');

/** The `[ … ]` that follows each `appSettings =` or `appSettings:` in the Bicep, bracket-matched. */
function appSettingBlocks(source: string): string[] {
  const blocks: string[] = [];
  const start = /appSettings\s*[:=]\s*\[/g;
  for (let m = start.exec(source); m; m = start.exec(source)) {
    let depth = 0;
    let i = m.index + m[0].length - 1;
    for (; i < source.length; i++) {
      if (source[i] === '[') depth++;
      else if (source[i] === ']' && --depth === 0) break;
    }
    blocks.push(source.slice(m.index + m[0].length, i));
  }
  return blocks;
}

function appSettingNames(): string[] {
  return files
    .flatMap((f) => appSettingBlocks(code(readFileSync(f, 'utf8'))))
    .flatMap((block) => [...block.matchAll(/\bname:\s*'([^']+)'/g)].map((m) => m[1]));
}

/** Settings App Service itself or its deployment tooling reads, not the bot. */
const PLATFORM_SETTING = /^(WEBSITE_|WEBSITES_|SCM_|APPSETTING_|APPLICATIONINSIGHTS_|ApplicationInsightsAgent_|XDT_)/;

describe('infra/ Bicep and the settings the bot reads', () => {
  const names = appSettingNames();

  test('the app settings are found where the test looks for them', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    expect(new Set(names).size).toBe(names.length); // no setting given twice
  });

  test('every setting production needs is set by the Bicep', () => {
    const needed = SETTINGS.filter((s) => !s.demoOnly && !s.optionalInProduction).map((s) => s.name);
    expect(needed.filter((n) => !names.includes(n))).toEqual([]);
  });

  test('every app setting in the Bicep is one the bot reads or one App Service reads', () => {
    const known = new Set(SETTINGS.map((s) => s.name));
    expect(names.filter((n) => !known.has(n) && !PLATFORM_SETTING.test(n))).toEqual([]);
  });

  test('no demo-only setting reaches production', () => {
    const demoOnly = SETTINGS.filter((s) => s.demoOnly).map((s) => s.name);
    expect(names.filter((n) => demoOnly.includes(n))).toEqual([]);
  });

  test('no secret anywhere: no password, secret or key setting, no secure parameter, no account keys', () => {
    // APPLICATIONINSIGHTS_CONNECTION_STRING is no secret: its component has local auth disabled, so
    // only the identity's Entra token can send to it (checked below).
    expect(names.filter((n) => n !== 'APPLICATIONINSIGHTS_CONNECTION_STRING' && /PASSWORD|SECRET|KEY|CONNECTION_STRING/i.test(n))).toEqual(
      [],
    );
    for (const f of files) {
      const source = code(readFileSync(f, 'utf8'));
      expect({
        file: relative(root, f),
        secure: /@secure\(\)/.test(source),
        listKeys: /listKeys\(/.test(source),
        password: /MicrosoftAppPassword/.test(source),
      }).toEqual({ file: relative(root, f), secure: false, listKeys: false, password: false });
    }
  });

  test('the bot authenticates as its user-assigned managed identity', () => {
    const main = code(read('main.bicep'));
    const setting = (name: string) => new RegExp(`name:\\s*'${name}'\\s*value:\\s*([^\\n]+)`).exec(main)?.[1].trim();
    expect(setting('MicrosoftAppType')).toBe("'UserAssignedMSI'");
    expect(setting('MicrosoftAppId')).toBe('identity.outputs.clientId');
    expect(setting('AZURE_CLIENT_ID')).toBe('identity.outputs.clientId');
    expect(setting('MicrosoftAppTenantId')).toBe('identity.outputs.tenantId');
    expect(setting('PUBLIC_URL')).toBe('publicUrl');
    expect(main).toMatch(/var publicUrl = 'https:\/\//);
    const bot = code(read('modules/bot-registration.bicep'));
    expect(bot).toMatch(/msaAppType:\s*'UserAssignedMSI'/);
    expect(bot).toMatch(/msaAppMSIResourceId:\s*identityResourceId/);
    expect(bot).toMatch(/channelName:\s*'MsTeamsChannel'/);
    expect(main).toMatch(/messagingEndpoint:\s*'https:\/\/\$\{app\.outputs\.defaultHostName\}\/api\/messages'/);
  });

  test('the web app is Linux on the declared Node LTS, HTTPS only, with the identity attached', () => {
    const main = code(read('main.bicep'));
    const app = code(read('modules/app-service.bicep'));
    expect(main).toContain(`param linuxFxVersion string = '${DEPLOYED_NODE_STACK}'`);
    expect(app).toMatch(/kind:\s*'app,linux'/);
    expect(app).toMatch(/reserved:\s*true/);
    expect(app).toMatch(/httpsOnly:\s*true/);
    expect(app).toMatch(/type:\s*'UserAssigned'/);
    expect(app).toMatch(/appCommandLine:\s*'node --max-old-space-size=\d+ dist\/src\/main\.js'/);
    // The start command must be what package.json's start runs after its build.
    const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start as string;
    expect(start).toContain('node dist/src/main.js');
  });

  test('storage takes no shared keys and the identity gets Storage Blob Data Contributor', () => {
    const storage = code(read('modules/storage.bicep'));
    expect(storage).toMatch(/allowSharedKeyAccess:\s*false/);
    expect(storage).toMatch(/allowBlobPublicAccess:\s*false/);
    expect(storage).toContain("'ba92f5b4-2d11-453d-a403-e96b0029c9fe'");
    expect(storage).toMatch(/principalType:\s*'ServicePrincipal'/);
  });

  test('Graph roles and Exchange.ManageAsApp are granted through the Graph Bicep extension', () => {
    const graph = code(read('modules/graph-permissions.bicep'));
    expect(graph).toMatch(/^extension microsoftGraphV1$/m);
    const config = JSON.parse(code(read('bicepconfig.json')));
    expect(config.extensions.microsoftGraphV1).toMatch(/^br:mcr\.microsoft\.com\/bicep\/extensions\/microsoftgraph\/v1\.0:1\./);
    expect(graph).toContain("'00000003-0000-0000-c000-000000000000'"); // Microsoft Graph
    expect(graph).toContain("'00000002-0000-0ff1-ce00-000000000000'"); // Office 365 Exchange Online
    expect(graph).toContain("'dc50a0fb-09a3-484d-be87-e023b12c6440'"); // Exchange.ManageAsApp
    expect(graph.match(/Microsoft\.Graph\/appRoleAssignedTo@v1\.0/g)).toHaveLength(2);

    const main = code(read('main.bicep'));
    const base = /var baseGraphRoles = \[([\s\S]*?)\]/.exec(main)?.[1] ?? '';
    expect([...base.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort()).toEqual([
      'GroupMember.Read.All',
      'Organization.Read.All',
      'ReportSettings.Read.All',
      'Reports.Read.All',
      'User.Read.All',
    ]);
    // Licence assignment is write access: granted only when remediation is on.
    expect(base).not.toContain('LicenseAssignment');
    expect(main).toMatch(
      /var graphRoles = remediation \? concat\(baseGraphRoles, \['LicenseAssignment\.ReadWrite\.All'\]\) : baseGraphRoles/,
    );
    expect(main).toMatch(/name:\s*'REMEDIATION'\s*value:\s*remediation \?/);
  });

  test('the Exchange directory role, which Bicep cannot assign, comes out as a ready command', () => {
    const main = code(read('main.bicep'));
    const output = /output EXCHANGE_ROLE_COMMAND string = (.*)$/m.exec(main)?.[1] ?? '';
    expect(output).toContain('https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments');
    expect(output).toContain('${exchangeRoleTemplateId}');
    // Global Reader: read-only; no write-capable Exchange or directory role by default.
    expect(main).toMatch(/var exchangeRoleTemplateId = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451'/);
    expect(main).not.toMatch(
      /31392ffb-586c-42d1-9346-e59415a2cc4e|29232cdf-9323-42fd-ade2-1d097af3e4de|62e90394-69f5-4237-9190-012177145e10/,
    );
    expect(output).toContain('${identity.outputs.principalId}');
  });

  test('every module main.bicep uses exists, and the parameter file names only real parameters', () => {
    const main = code(read('main.bicep'));
    const modules = [...main.matchAll(/^module \w+ '([^']+)'/gm)].map((m) => m[1]);
    expect(modules.length).toBeGreaterThanOrEqual(5);
    for (const m of modules) expect(existsSync(join(infra, m))).toBe(true);

    const params = new Map([...main.matchAll(/^param (\w+) \w+( = .*)?$/gm)].map((m) => [m[1], m[2] !== undefined]));
    const given = Object.keys(JSON.parse(read('main.parameters.json')).parameters);
    expect(given.filter((p) => !params.has(p))).toEqual([]);
    const required = [...params].filter(([, hasDefault]) => !hasDefault).map(([p]) => p);
    expect(required.filter((p) => !given.includes(p))).toEqual([]);
  });
});

describe('a first deployment that succeeds, and telemetry through the identity', () => {
  const main = code(read('main.bicep'));
  const monitoring = code(read('modules/monitoring.bicep'));
  // The deployment guide: what the README links to for deploying.
  const readme = readFileSync(join(root, 'docs', 'deploy.md'), 'utf8');

  test('an empty admin list is refused at deployment: botAdmins is required and at least one object id long', () => {
    expect(main).toMatch(/@minLength\(36\)\s*(@description\([^\n]*\)\s*)?param botAdmins string\s*$/m);
    expect(main).not.toMatch(/param botAdmins string = /);
    const given = JSON.parse(read('main.parameters.json')).parameters;
    expect(given.botAdmins.value).toBe('${{BOT_ADMINS}}');
  });

  test('an empty admin list that reaches the app is handled: the bot starts and says what to set', () => {
    const { readConfig } = jest.requireActual('../../../src/config');
    const env = {
      M365_TENANT_ID: '11111111-2222-3333-4444-555555555555',
      M365_ORGANIZATION: 'contoso.onmicrosoft.com',
      MicrosoftAppId: '11111111-2222-3333-4444-555555555557',
      MicrosoftAppType: 'UserAssignedMSI',
      STORAGE_ACCOUNT_URL: 'https://x.blob.core.windows.net',
      BOT_ADMINS: '',
    };
    expect(readConfig(env).admins).toEqual([]);
  });

  test('Application Insights is workspace-based, takes no local auth, and the identity may publish to it', () => {
    expect(monitoring).toMatch(/'Microsoft\.OperationalInsights\/workspaces@/);
    expect(monitoring).toMatch(/'Microsoft\.Insights\/components@/);
    expect(monitoring).toMatch(/WorkspaceResourceId:\s*workspace\.id/);
    expect(monitoring).toMatch(/DisableLocalAuth:\s*true/);
    expect(monitoring).toContain("'3913510d-42f4-4e42-8a64-420c390055eb'"); // Monitoring Metrics Publisher
    expect(monitoring).toMatch(/scope:\s*insights/);
    expect(monitoring).toMatch(/principalType:\s*'ServicePrincipal'/);
    expect(main).toMatch(/module monitoring 'modules\/monitoring\.bicep'[\s\S]*?principalId:\s*identity\.outputs\.principalId/);
  });

  test("the telemetry setting is the component's connection string, and the bot reads that setting", () => {
    expect(main).toMatch(/name:\s*'APPLICATIONINSIGHTS_CONNECTION_STRING'\s*value:\s*monitoring\.outputs\.connectionString/);
    expect(SETTINGS.map((s) => s.name)).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING');
    const telemetry = readFileSync(join(root, 'src', 'telemetry', 'index.ts'), 'utf8');
    expect(telemetry).toContain("CONNECTION_SETTING = 'APPLICATIONINSIGHTS_CONNECTION_STRING'");
  });

  test('Graph app roles are granted after the slow resources, and the deploy guide names the replication error and its rerun', () => {
    expect(main).toMatch(/module tenantPermissions [^\n]*\{[\s\S]*?dependsOn:\s*\[\s*app\s+bot\s*\]/);
    expect(readme).toContain('Not a valid reference update');
    expect(readme).toContain('msgraph-bicep-types/issues/193');
    expect(readme).toContain('Operation cannot be completed without additional quota');
    expect(readme.replace(/\s+/g, ' ')).toContain(
      'A conflicting object with one or more of the specified property values is present in the directory.',
    );
    expect(readme).toMatch(/npm run grant -- --identity \$PRINCIPAL_ID/);
    expect(readme).not.toMatch(/wait a few minutes,\s*run `az webapp restart/);
  });

  test("the deploy guide's queries use the metric and log names the telemetry emits", () => {
    const metrics = readFileSync(join(root, 'src', 'telemetry', 'metrics.ts'), 'utf8');
    expect(metrics).toContain("throttled: 'mailboxwatch.throttled'");
    expect(readme).toMatch(/name == "mailboxwatch\.throttled"/);
    const bridge = readFileSync(join(root, 'src', 'telemetry', 'log-bridge.ts'), 'utf8');
    for (const failed of ['mailbox report failed', 'shared report failed', 'licence report failed']) {
      expect(bridge).toContain(`'${failed}'`);
      expect(readme).toContain(`"${failed}"`);
    }
  });
});

describe('one Node.js version, said everywhere', () => {
  const deployedMajor = /NODE\|(\d+)/.exec(DEPLOYED_NODE_STACK)![1];

  test('package.json accepts every tested LTS line and caps none', () => {
    const engines = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node as string;
    expect(engines).toBe(`>=${MIN_NODE_MAJOR}`);
    expect(TESTED_NODE_MAJORS).toContain(Number(deployedMajor));
  });

  test("the README's first lines and the deploy guide name the versions and the deployed one", () => {
    const top = readFileSync(join(root, 'README.md'), 'utf8').split('\n').slice(0, 12).join('\n');
    expect(top).toContain(`Node.js ${TESTED_NODE_MAJORS.join(', ')}`);
    expect(top).toContain(`Node ${deployedMajor}`);
    const deploy = readFileSync(join(root, 'docs/deploy.md'), 'utf8');
    expect(deploy).toContain(`Node ${deployedMajor}`);
    expect(deploy).not.toMatch(/Node(\.js)? 20\b/);
  });

  test('doctor passes the runtime from the floor up and names the fix below it', () => {
    expect(nodeRuntimeCheck('v26.10.0').status).toBe('pass');
    expect(nodeRuntimeCheck(`v${MIN_NODE_MAJOR}.0.0`).status).toBe('pass');
    const old = nodeRuntimeCheck('v20.20.2');
    expect(old.status).toBe('fail');
    expect(old.detail).toContain('v20.20.2');
    expect(old.fix).toContain(`--linux-fx-version "${DEPLOYED_NODE_STACK}"`);
  });
});
