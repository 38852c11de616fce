// The demo's first start fills in months of history through the simulated clock; an admin types
// `mailbox megan` in the Agents Playground and reads its size trend and projected full date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { Demo } from '../../src/demo/launch';
import { playgroundForFile, SCREENSHOTS, typeMessage } from '../support/browser';
import { visible } from '../support/tenant-facts';

let demo: Demo;
let page: Page;
playgroundForFile({ DEMO_HISTORY: 'on' }, (s) => ({ demo, page } = s), 180_000);

test('mailbox shows a size trend over the history the demo collected', async () => {
  const summary = await demo.bot.services.history.store.summary();
  expect(summary.days).toBeGreaterThanOrEqual(90);
  const megan = demo.tenant.users.find((u) => /megan/i.test(u.displayName) && u.mailbox)!;
  await typeMessage(page, `mailbox ${megan.userPrincipalName}`);
  await page.getByText('Size trend').last().waitFor({ timeout: 60_000 });
  const card = page.locator('.ac-adaptiveCard').last();
  await card.screenshot({ path: `${SCREENSHOTS}/e2e-mailbox-trend.png` });
  if (process.env.UPDATE_DOC_SCREENSHOTS)
    fs.copyFileSync(`${SCREENSHOTS}/e2e-mailbox-trend.png`, path.resolve(__dirname, '../../docs/screenshots/mailbox-trend.png'));
  const text = visible(await card.innerText());
  expect(text).toMatch(/Growth, 30 days/);
  expect(text).toMatch(/9\d days \(/);
  expect(text).toMatch(/Full in ~[\d,]+ days, around|Not full within a year|Not growing|Shrinking/);
}, 180_000);
