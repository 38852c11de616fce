// A chat command is declared once (src/commands): help, the Teams command menu and the README table
// are written from the declaration, and every command is one the contract (or its pending changes)
// promises. Adding a command without `npm run command-docs` fails here.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  commandLists,
  manifestWithCommands,
  MENU_DESCRIPTION_LIMIT,
  MENU_LIMIT,
  menuCommands,
  readmeTable,
  readmeWithCommands,
} from '../../../scripts/write-command-docs';
import { allCommands } from '../../../src/commands';
import type { Command } from '../../../src/dispatch/types';
import { helpMessage } from '../../../src/dispatch/help-message';
import { paragraphs } from '../cards/client-view';

const root = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** shared/design/CONTRACT.md beside the repository or beside the folder of worktrees it sits in. */
function contractText(): string | undefined {
  for (let dir = dirname(root), i = 0; i < 3; dir = dirname(dir), i++) {
    const file = join(dir, 'shared', 'design', 'CONTRACT.md');
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  return undefined;
}

/** The first word of each backticked command in a Markdown table row (`| \`mailboxes [user…` → mailboxes). */
function tableCommands(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^\|\s*`([a-z]+)/gm)].map((m) => m[1]));
}

const fake = (name: string, summary = `What ${name} does.`): Command => ({
  name,
  usage: `${name} [x]`,
  summary,
  examples: [`${name} x`],
  run: async () => undefined,
});

describe('each command says its words once', () => {
  const commands = allCommands();

  test('appPackage/manifest.json and README.md are what npm run command-docs writes', () => {
    const template = read('appPackage/manifest.json');
    expect(JSON.parse(manifestWithCommands(template, commands))).toEqual(JSON.parse(template));
    expect(read('README.md')).toBe(readmeWithCommands(read('README.md'), commands));
  });

  test('help, the Teams menu and the README table show the same name, summary, usage and example', () => {
    const seen = paragraphs(helpMessage(commands).card!);
    const [menu] = commandLists(commands);
    const table = readmeTable(commands);
    const inMenu = new Set(menuCommands(commands).map((c) => c.name));
    for (const c of commands) {
      expect(seen).toContain(c.name);
      expect(seen).toContain(c.summary);
      if (c.usage !== c.name) expect(seen).toContain(c.usage);
      const entry = menu.commands.find((m) => m.title === c.name);
      // Past the menu's ten, a command is in help and the README only.
      if (inMenu.has(c.name)) expect(entry?.description.startsWith(c.summary)).toBe(true);
      else expect(entry).toBeUndefined();
      expect(table).toContain(`| \`${c.usage.replace(/\|/g, '\\|')}\` | ${c.summary.replace(/\|/g, '\\|')}`);
    }
  });

  test('a new command changes all three: the menu and the table list it, and the stale files no longer match', () => {
    // Within the menu's room: past ten, the menu keeps the first (the next test).
    const more = [...commands.slice(0, 5), fake('quarantine')];
    expect(commandLists(more)[0].commands.map((c) => c.title)).toContain('quarantine');
    expect(readmeTable(more)).toContain('| `quarantine [x]` | What quarantine does. |');
    expect(paragraphs(helpMessage(more).card!)).toContain('What quarantine does.');
    expect(readmeWithCommands(read('README.md'), more)).not.toBe(read('README.md'));
  });

  test('the Teams menu keeps help first and holds at most 10, in the order help lists them', () => {
    const many = [...commands, ...['one', 'two', 'three', 'four'].map((n) => fake(n))];
    const menu = menuCommands(many).map((c) => c.name);
    expect(menu).toHaveLength(MENU_LIMIT);
    expect(menu[0]).toBe('help');
    expect(menu).toEqual(['help', ...many.map((c) => c.name).filter((n) => n !== 'help')].slice(0, MENU_LIMIT));
  });

  test('every summary fits the menu, and an example is added only where it fits', () => {
    for (const c of commands) expect(c.summary.length).toBeLessThanOrEqual(MENU_DESCRIPTION_LIMIT);
    const long = fake('long', 'x'.repeat(120));
    expect(commandLists([long])[0].commands[0].description).toBe('x'.repeat(120));
    expect(commandLists([fake('short')])[0].commands[0].description).toBe('What short does. e.g. short x');
  });

  test('every registered command is one CONTRACT.md or docs/contract-changes.md promises', () => {
    const contract = contractText();
    if (!contract) console.warn('CONTRACT.md not found beside the repository: only docs/contract-changes.md compared');
    const promised = new Set([...tableCommands(contract ?? ''), ...tableCommands(read('docs/contract-changes.md'))]);
    expect(commands.map((c) => c.name).filter((n) => !promised.has(n))).toEqual([]);
  });
});
