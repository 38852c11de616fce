// An admin opens the Agents Playground, types `mailboxes`, and reads the report card.
import type { Page } from 'playwright-core';
import type { Demo } from '../../src/demo/launch';
import { playgroundForFile, SCREENSHOTS, typeMessage } from '../support/browser';
import { mailboxUsers, visible } from '../support/tenant-facts';

let demo: Demo;
let page: Page;
// No background rounds: the archive refresh's first round would add Exchange calls to the count below.
playgroundForFile({ ALERT_INTERVAL_MINUTES: '0' }, (s) => ({ demo, page } = s));

test('mailboxes shows the user mailboxes with the most items first', async () => {
  const users = mailboxUsers(demo.tenant, 'UserMailbox').sort((a, b) => b.mailbox!.itemCount - a.mailbox!.itemCount);
  await typeMessage(page, 'mailboxes');
  // The report replaces the progress card: wait for its "10 of 176" line.
  const line = page.getByText(new RegExp(`\\d+ of ${users.length}\\b`)).last();
  await line.waitFor({ timeout: 60_000 });
  const card = page.locator('.ac-adaptiveCard').last();
  await card.screenshot({ path: `${SCREENSHOTS}/e2e-mailboxes.png` });
  const text = visible(await card.innerText());
  const table = text.slice(text.search(/\d+ of \d+/));
  expect(table.indexOf(visible(users[0].displayName))).toBeGreaterThan(-1);
  expect(table.indexOf(visible(users[1].displayName))).toBeGreaterThan(table.indexOf(visible(users[0].displayName)));
  expect(text).toMatch(/\d+(\.\d)? (GB|MB)/);
  expect(text).toMatch(/today|ago|never/);
});

const exchangeCalls = async () => (await (await fetch(`${demo.simulator.controlUrl}/_sim/requests`)).json()).apis.exchange.total as number;

test('Next, Sort and a row click answer from the snapshot, without reading Exchange again', async () => {
  const before = await exchangeCalls();
  const users = mailboxUsers(demo.tenant, 'UserMailbox');
  await page.getByRole('button', { name: 'Next ▶' }).last().click();
  // Page 2 starts after the last row that fitted on page 1.
  await page
    .getByText(new RegExp(`\\d+–\\d+ of ${users.length}\\b`))
    .last()
    .waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Sort' }).last().click();
  await page.getByRole('button', { name: 'Largest' }).last().click();
  await page
    .getByText(/largest first/)
    .last()
    .waitFor({ timeout: 30_000 });
  await page
    .locator('.ac-adaptiveCard')
    .last()
    .screenshot({ path: `${SCREENSHOTS}/e2e-sorted-by-size.png` });
  const largest = users.sort((a, b) => b.mailbox!.totalItemSizeBytes - a.mailbox!.totalItemSizeBytes)[0];
  const name = page.locator('.ac-adaptiveCard').last().getByText(largest.displayName, { exact: false }).last();
  await name.click();
  await page.getByText(largest.userPrincipalName).last().waitFor({ timeout: 30_000 });
  expect(await exchangeCalls()).toBe(before);
});

test('Export CSV gives a download link to every row', async () => {
  await page.getByRole('button', { name: 'Export CSV' }).first().click();
  // Action.OpenUrl renders as a link-like control, not a button role.
  const download = page.getByText('Download CSV', { exact: true }).last();
  await download.waitFor({ timeout: 30_000 });
  await page
    .locator('.ac-adaptiveCard')
    .last()
    .screenshot({ path: `${SCREENSHOTS}/e2e-export.png` });
  // The link opens in a new tab that downloads the file: catch the request it makes.
  const [request] = await Promise.all([
    page.context().waitForEvent('request', { predicate: (r) => r.url().includes('/api/exports/'), timeout: 10_000 }),
    download.click(),
  ]);
  const url = request.url();
  expect(url).toMatch(/\/api\/exports\/[0-9a-f]{32}\?exp=\d+&sig=/);
  const csv = await (await fetch(url)).text();
  expect(csv.trim().split('\r\n').length).toBe(mailboxUsers(demo.tenant, 'UserMailbox').length + 1);
});

test('a Refresh click in the card reads the tenant again and shows the report', async () => {
  const before = await exchangeCalls();
  await page.locator('.ac-adaptiveCard', { hasText: 'User mailboxes' }).last().getByRole('button', { name: 'Refresh' }).click();
  await page
    .getByText(/Reading mailboxes|mailboxes to read/)
    .last()
    .waitFor({ timeout: 30_000 })
    .catch(() => undefined);
  // The report's own count line: a row click's details card (a message of its own) also says "x of y".
  const report = page.locator('.ac-adaptiveCard').filter({ hasText: /\d+ of \d+ user mailboxes/ });
  await report.last().waitFor({ timeout: 60_000 });
  expect(await report.last().innerText()).toMatch(/User mailboxes/);
  expect(await exchangeCalls()).toBeGreaterThan(before);
});

test('mailbox <name> opens one mailbox', async () => {
  const megan = demo.tenant.users.find((u) => /megan/i.test(u.displayName) && u.mailbox)!;
  await typeMessage(page, `mailbox ${megan.userPrincipalName}`);
  await page.getByText(megan.userPrincipalName).last().waitFor({ timeout: 60_000 });
  await page
    .locator('.ac-adaptiveCard')
    .last()
    .screenshot({ path: `${SCREENSHOTS}/e2e-mailbox.png` });
  expect(visible(await page.locator('.ac-adaptiveCard').last().innerText())).toContain(visible(megan.displayName));
});
