// m365agents.yml, env/.env.dev and docs/deploy.md all name things defined elsewhere (Bicep
// parameters and outputs, files, placeholders). A rename in one place must not leave the others
// pointing at nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const yml = read('m365agents.yml');
const main = read('infra/main.bicep');
const outputs = [...main.matchAll(/^output (\w+) /gm)].map((m) => m[1]);
const params = [...main.matchAll(/^param (\w+) /gm)].map((m) => m[1]);

/** `uses:` actions of one top-level stage of m365agents.yml, in order. */
function stage(name: string): string[] {
  const body = yml.split(/^(?=\w+:)/m).find((s) => s.startsWith(`${name}:`)) ?? '';
  return [...body.matchAll(/^\s*- uses: (\S+)/gm)].map((m) => m[1]);
}

function envFile(): Map<string, string> {
  const entries = read('env/.env.dev')
    .split('\n')
    .filter((l) => /^\w+=/.test(l))
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as [string, string]);
  return new Map(entries);
}

describe('Agents Toolkit project', () => {
  test('provision creates the app, deploys the Bicep, then validates, zips and updates the package', () => {
    expect(stage('provision')).toEqual([
      'teamsApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(yml).toMatch(/- path: \.\/infra\/main\.bicep/);
    expect(yml).toMatch(/parameters: \.\/infra\/main\.parameters\.json/);
  });

  test('deploy installs, builds and zip-deploys to the web app the Bicep made', () => {
    const deploy = stage('deploy');
    expect(deploy[deploy.length - 1]).toBe('azureAppService/zipDeploy');
    expect(deploy.filter((a) => a === 'cli/runNpmCommand').length).toBeGreaterThanOrEqual(2);
    expect(yml).toMatch(/args: ci\b/);
    expect(yml).toMatch(/args: run build\b/);
    expect(yml).toMatch(/resourceId: \$\{\{BOT_AZURE_APP_SERVICE_RESOURCE_ID\}\}/);
    expect(outputs).toContain('BOT_AZURE_APP_SERVICE_RESOURCE_ID');
  });

  test('every file the project file points at exists', () => {
    const paths = [...yml.matchAll(/:\s+(\.\/[\w./-]+)/g)].map((m) => m[1]).filter((p) => !/\/build(\/|$)/.test(p)); // build output appears only after packaging
    expect(paths.length).toBeGreaterThanOrEqual(4);
    expect(paths.filter((p) => !existsSync(join(root, p)))).toEqual([]);
  });

  test('every ${{NAME}} placeholder is defined by env/.env.dev, a Bicep output or teamsApp/create', () => {
    const defined = new Set([...envFile().keys(), ...outputs, 'TEAMS_APP_ID', 'TEAMSFX_ENV', 'TEAMS_APP_PUBLISHED_APP_ID']);
    const used = ['m365agents.yml', 'infra/main.parameters.json', 'appPackage/manifest.json'].flatMap((f) =>
      [...read(f).matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => `${m[1]} (${f})`),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((u) => !defined.has(u.split(' ')[0]))).toEqual([]);
  });

  test('env/.env.dev holds no secret', () => {
    const env = envFile();
    expect([...env.keys()].filter((k) => /SECRET|PASSWORD|KEY/i.test(k))).toEqual([]);
  });
});

describe('docs/deploy.md', () => {
  const doc = read('docs/deploy.md');

  test('names only parameters and outputs that infra/main.bicep has', () => {
    const commandParams = [...doc.matchAll(/-p ((?:\w+=\S+\s*)+)/g)].flatMap((m) => [...m[1].matchAll(/(\w+)=/g)].map((p) => p[1]));
    const tableParams = [...doc.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]);
    expect(commandParams).toContain('m365Organization');
    expect([...commandParams, ...tableParams].filter((p) => !params.includes(p))).toEqual([]);
    const usedOutputs = [...doc.matchAll(/\bout (\w+)\)/g)].map((m) => m[1]);
    expect(usedOutputs).toContain('BOT_ID');
    expect(usedOutputs.filter((o) => !outputs.includes(o))).toEqual([]);
  });

  test('assigns the same Exchange role the Bicep names, and packages with the deployed bot id', () => {
    const role = /var exchangeRoleTemplateId = '([0-9a-f-]+)'/.exec(main)![1];
    expect(doc).toContain(`\\"roleDefinitionId\\":\\"${role}\\"`);
    expect(doc).toMatch(/npm run package -- --bot-id \$BOT_ID/);
    expect(doc).toMatch(/az deployment group create -g \$RG -n mailbox-watch -f infra\/main\.bicep/);
    expect(doc).toMatch(/az deployment group show -g \$RG -n mailbox-watch/);
  });

  test('covers the errors a newcomer meets first', () => {
    for (const message of ['The requested identity has not been assigned to this resource', 'UnAuthorized', 'empty principal id']) {
      expect(doc).toContain(message);
    }
  });
});
