// An admin opens the Agents Playground, types `mailboxes`, and reads the report card.
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemo, Demo } from '../../src/demo/launch';
import { freePort } from '../../src/demo/azurite';
import { openBrowser, screenshot, typeMessage } from '../support/browser';

let demo: Demo;
let browser: Browser;
let page: Page;
const azuriteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-azurite-'));

beforeAll(async () => {
  demo = await startDemo(
    { ...process.env, M365_TENANT_ID: '', PORT: '0', PLAYGROUND_PORT: String(await freePort()), AZURITE_LOCATION: azuriteDir, LOG_LEVEL: 'warn' },
    { quiet: true },
  );
  browser = await openBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(demo.playground!.url);
  // The playground greets with its own start page; the compose box is ready when it is editable.
  await page.locator('[role="textbox"][contenteditable="true"]').first().waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  fs.rmSync(azuriteDir, { recursive: true, force: true });
});

test('mailboxes shows the user mailboxes with the most items first', async () => {
  const users = demo.simulator ? (await (await fetch(`${demo.simulator.controlUrl}/_sim/info`)).json()) : null;
  expect(users).toBeTruthy();
  await typeMessage(page, 'mailboxes');
  // The report replaces the progress card: wait for its "N of M" line.
  await page.getByText(/\d+ of [\d,]+/).first().waitFor({ timeout: 60_000 });
  await screenshot(page, 'mailboxes');
  const text = await page.locator('.ac-adaptiveCard').last().innerText();
  expect(text).toMatch(/GB|MB/);
  expect(text).toMatch(/ago|today|never/);
});
