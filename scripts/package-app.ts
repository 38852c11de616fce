// Builds the Teams app package to upload (Teams > Apps > Manage your apps > Upload an app):
//   npm run package -- --bot-id <client id of the bot's managed identity> [--app-id <guid>] [--bot-domain <host>]
// BOT_ID, TEAMS_APP_ID and BOT_DOMAIN in the environment work too (the names the Agents Toolkit uses).
// The command menus are written from src/commands (scripts/write-command-docs.ts), into the zip and
// into appPackage/manifest.json. The manifest is checked against the schema bundled in @microsoft/app-manifest before zipping, so a
// package that Teams would refuse never leaves this machine.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import JSZip from 'jszip';
import { allCommands } from '../src/commands';
import { manifestWithCommands } from './write-command-docs';

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PACKAGE_FILES = ['manifest.json', 'color.png', 'outline.png'] as const;

export class PackageError extends Error {}

export interface PackageOptions {
  /** Client id of the bot's user-assigned managed identity (the Azure Bot's msaAppId). */
  botId: string;
  /** The Teams app's own id; defaults to the bot id, which keeps re-uploads updating the same app. */
  appId?: string;
  /** The bot's host name, listed in validDomains; omitted from the manifest when not given. */
  botDomain?: string;
  appPackageDir?: string;
  outFile?: string;
}

/** The nearest folder above `start` holding package.json: works from scripts/ and dist/scripts/. */
export function findRepositoryRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new PackageError(`no package.json above ${start}`);
    dir = parent;
  }
}

const PLACEHOLDER = /\$\{\{([A-Za-z0-9_]+)\}\}/g;

/** Replaces the Toolkit's `${{NAME}}` placeholders; refuses to leave one unfilled. */
export function fillManifest(template: string, values: Record<string, string | undefined>): Record<string, any> {
  const manifest = JSON.parse(template) as Record<string, any>;
  // A bot-only app needs no validDomains; without a domain the entry is dropped rather than left empty.
  if (Array.isArray(manifest.validDomains)) {
    manifest.validDomains = manifest.validDomains.filter((d: string) => {
      const names = [...d.matchAll(PLACEHOLDER)].map((m) => m[1]);
      return names.every((n) => (values[n] ?? '') !== '');
    });
  }
  const filled = JSON.stringify(manifest).replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') throw new PackageError(`the manifest needs ${name}, which was not given`);
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(filled) as Record<string, any>;
}

/** Where @microsoft/app-manifest keeps its copy of the schema a manifest names, or why there is none. */
export function bundledSchemaPath(schemaUrl: unknown): string {
  const match = typeof schemaUrl === 'string' ? /\/json-schemas\/teams\/(v[^/]+)\/MicrosoftTeams\.schema\.json$/.exec(schemaUrl) : null;
  if (!match) throw new PackageError(`the manifest's $schema is not a Teams manifest schema URL: ${String(schemaUrl)}`);
  const root = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(root, 'build', 'json-schemas', 'teams', match[1], 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) throw new PackageError(`@microsoft/app-manifest does not bundle the Teams schema ${match[1]}`);
  return file;
}

/** Schema errors of a manifest ("/bots/0/botId must match pattern …"); empty when it is valid. */
export async function validateManifest(manifest: Record<string, any>): Promise<string[]> {
  const schema = JSON.parse(readFileSync(bundledSchemaPath(manifest.$schema), 'utf8'));
  // Passing the schema keeps the check offline: without it the library may fetch $schema.
  const { AppManifestUtils } = await import('@microsoft/app-manifest');
  return AppManifestUtils.validateAgainstSchema(manifest as any, schema);
}

export async function buildAppPackage(options: PackageOptions): Promise<{ zipPath: string; manifest: Record<string, any> }> {
  const botId = options.botId.trim();
  if (!GUID.test(botId)) {
    throw new PackageError(`the bot id must be the client id (a GUID) of the bot's managed identity, got "${options.botId}"`);
  }
  const appId = (options.appId ?? '').trim() || botId;
  if (!GUID.test(appId)) throw new PackageError(`the Teams app id must be a GUID, got "${options.appId}"`);
  const botDomain = (options.botDomain ?? '')
    .trim()
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '');

  const dir = options.appPackageDir ?? join(findRepositoryRoot(__dirname), 'appPackage');
  // The command menus come from the commands themselves, so a package never offers a stale list.
  const manifest = fillManifest(manifestWithCommands(readFileSync(join(dir, 'manifest.json'), 'utf8'), allCommands()), {
    BOT_ID: botId,
    TEAMS_APP_ID: appId,
    BOT_DOMAIN: botDomain,
  });
  const errors = await validateManifest(manifest);
  if (errors.length > 0) throw new PackageError(`appPackage/manifest.json does not match its schema:\n  ${errors.join('\n  ')}`);

  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  for (const icon of [manifest.icons.color, manifest.icons.outline] as string[]) {
    zip.file(icon, readFileSync(join(dir, icon)));
  }
  const zipPath = options.outFile ?? join(dir, 'build', 'appPackage.zip');
  mkdirSync(dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { zipPath, manifest };
}

/** Reads `--bot-id X`, `--bot-id=X`, `--app-id`, `--bot-domain`, `--out`, falling back to the environment. */
export function parseArguments(argv: string[], env: NodeJS.ProcessEnv = process.env): PackageOptions {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new PackageError(`unexpected argument "${argv[i]}"; usage: npm run package -- --bot-id <guid>`);
    if (!['bot-id', 'app-id', 'bot-domain', 'out'].includes(m[1])) throw new PackageError(`unknown option --${m[1]}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new PackageError(`--${m[1]} needs a value`);
    flags[m[1]] = value;
  }
  const botId = flags['bot-id'] ?? env.BOT_ID ?? '';
  if (botId.trim() === '') {
    throw new PackageError(
      "no bot id: pass --bot-id <client id of the bot's managed identity> (the deployment's botId output), or set BOT_ID",
    );
  }
  return {
    botId,
    appId: flags['app-id'] ?? env.TEAMS_APP_ID,
    botDomain: flags['bot-domain'] ?? env.BOT_DOMAIN,
    outFile: flags.out ? resolve(flags.out) : undefined,
  };
}

if (require.main === module) {
  (async () => {
    try {
      const options = parseArguments(process.argv.slice(2));
      // The template in the repository gets the same menus, so what is committed is what is uploaded.
      const template = join(findRepositoryRoot(__dirname), 'appPackage', 'manifest.json');
      writeFileSync(template, manifestWithCommands(readFileSync(template, 'utf8'), allCommands()));
      const { zipPath, manifest } = await buildAppPackage(options);
      console.log(`Teams app package: ${zipPath}`);
      console.log(`  app id ${manifest.id}, bot id ${manifest.bots[0].botId}`);
      console.log('Upload it in Teams: Apps > Manage your apps > Upload an app.');
    } catch (err) {
      console.error(`npm run package: ${err instanceof PackageError ? err.message : String(err)}`);
      process.exitCode = 1;
    }
  })();
}
