// An admin turns alerts on in the Agents Playground, a shared mailbox grows past 50 GB, and the
// alert card appears in the chat on its own; Acknowledge replaces it with who acknowledged it.
import * as os from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startDemo, Demo } from '../../src/demo/launch';
import { freePort } from '../../src/demo/azurite';
import { openBrowser, SCREENSHOTS, typeMessage } from '../support/browser';
import { visible } from '../support/tenant-facts';

let demo: Demo;
let browser: Browser;
let page: Page;
const azuriteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-alerts-'));

beforeAll(async () => {
  demo = await startDemo(
    { ...process.env, M365_TENANT_ID: '', PORT: '0', PLAYGROUND_PORT: String(await freePort()), AZURITE_LOCATION: azuriteDir, LOG_LEVEL: 'warn', ALERT_INTERVAL_MINUTES: '0' },
    { quiet: true },
  );
  browser = await openBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(demo.playground!.url);
  await page.locator('[role="textbox"][contenteditable="true"]').first().waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  fs.rmSync(azuriteDir, { recursive: true, force: true });
});

test('an alert appears in the chat by itself, and Acknowledge works', async () => {
  const shared = demo.tenant.users.find(
    (u) => u.mailbox?.recipientTypeDetails === 'SharedMailbox' && u.assignedLicenses.length === 0 && u.mailbox.archiveStatus !== 'Active' && !u.mailbox.litigationHoldEnabled && u.mailbox.totalItemSizeBytes < 40 * 1024 ** 3,
  )!;
  expect(shared).toBeDefined();
  await typeMessage(page, 'alerts on licence');
  await page.getByText(/Alerts are on in this chat/).last().waitFor({ timeout: 60_000 });

  const patched = await fetch(`${demo.simulator.controlUrl}/_sim/users/${shared.userPrincipalName}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mailbox: { totalItemSizeBytes: 60_000_000_000 } }),
  });
  expect(patched.ok).toBe(true);
  // The timer would do this on its own; the report's counts say a cycle ran.
  const report = await demo.bot.services.alerts.runCycle();
  expect(report.ran).toBe(true);

  const card = page.locator('.ac-adaptiveCard').filter({ hasText: `Shared mailbox ${shared.displayName} needs a licence` }).last();
  await card.waitFor({ timeout: 60_000 });
  const text = visible(await card.innerText());
  expect(text).toMatch(/LICENCE ALERT/);
  expect(text).toMatch(/over 50 GB/);
  expect(text).toMatch(/First seen/);
  await card.screenshot({ path: `${SCREENSHOTS}/e2e-alert.png` });

  await card.getByRole('button', { name: 'Acknowledge' }).click();
  const acknowledged = page.locator('.ac-adaptiveCard').filter({ hasText: /Acknowledged by/ }).last();
  await acknowledged.waitFor({ timeout: 60_000 });
  expect(await acknowledged.innerText()).toContain(shared.displayName);
  expect(await acknowledged.getByRole('button', { name: 'Snooze 1 day' }).count()).toBe(0);
  await acknowledged.screenshot({ path: `${SCREENSHOTS}/e2e-alert-acknowledged.png` });
});
