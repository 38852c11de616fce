// `npm run package` is how an admin gets the zip to upload to Teams.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { buildAppPackage, parseArguments, PackageError } from '../../../scripts/package-app';

// @microsoft/app-manifest requires strip-bom 5, an ES module that jest's CommonJS runtime cannot
// load (plain Node 20.19+ can). It only strips a BOM when reading manifest files, which these tests
// never ask it to do; the schema validation under test is untouched.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const root = join(__dirname, '..', '..', '..');
const BOT_ID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-package-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openZip(path: string) {
  return JSZip.loadAsync(readFileSync(path));
}

describe('building the Teams app package', () => {
  test('the zip holds exactly manifest.json and the two icons, with the bot id filled in', async () => {
    const out = join(dir, 'a.zip');
    const { zipPath } = await buildAppPackage({ botId: BOT_ID, outFile: out });
    expect(zipPath).toBe(out);
    const zip = await openZip(out);
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = await zip.file('manifest.json')!.async('string');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.id).toBe(BOT_ID); // the app id defaults to the bot id
    expect(manifest.validDomains).toEqual([]); // no domain given: the placeholder entry is dropped
    for (const icon of ['color.png', 'outline.png']) {
      expect(Buffer.from(await zip.file(icon)!.async('uint8array'))).toEqual(readFileSync(join(root, 'appPackage', icon)));
    }
  });

  test('a separate app id and the bot domain are used when given', async () => {
    const out = join(dir, 'b.zip');
    const appId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
    await buildAppPackage({ botId: BOT_ID, appId, botDomain: 'https://mailboxwatch-x.azurewebsites.net/', outFile: out });
    const manifest = JSON.parse(await (await openZip(out)).file('manifest.json')!.async('string'));
    expect(manifest.id).toBe(appId);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.validDomains).toEqual(['mailboxwatch-x.azurewebsites.net']);
  });

  test('refuses a bot id that is not a GUID, naming what it needs', async () => {
    await expect(buildAppPackage({ botId: 'my-bot', outFile: join(dir, 'c.zip') })).rejects.toThrow(/client id \(a GUID\)/);
  });

  test('refuses to run without a bot id, and says how to give one', () => {
    expect(() => parseArguments([], {})).toThrow(PackageError);
    expect(() => parseArguments([], {})).toThrow(/--bot-id/);
  });

  test('reads --bot-id in both spellings, or BOT_ID / TEAMS_APP_ID / BOT_DOMAIN from the environment', () => {
    expect(parseArguments(['--bot-id', BOT_ID], {}).botId).toBe(BOT_ID);
    expect(parseArguments([`--bot-id=${BOT_ID}`], {}).botId).toBe(BOT_ID);
    expect(parseArguments([], { BOT_ID, TEAMS_APP_ID: 'x', BOT_DOMAIN: 'h' })).toMatchObject({ botId: BOT_ID, appId: 'x', botDomain: 'h' });
    expect(() => parseArguments(['--bot', BOT_ID], {})).toThrow(/unknown option --bot/);
    expect(() => parseArguments(['--bot-id'], {})).toThrow(/needs a value/);
  });

  test('a manifest that fails its schema is not packaged', async () => {
    const badDir = mkdtempSync(join(dir, 'bad-'));
    const manifest = JSON.parse(readFileSync(join(root, 'appPackage', 'manifest.json'), 'utf8'));
    manifest.name.short = 'A name far too long for the Teams app bar';
    const { writeFileSync, copyFileSync, existsSync } = await import('node:fs');
    writeFileSync(join(badDir, 'manifest.json'), JSON.stringify(manifest));
    for (const icon of ['color.png', 'outline.png']) copyFileSync(join(root, 'appPackage', icon), join(badDir, icon));
    const out = join(badDir, 'never.zip');
    await expect(buildAppPackage({ botId: BOT_ID, appPackageDir: badDir, outFile: out })).rejects.toThrow(/\/name\/short/);
    expect(existsSync(out)).toBe(false);
  });
});
