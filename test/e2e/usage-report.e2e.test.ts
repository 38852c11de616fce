// The demo on a 100,000-mailbox tenant in the Agents Playground: `mailboxes` answers from Microsoft
// 365's usage report with its date on the card, the rows shown live. The screenshot is the one in
// docs/screenshots/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DOCS_SCREENSHOTS, playgroundForFile, typeMessage } from '../support/browser';
import { visible } from '../support/tenant-facts';

let page: Page;
playgroundForFile({ DEMO_TENANT: 'generate:100000:1' }, (s) => ({ page } = s), 300_000);

test('a 100,000-mailbox report card says the date of its usage data', async () => {
  await typeMessage(page, 'mailboxes');
  const card = page
    .locator('.ac-adaptiveCard')
    .filter({ hasText: /Usage data of/ })
    .last();
  await card.waitFor({ timeout: 240_000 });
  const text = visible(await card.innerText());
  expect(text).toMatch(/Usage data of [A-Z][a-z]{2} \d+ \(Microsoft 365, daily\); the rows shown are live/);
  expect(text).toMatch(/of 9\d,\d{3} user mailboxes/);
  fs.mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
  // The card is taller than the window: a taller window shows it whole, its date line at the top.
  await page.setViewportSize({ width: 1400, height: 3200 });
  await card.getByText(/Usage data of/).scrollIntoViewIfNeeded();
  await card.screenshot({ path: path.join(DOCS_SCREENSHOTS, 'mailboxes-100000-usage-report.png') });
}, 300_000);
