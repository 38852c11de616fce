// The manifest is what Teams reads when the app is uploaded: these check it against the schema
// Microsoft ships in @microsoft/app-manifest (offline) and against the commands the bot registers.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledSchemaPath, fillManifest, validateManifest } from '../../../scripts/package-app';
import { ACCENT_COLOR } from '../../../scripts/make-icons';
import { commandLists, MENU_LIMIT } from '../../../scripts/write-command-docs';
import { allCommands } from '../../../src/commands';

// @microsoft/app-manifest requires strip-bom 5, an ES module that jest's CommonJS runtime cannot
// load (plain Node 20.19+ can). It only strips a BOM when reading manifest files, which these tests
// never ask it to do; the schema validation under test is untouched.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const root = join(__dirname, '..', '..', '..');
const template = readFileSync(join(root, 'appPackage', 'manifest.json'), 'utf8');
const BOT_ID = '0b6b6c55-3f3a-4c1e-9a55-7d0f1a2b3c4d';
const filled = () => fillManifest(template, { BOT_ID, TEAMS_APP_ID: BOT_ID, BOT_DOMAIN: 'mailboxwatch-abc.azurewebsites.net' });

describe('appPackage/manifest.json', () => {
  test('uses a current manifest schema (v1.19 or later) that @microsoft/app-manifest bundles', () => {
    const manifest = JSON.parse(template);
    const version = /teams\/v1\.(\d+)\//.exec(manifest.$schema);
    expect(version).not.toBeNull();
    expect(Number(version![1])).toBeGreaterThanOrEqual(19);
    expect(manifest.manifestVersion).toBe(`1.${version![1]}`);
    expect(existsSync(bundledSchemaPath(manifest.$schema))).toBe(true);
  });

  test('with its placeholders filled, it validates against the bundled schema', async () => {
    expect(await validateManifest(filled())).toEqual([]);
  });

  test('the validator really runs: a broken manifest is rejected with the offending paths', async () => {
    const broken = filled();
    broken.bots[0].scopes = ['personal', 'groupchat']; // lower-case c: refused since v1.17
    broken.bots[0].botId = 'not-a-guid';
    delete broken.developer.privacyUrl;
    const errors = (await validateManifest(broken)).join('\n');
    expect(errors).toMatch(/\/bots\/0\/scopes\/1/);
    expect(errors).toMatch(/\/bots\/0\/botId/);
    expect(errors).toMatch(/privacyUrl/);
  });

  test('uses the Toolkit placeholders for the app and bot ids', () => {
    const manifest = JSON.parse(template);
    expect(manifest.id).toBe('${{TEAMS_APP_ID}}');
    expect(manifest.bots[0].botId).toBe('${{BOT_ID}}');
  });

  test('one bot, in personal chats, team channels and group chats, without files', () => {
    const manifest = filled();
    expect(manifest.name.short).toBe('Mailbox Watch');
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(false);
    expect(manifest.accentColor.toUpperCase()).toBe(ACCENT_COLOR.toUpperCase());
    for (const icon of [manifest.icons.color, manifest.icons.outline]) expect(existsSync(join(root, 'appPackage', icon))).toBe(true);
    for (const url of Object.values(manifest.developer).filter((v) => String(v).includes('://')))
      expect(String(url)).toMatch(/^https:\/\//);
  });

  test('each scope has a command list, short enough for every Teams client', () => {
    const [bot] = filled().bots;
    const scopes = bot.commandLists.flatMap((list: any) => list.scopes).sort();
    expect(scopes).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      for (const command of list.commands) {
        // v1.19/1.20 capped these at 32 and 128 characters; later versions allow more.
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
  });

  test('the command lists offer the registered commands, help first, as npm run command-docs writes them', () => {
    const lists = JSON.parse(template).bots[0].commandLists;
    expect(lists).toEqual(commandLists(allCommands()));
    for (const list of lists) {
      expect(list.commands[0].title).toBe('help');
      expect(list.commands.length).toBeLessThanOrEqual(MENU_LIMIT);
      expect(list.commands.map((c: any) => c.title)).toContain('schedule');
    }
  });
});
