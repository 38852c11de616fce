// An admin turns alerts on in the Agents Playground, a shared mailbox grows past 50 GB, and the
// alert card appears in the chat on its own; Acknowledge replaces it with who acknowledged it.
import type { Page } from 'playwright-core';
import type { Demo } from '../../src/demo/launch';
import { playgroundForFile, SCREENSHOTS, typeMessage } from '../support/browser';
import { unlicensedSharedMailbox, visible } from '../support/tenant-facts';

let demo: Demo;
let page: Page;
playgroundForFile({ ALERT_INTERVAL_MINUTES: '0' }, (s) => ({ demo, page } = s));

test('an alert appears in the chat by itself, and Acknowledge works', async () => {
  const shared = unlicensedSharedMailbox(demo.tenant);
  expect(shared).toBeDefined();
  await typeMessage(page, 'alerts on licence');
  await page
    .getByText(/Alerts are on in this chat/)
    .last()
    .waitFor({ timeout: 60_000 });

  const patched = await fetch(`${demo.simulator.controlUrl}/_sim/users/${shared.userPrincipalName}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mailbox: { totalItemSizeBytes: 60_000_000_000 } }),
  });
  expect(patched.ok).toBe(true);
  // The timer would do this on its own; the report's counts say a cycle ran.
  const report = await demo.bot.services.alerts.runCycle();
  expect(report.ran).toBe(true);

  const card = page
    .locator('.ac-adaptiveCard')
    .filter({ hasText: `Shared mailbox ${shared.displayName} needs a licence` })
    .last();
  await card.waitFor({ timeout: 60_000 });
  const text = visible(await card.innerText());
  expect(text).toMatch(/LICENCE ALERT/);
  expect(text).toMatch(/over 50 GB/);
  expect(text).toMatch(/First seen/);
  await card.screenshot({ path: `${SCREENSHOTS}/e2e-alert.png` });

  await card.getByRole('button', { name: 'Acknowledge' }).click();
  const acknowledged = page
    .locator('.ac-adaptiveCard')
    .filter({ hasText: /Acknowledged by/ })
    .last();
  await acknowledged.waitFor({ timeout: 60_000 });
  expect(await acknowledged.innerText()).toContain(shared.displayName);
  expect(await acknowledged.getByRole('button', { name: 'Snooze 1 day' }).count()).toBe(0);
  await acknowledged.screenshot({ path: `${SCREENSHOTS}/e2e-alert-acknowledged.png` });
});
