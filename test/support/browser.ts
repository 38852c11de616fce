// Debian's chromium driven by playwright-core, as an admin's browser on the Agents Playground.
import { chromium, Browser, Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startDemo, Demo } from '../../src/demo/launch';
import { freePort } from '../../src/demo/azurite';

export const SCREENSHOTS = path.resolve(__dirname, '../../test-results');
/** Screenshots kept with the docs: what a card looks like on a phone and on a desktop. */
export const DOCS_SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');

/** A phone's width in CSS pixels (a common Android width), and the desktop the other tests use. */
export const PHONE = { width: 360, height: 800 };
export const DESKTOP = { width: 1400, height: 1000 };

export async function openBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  if (!executablePath) throw new Error("Debian's chromium is not installed: apt-get install chromium (.ci/run does it)");
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Types a message in the playground's compose box and sends it. */
export async function typeMessage(page: Page, text: string): Promise<void> {
  const box = page.locator('[role="textbox"][contenteditable="true"]').first();
  await box.click();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

export interface PlaygroundSession {
  demo: Demo;
  page: Page;
  close(): Promise<void>;
}

/**
 * `npm start` as a browser test needs it: the demo on free ports with its own Azurite folder, and
 * the Agents Playground open in chromium, ready to type in. `env` adds demo settings.
 */
export async function openDemoInPlayground(env: NodeJS.ProcessEnv = {}): Promise<PlaygroundSession> {
  const azuriteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-azurite-'));
  let demo: Demo | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await demo?.stop();
    fs.rmSync(azuriteDir, { recursive: true, force: true });
  };
  try {
    demo = await startDemo(
      {
        ...process.env,
        M365_TENANT_ID: '',
        PORT: '0',
        PLAYGROUND_PORT: String(await freePort()),
        AZURITE_LOCATION: azuriteDir,
        LOG_LEVEL: 'warn',
        // Months of history take the demo's first start a while; the history test asks for them.
        DEMO_HISTORY: 'off',
        ...env,
      },
      { quiet: true },
    );
    browser = await openBrowser();
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(demo.playground!.url);
    // The playground greets with its own start page; the compose box is ready when it is editable.
    await page.locator('[role="textbox"][contenteditable="true"]').first().waitFor({ timeout: 60_000 });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    return { demo, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The demo in the Playground for every test of a file: opened in a `beforeAll` (given `timeout` ms
 * when the tenant is large), handed to `ready`, and closed in an `afterAll`.
 */
export function playgroundForFile(env: NodeJS.ProcessEnv, ready: (session: PlaygroundSession) => void, timeout?: number): void {
  let session: PlaygroundSession | undefined;
  beforeAll(async () => {
    session = await openDemoInPlayground(env);
    ready(session);
  }, timeout);
  afterAll(async () => {
    await session?.close();
  });
}
