// Writes what the outside says about the chat commands from their declarations (src/commands):
// appPackage/manifest.json's command menus and README.md's command table. `help` reads the same
// declarations at run time, so the three never differ. `npm run command-docs` rewrites both files;
// test/unit/deploy/command-docs.test.ts fails while either is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allCommands } from '../src/commands';
import type { Command } from '../src/dispatch/types';

/**
 * Teams shows at most 10 commands in a bot's menu: "Each menu supports up to 10 commands"
 * (learn.microsoft.com/microsoftteams/platform/resources/bot-v3/bots-menus). Newer manifest schemas
 * allow 12, but clients that follow the older limit exist, so the menu keeps to 10.
 */
export const MENU_LIMIT = 10;
/** v1.19/1.20 of the manifest schema cap a command's description here; later ones allow more. */
export const MENU_DESCRIPTION_LIMIT = 128;
const SCOPES = ['personal', 'team', 'groupChat'] as const;

export const TABLE_START = '<!-- commands: written by `npm run command-docs` from src/commands; edit the commands, not this table -->';
export const TABLE_END = '<!-- /commands -->';

/**
 * The commands Teams suggests: `help` first (the way in to the rest), then the others in the order
 * `help` lists them (src/commands/index.ts), as many as the menu holds. A command past the limit
 * stays in `help` and the README; its place in that order decides, so put a new one where an admin
 * would look for it.
 */
export function menuCommands(commands: readonly Command[]): Command[] {
  const help = commands.filter((c) => c.name === 'help');
  return [...help, ...commands.filter((c) => c.name !== 'help')].slice(0, MENU_LIMIT);
}

/** The summary, and the first example when it says more than the name and still fits the menu. */
export function menuDescription(command: Command): string {
  const example = command.examples[0];
  const withExample = `${command.summary} e.g. ${example}`;
  return example && example !== command.name && withExample.length <= MENU_DESCRIPTION_LIMIT ? withExample : command.summary;
}

export function commandLists(commands: readonly Command[]): { scopes: string[]; commands: { title: string; description: string }[] }[] {
  const menu = menuCommands(commands).map((c) => ({ title: c.name, description: menuDescription(c) }));
  return SCOPES.map((scope) => ({ scopes: [scope], commands: menu }));
}

/** The manifest template with its command menus written from `commands`; everything else as it was. */
export function manifestWithCommands(template: string, commands: readonly Command[]): string {
  const manifest = JSON.parse(template) as { bots: { commandLists?: unknown }[] };
  manifest.bots[0].commandLists = commandLists(commands);
  return formatManifest(manifest);
}

/** JSON with two-space indents, but a command or a scope list on one line, as people write manifests. */
function formatManifest(manifest: object): string {
  const text = JSON.stringify(manifest, null, 2);
  return (
    text.replace(/\{\n\s+"title": (".*?"),\n\s+"description": (".*?")\n\s+\}/g, '{ "title": $1, "description": $2 }').replace(
      /\[\n\s+((?:"[^"\n]*",?\n\s+)+)\]/g,
      (_whole, items: string) =>
        `[${items
          .trim()
          .split(/,\n\s+/)
          .join(', ')}]`,
    ) + '\n'
  );
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function readmeTable(commands: readonly Command[]): string {
  const rows = commands.map((c) => `| \`${cell(c.usage)}\` | ${cell([c.summary, c.details].filter(Boolean).join(' '))} |`);
  return [TABLE_START, '| command | answers with |', '|---|---|', ...rows, TABLE_END].join('\n');
}

/** README.md with the table between the markers replaced; throws when the markers are missing. */
export function readmeWithCommands(readme: string, commands: readonly Command[]): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no command table between "${TABLE_START}" and "${TABLE_END}"`);
  return readme.slice(0, start) + readmeTable(commands) + readme.slice(end + TABLE_END.length);
}

if (require.main === module) {
  // The folder holding package.json: this runs from scripts/ and from dist/scripts/.
  let root = __dirname;
  while (!existsSync(join(root, 'package.json'))) root = dirname(root);
  const commands = allCommands();
  const manifestPath = join(root, 'appPackage', 'manifest.json');
  writeFileSync(manifestPath, manifestWithCommands(readFileSync(manifestPath, 'utf8'), commands));
  const readmePath = join(root, 'README.md');
  writeFileSync(readmePath, readmeWithCommands(readFileSync(readmePath, 'utf8'), commands));
  const left = commands.filter((c) => !menuCommands(commands).includes(c)).map((c) => c.name);
  console.log(`Wrote the command menus of appPackage/manifest.json and the command table of README.md (${commands.length} commands).`);
  if (left.length > 0) console.log(`Not in the Teams menu (it holds ${MENU_LIMIT}): ${left.join(', ')}; help and README list them.`);
}
